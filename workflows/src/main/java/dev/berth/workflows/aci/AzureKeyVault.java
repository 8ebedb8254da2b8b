package dev.berth.workflows.aci;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import dev.berth.workflows.backend.BackendException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Key Vault over HTTPS at {@code https://<vault>.vault.azure.net} with an Azure identity. A missing
 * secret or a refused read is INVALID; throttling and server errors are RETRYABLE. Thread-safe.
 */
public final class AzureKeyVault implements KeyVault {

  private final TokenCredential credential;
  private final Map<String, SecretClient> clients = new ConcurrentHashMap<>();

  public AzureKeyVault(TokenCredential credential) {
    this.credential = credential;
  }

  @Override
  public String secret(String vault, String name) {
    String ref = "keyvault:" + vault + "/" + name;
    try {
      return clients.computeIfAbsent(vault, this::client).getSecret(name).getValue();
    } catch (ResourceNotFoundException e) {
      throw new BackendException(BackendException.Kind.INVALID, "secret " + ref + " does not exist");
    } catch (HttpResponseException e) {
      int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
      BackendException.Kind kind = status == 429 || status >= 500 ? BackendException.Kind.RETRYABLE : BackendException.Kind.INVALID;
      throw new BackendException(kind, "secret " + ref + " could not be read: HTTP " + status);
    }
  }

  private SecretClient client(String vault) {
    return new SecretClientBuilder()
        .vaultUrl("https://" + vault + ".vault.azure.net")
        .credential(credential)
        .httpClient(new JdkHttpClientBuilder().build())
        .buildClient();
  }
}
