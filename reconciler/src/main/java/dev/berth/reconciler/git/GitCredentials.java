package dev.berth.reconciler.git;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Credentials for a Git remote, from the environment only (never the command line, so they stay out
 * of shell history and process lists): {@code BERTH_GIT_TOKEN} for https, {@code BERTH_GIT_SSH_KEY}
 * (the path of a private key file) for ssh. Host keys are checked against {@code
 * ~/.ssh/known_hosts}.
 */
public final class GitCredentials {

  public static final String TOKEN_VARIABLE = "BERTH_GIT_TOKEN";
  public static final String SSH_KEY_VARIABLE = "BERTH_GIT_SSH_KEY";

  private final CredentialsProvider https;
  private final SshdSessionFactory ssh;

  private GitCredentials(CredentialsProvider https, SshdSessionFactory ssh) {
    this.https = https;
    this.ssh = ssh;
  }

  /** From the process environment. */
  public static GitCredentials fromEnvironment() {
    return from(System.getenv());
  }

  /**
   * From the given variables.
   *
   * @throws IllegalArgumentException when {@code BERTH_GIT_SSH_KEY} names no readable file
   */
  public static GitCredentials from(Map<String, String> environment) {
    String token = environment.get(TOKEN_VARIABLE);
    CredentialsProvider https =
        token == null || token.isBlank()
            ? null
            : new UsernamePasswordCredentialsProvider("x-access-token", token);
    String key = environment.get(SSH_KEY_VARIABLE);
    SshdSessionFactory ssh = null;
    if (key != null && !key.isBlank()) {
      Path keyFile = Path.of(key);
      if (!Files.isReadable(keyFile)) {
        throw new IllegalArgumentException(
            SSH_KEY_VARIABLE + " names no readable key file: " + key);
      }
      Path home = Path.of(System.getProperty("user.home"));
      ssh =
          new SshdSessionFactoryBuilder()
              .setHomeDirectory(home.toFile())
              .setSshDirectory(home.resolve(".ssh").toFile())
              .setDefaultIdentities(dir -> List.of(keyFile))
              .setPreferredAuthentications("publickey")
              .build(null);
    }
    return new GitCredentials(https, ssh);
  }

  /** For https remotes; null when no token is set. */
  public CredentialsProvider https() {
    return https;
  }

  /** Whether an ssh key is configured. */
  public boolean hasSshKey() {
    return ssh != null;
  }

  /** Points ssh transports at the configured key; leaves others alone. */
  public TransportConfigCallback transport() {
    return transport -> {
      if (ssh != null && transport instanceof SshTransport t) {
        t.setSshSessionFactory(ssh);
      }
    };
  }
}
