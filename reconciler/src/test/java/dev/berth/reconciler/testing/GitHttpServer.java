package dev.berth.reconciler.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * Serves one repository over Git's smart HTTP protocol (fetch only) on a loopback port, behind HTTP
 * basic authentication with a token, as GitHub and Azure DevOps do for https remotes.
 */
public final class GitHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final Repository repository;
  private final String expected;

  public GitHttpServer(Repository repository, String token) throws IOException {
    this.repository = repository;
    this.expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("x-access-token:" + token).getBytes(StandardCharsets.UTF_8));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/repo.git/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/repo.git";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"berth\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      String path = exchange.getRequestURI().getPath();
      if (path.endsWith("/info/refs")) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        PacketLineOut out = new PacketLineOut(body);
        out.writeString("# service=git-upload-pack\n");
        out.end();
        UploadPack up = new UploadPack(repository);
        up.setBiDirectionalPipe(false);
        up.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(out));
        send(exchange, "application/x-git-upload-pack-advertisement", body.toByteArray());
      } else if (path.endsWith("/git-upload-pack")) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        UploadPack up = new UploadPack(repository);
        up.setBiDirectionalPipe(false);
        byte[] request;
        boolean gzip = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"));
        try (InputStream in =
            gzip ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
          request = in.readAllBytes();
        }
        up.upload(new ByteArrayInputStream(request), body, null);
        send(exchange, "application/x-git-upload-pack-result", body.toByteArray());
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
    }
  }

  private static void send(HttpExchange exchange, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.getResponseHeaders().add("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
