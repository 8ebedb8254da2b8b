package dev.berth.reconciler.docker;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * What a Docker engine listening on {@code tcp://...:2376} with {@code --tlsverify} looks like, on
 * loopback: TLS with a server certificate of a test CA, a client certificate of that CA demanded,
 * and every accepted connection relayed byte for byte to the machine's engine socket. Certificates
 * are made with the {@code openssl} command: {@code ca.pem}, {@code cert.pem} and {@code key.pem}
 * for the client in {@link #clientDir}, as Docker's {@code DOCKER_CERT_PATH} holds them.
 */
final class TlsEngineProxy implements AutoCloseable {

  private final SSLServerSocket server;
  private final Path clientDir;
  private final Thread acceptor;

  TlsEngineProxy(Path dir) throws Exception {
    clientDir = dir.resolve("client");
    Files.createDirectories(clientDir);
    openssl(
        dir,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca-key.pem",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=berth-test-ca");
    Files.writeString(dir.resolve("san.cnf"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    openssl(
        dir,
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server-key.pem",
        "-out",
        "server.csr",
        "-subj",
        "/CN=localhost");
    openssl(
        dir,
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca-key.pem",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "san.cnf");
    openssl(
        dir,
        "pkcs12",
        "-export",
        "-in",
        "server.pem",
        "-inkey",
        "server-key.pem",
        "-out",
        "server.p12",
        "-passout",
        "pass:test");
    Files.writeString(dir.resolve("client.cnf"), "extendedKeyUsage=clientAuth\n");
    openssl(
        dir,
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "client/key.pem",
        "-out",
        "client.csr",
        "-subj",
        "/CN=berth");
    openssl(
        dir,
        "x509",
        "-req",
        "-in",
        "client.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca-key.pem",
        "-CAcreateserial",
        "-out",
        "client/cert.pem",
        "-days",
        "2",
        "-extfile",
        "client.cnf");
    Files.copy(dir.resolve("ca.pem"), clientDir.resolve("ca.pem"));

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(dir.resolve("server.p12").toFile())) {
      keys.load(in, "test".toCharArray());
    }
    KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    km.init(keys, "test".toCharArray());
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(dir.resolve("ca.pem"))) {
      trusted.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tm =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tm.init(trusted);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(km.getKeyManagers(), tm.getTrustManagers(), null);
    server =
        (SSLServerSocket)
            tls.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    server.setNeedClientAuth(true);
    acceptor = new Thread(this::accept, "tls-engine-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  Path clientDir() {
    return clientDir;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        SSLSocket client = (SSLSocket) server.accept();
        Thread relay = new Thread(() -> relay(client), "tls-engine-relay");
        relay.setDaemon(true);
        relay.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  /**
   * One connection. The engine side is read and written through the channel itself (its stream
   * adapters share one lock, so a read waiting for the engine would block the request's write).
   */
  private static void relay(SSLSocket client) {
    try (client;
        SocketChannel engine = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      client.startHandshake();
      engine.connect(UnixDomainSocketAddress.of(LocalEngine.SOCKET));
      OutputStream toClient = client.getOutputStream();
      Thread back =
          new Thread(
              () -> {
                ByteBuffer buffer = ByteBuffer.allocate(16384);
                try {
                  while (engine.read(buffer.clear()) >= 0) {
                    toClient.write(buffer.array(), 0, buffer.position());
                    toClient.flush();
                  }
                } catch (IOException closed) {
                  // one side closed
                }
              },
              "tls-engine-back");
      back.setDaemon(true);
      back.start();
      InputStream fromClient = client.getInputStream();
      byte[] bytes = new byte[16384];
      for (int n = fromClient.read(bytes); n >= 0; n = fromClient.read(bytes)) {
        ByteBuffer out = ByteBuffer.wrap(bytes, 0, n);
        while (out.hasRemaining()) {
          engine.write(out);
        }
      }
      engine.shutdownOutput();
      back.join(5_000);
    } catch (IOException | InterruptedException e) {
      // a client that fails the handshake, or hangs up, ends its relay
    }
  }

  private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + ": " + out);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
