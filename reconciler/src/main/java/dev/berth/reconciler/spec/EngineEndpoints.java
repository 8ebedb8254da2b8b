package dev.berth.reconciler.spec;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The forms a Docker node's {@code docker:} endpoint may take: {@code unix:///absolute/path},
 * {@code tcp://host:port} (TLS) and {@code ssh://[user@]host[:port]}. Says what is wrong, or
 * nothing when the endpoint is well formed; whether Berth may reach it is the operator's call, at
 * run time.
 */
final class EngineEndpoints {

  private static final String HOST =
      "([A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])";
  private static final Pattern UNIX = Pattern.compile("unix:///[^\\s?#]*[^/\\s?#]");
  private static final Pattern TCP = Pattern.compile("tcp://" + HOST + ":([0-9]{1,5})");
  private static final Pattern SSH =
      Pattern.compile("ssh://([a-z_][-a-z0-9_.]*@)?" + HOST + "(:([0-9]{1,5}))?");

  static final String FORMS = "unix:///path, tcp://host:port or ssh://[user@]host[:port]";

  private EngineEndpoints() {}

  static Optional<String> problem(String endpoint) {
    if (UNIX.matcher(endpoint).matches()) {
      return Optional.empty();
    }
    var tcp = TCP.matcher(endpoint);
    if (tcp.matches()) {
      return port(tcp.group(3));
    }
    var ssh = SSH.matcher(endpoint);
    if (ssh.matches()) {
      return ssh.group(5) == null ? Optional.empty() : port(ssh.group(5));
    }
    if (endpoint.startsWith("tcp://") && !endpoint.substring(6).contains(":")) {
      return Optional.of(
          "a tcp endpoint needs its port (Docker's TLS port is 2376), got '" + endpoint + "'");
    }
    return Optional.of("must be " + FORMS + ", got '" + endpoint + "'");
  }

  private static Optional<String> port(String digits) {
    int port = Integer.parseInt(digits);
    return port >= 1 && port <= 65535
        ? Optional.empty()
        : Optional.of("port must be between 1 and 65535, got " + digits);
  }
}
