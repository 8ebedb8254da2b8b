package dev.berth.workflows.aci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.model.SecretRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretResolverTest {

  private static final KeyVault VAULT = (vault, name) -> vault + "|" + name + "|value";

  private final SecretResolver resolver = new SecretResolver(Map.of("DB_PASSWORD", "pw-from-env")::get, Optional.of(VAULT));

  @Test
  void readsTheEnvironment() {
    assertThat(resolver.resolve(new SecretRef(SecretRef.Source.ENV, "DB_PASSWORD"))).isEqualTo("pw-from-env");
  }

  @Test
  void readsAFileAtTheMomentOfUseDroppingOneTrailingNewline(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("token");
    Files.writeString(file, "first\n");
    SecretRef ref = new SecretRef(SecretRef.Source.FILE, file.toString());
    assertThat(resolver.resolve(ref)).isEqualTo("first");
    Files.writeString(file, "second line\nkept\n\n");
    assertThat(resolver.resolve(ref)).isEqualTo("second line\nkept\n");
  }

  @Test
  void asksTheVaultNamedBeforeTheSlash() {
    assertThat(resolver.resolve(new SecretRef(SecretRef.Source.KEYVAULT, "shop-kv/db-password"))).isEqualTo("shop-kv|db-password|value");
  }

  @Test
  void aMissingSourceIsInvalidAndNamesTheReference(@TempDir Path dir) {
    assertThatThrownBy(() -> resolver.resolve(new SecretRef(SecretRef.Source.ENV, "UNSET")))
        .isInstanceOfSatisfying(BackendException.class, e -> {
          assertThat(e.kind()).isEqualTo(BackendException.Kind.INVALID);
          assertThat(e.getMessage()).contains("env:UNSET");
        });
    assertThatThrownBy(() -> resolver.resolve(new SecretRef(SecretRef.Source.FILE, dir.resolve("absent").toString())))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.INVALID));
    assertThatThrownBy(() -> resolver.resolve(new SecretRef(SecretRef.Source.KEYVAULT, "no-slash")))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.getMessage()).contains("keyvault:<vault>/<secret>"));
  }

  @Test
  void withoutAVaultKeyVaultReferencesAreInvalid() {
    assertThatThrownBy(() -> SecretResolver.local().resolve(new SecretRef(SecretRef.Source.KEYVAULT, "kv/s")))
        .isInstanceOfSatisfying(BackendException.class, e -> {
          assertThat(e.kind()).isEqualTo(BackendException.Kind.INVALID);
          assertThat(e.getMessage()).contains("keyvault references need");
        });
  }
}
