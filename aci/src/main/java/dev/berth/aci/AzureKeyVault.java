package dev.berth.aci;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.secrets.KeyVault;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Key Vault over HTTPS at {@code https://<vault>.vault.azure.net} with an Azure identity. A missing
 * secret or a refused read is INVALID; throttling, server errors and answers that cannot be read
 * are RETRYABLE. No failure carries the SDK's own message: it may quote the response, and the
 * response of a read is the secret. Thread-safe.
 */
public final class AzureKeyVault implements KeyVault {

  private final Function<String, SecretClient> connect;
  private final Map<String, SecretClient> clients = new ConcurrentHashMap<>();

  public AzureKeyVault(TokenCredential credential) {
    this(
        (Function<String, SecretClient>)
            vault ->
                new SecretClientBuilder()
                    .vaultUrl("https://" + vault + ".vault.azure.net")
                    .credential(credential)
                    .httpClient(new JdkHttpClientBuilder().build())
                    .buildClient());
  }

  private AzureKeyVault(Function<String, SecretClient> connect) {
    this.connect = connect;
  }

  /**
   * Every vault at {@code endpoint/<vault>} through {@code pipeline}, which signs requests itself
   * (or not at all): a Key Vault stand-in on this machine, for tests.
   */
  public static AzureKeyVault at(URI endpoint, HttpPipeline pipeline) {
    String base = endpoint.toString().endsWith("/") ? endpoint.toString() : endpoint + "/";
    return new AzureKeyVault(
        (Function<String, SecretClient>)
            vault ->
                new SecretClientBuilder().vaultUrl(base + vault).pipeline(pipeline).buildClient());
  }

  @Override
  public String secret(String vault, String name) {
    String ref = "keyvault:" + vault + "/" + name;
    String value;
    try {
      value = clients.computeIfAbsent(vault, connect).getSecret(name).getValue();
    } catch (ResourceNotFoundException e) {
      throw new BackendException(
          BackendException.Kind.INVALID, "secret " + ref + " does not exist");
    } catch (HttpResponseException e) {
      int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
      BackendException.Kind kind =
          status == 429 || status >= 500
              ? BackendException.Kind.RETRYABLE
              : BackendException.Kind.INVALID;
      throw new BackendException(kind, "secret " + ref + " could not be read: HTTP " + status);
    } catch (RuntimeException e) {
      throw new BackendException(
          BackendException.Kind.RETRYABLE,
          "secret " + ref + " could not be read (" + e.getClass().getSimpleName() + ")");
    }
    if (value == null) {
      throw new BackendException(
          BackendException.Kind.INVALID, "secret " + ref + " has no value (disabled?)");
    }
    return value;
  }
}
