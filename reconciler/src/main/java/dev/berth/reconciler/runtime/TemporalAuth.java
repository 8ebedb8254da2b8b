package dev.berth.reconciler.runtime;

import java.nio.file.Path;

/**
 * How to authenticate to a Temporal service such as Temporal Cloud: mutual TLS with a client
 * certificate and its PKCS#8 key, and/or an API key read from an environment variable (never
 * from the command line). Every part may be null; {@link #NONE} is plaintext without a key.
 *
 * @param apiKeyEnv the name of the environment variable holding the key, not the key
 */
public record TemporalAuth(Path clientCert, Path clientKey, String apiKeyEnv) {

  public static final TemporalAuth NONE = new TemporalAuth(null, null, null);

  public TemporalAuth {
    if ((clientCert == null) != (clientKey == null)) {
      throw new IllegalArgumentException("a client certificate needs its key, and a key its certificate");
    }
  }

  public boolean tls() {
    return clientCert != null || apiKeyEnv != null;
  }
}
