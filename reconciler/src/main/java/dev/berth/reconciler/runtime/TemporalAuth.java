package dev.berth.reconciler.runtime;

import java.nio.file.Path;

/**
 * How to authenticate to a Temporal service such as Temporal Cloud: mutual TLS with a client
 * certificate and its PKCS#8 key, and/or an API key read from an environment variable (never from
 * the command line), trusting the system's certificate authorities or those in {@code serverCa}.
 * Every part may be null; {@link #NONE} is plaintext without a key.
 *
 * @param apiKeyEnv the name of the environment variable holding the key, not the key
 * @param serverCa PEM file of the certificate authorities (or the self-signed certificate) the
 *     server's certificate must chain to, for a self-hosted cluster with its own CA
 */
public record TemporalAuth(Path clientCert, Path clientKey, String apiKeyEnv, Path serverCa) {

  public static final TemporalAuth NONE = new TemporalAuth(null, null, null, null);

  public TemporalAuth {
    if ((clientCert == null) != (clientKey == null)) {
      throw new IllegalArgumentException(
          "a client certificate needs its key, and a key its certificate");
    }
  }

  /** Trusting the system's certificate authorities. */
  public TemporalAuth(Path clientCert, Path clientKey, String apiKeyEnv) {
    this(clientCert, clientKey, apiKeyEnv, null);
  }

  public boolean tls() {
    return clientCert != null || apiKeyEnv != null || serverCa != null;
  }
}
