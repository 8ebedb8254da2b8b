package dev.berth.reconciler.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.KeyPair;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.UploadPack;

/**
 * Serves one repository over SSH on a loopback port (Apache MINA sshd, which JGit's own ssh client
 * is built on): public-key authentication against one key, {@code git-upload-pack} only.
 */
public final class GitSshServer implements AutoCloseable {

  private final SshServer server;
  private final KeyPair hostKey;

  public GitSshServer(Repository repository, KeyPair hostKey, PublicKey allowedClient)
      throws IOException {
    this.hostKey = hostKey;
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPublickeyAuthenticator(
        (user, key, session) -> KeyUtils.compareKeys(key, allowedClient));
    server.setCommandFactory(
        (channel, command) -> {
          if (!command.startsWith("git-upload-pack")) {
            throw new IOException("only git-upload-pack is served, not " + command);
          }
          return new UploadPackCommand(repository);
        });
    server.start();
  }

  public int port() {
    return server.getPort();
  }

  public String url() {
    return "ssh://git@127.0.0.1:" + port() + "/repo.git";
  }

  /** The {@code known_hosts} line that trusts this server. */
  public String knownHostsLine() {
    return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  /** Runs JGit's upload-pack over the channel's streams. */
  private static final class UploadPackCommand implements Command {
    private final Repository repository;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private Thread thread;

    UploadPackCommand(Repository repository) {
      this.repository = repository;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
      this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      thread =
          new Thread(
              () -> {
                try {
                  new UploadPack(repository).upload(in, out, err);
                  out.flush();
                  exit.onExit(0);
                } catch (IOException e) {
                  exit.onExit(1, String.valueOf(e.getMessage()));
                }
              },
              "upload-pack");
      thread.start();
    }

    @Override
    public void destroy(ChannelSession channel) {
      if (thread != null) {
        thread.interrupt();
      }
    }
  }
}
