package dev.berth.reconciler.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.aci.AzureKeyVault;
import dev.berth.workflows.backend.BackendException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** AzureKeyVault through the real Key Vault SDK against a stand-in on loopback. */
class AzureKeyVaultTest {

  private final KeyVaultStandIn standIn = new KeyVaultStandIn();
  private final AzureKeyVault vault = standIn.vault();

  @AfterEach
  void stop() {
    standIn.close();
  }

  @Test
  void readsTheSecretsValue() {
    standIn.secret("shop-kv", "db-password", "s3cret-" + UUID.randomUUID());
    assertThat(vault.secret("shop-kv", "db-password")).startsWith("s3cret-");
    assertThat(standIn.asked)
        .singleElement()
        .asString()
        .startsWith("GET /shop-kv/secrets/db-password/?api-version=");
  }

  @Test
  void aMissingSecretOrARefusedReadIsInvalid_serverErrorsAreRetryable() {
    assertThatThrownBy(() -> vault.secret("shop-kv", "absent"))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(BackendException.Kind.INVALID);
              assertThat(e.getMessage()).isEqualTo("secret keyvault:shop-kv/absent does not exist");
            });
    standIn.answer(
        "shop-kv",
        "forbidden",
        new KeyVaultStandIn.Answer(
            403,
            "{\"error\":{\"code\":\"Forbidden\",\"message\":\"The user, group or application does not have secrets get permission\"}}"));
    assertThatThrownBy(() -> vault.secret("shop-kv", "forbidden"))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(BackendException.Kind.INVALID);
              assertThat(e.getMessage())
                  .isEqualTo("secret keyvault:shop-kv/forbidden could not be read: HTTP 403");
            });
    standIn.answer(
        "shop-kv",
        "busy",
        new KeyVaultStandIn.Answer(
            503, "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"try later\"}}"));
    assertThatThrownBy(() -> vault.secret("shop-kv", "busy"))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.RETRYABLE));
  }

  @Test
  void anAnswerCutShortFailsWithoutQuotingIt() {
    String value = "kv-" + UUID.randomUUID();
    String body = standIn.body("shop-kv", "cut", value);
    standIn.answer(
        "shop-kv",
        "cut",
        new KeyVaultStandIn.Answer(
            200, body.substring(0, body.indexOf(value) + value.length() + 20)));
    assertThatThrownBy(() -> vault.secret("shop-kv", "cut"))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.getMessage())
                  .startsWith("secret keyvault:shop-kv/cut could not be read")
                  .doesNotContain(value);
              assertThat(e.getCause()).isNull();
            });
  }
}
