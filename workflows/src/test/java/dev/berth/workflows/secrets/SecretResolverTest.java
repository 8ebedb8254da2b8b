package dev.berth.workflows.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.model.SecretRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretResolverTest {

  private static final KeyVault VAULT = (vault, name) -> vault + "|" + name + "|value";

  @TempDir static Path files;

  private final SecretResolver resolver =
      new SecretResolver(
          Map.of("DB_PASSWORD", "pw-from-env", "BERTH_GIT_TOKEN", "t0ken")::get,
          Optional.of(VAULT),
          SecretPolicy.parse(
              "env:*, file:" + real(files) + "/**, keyvault:shop-kv/*",
              NeverResolved.ofThisProcess()));

  private static String real(Path dir) {
    try {
      return dir.toRealPath().toString();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void readsTheEnvironment() {
    assertThat(resolver.resolve(new SecretRef(SecretRef.Source.ENV, "DB_PASSWORD")))
        .isEqualTo("pw-from-env");
  }

  @Test
  void readsAFileAtTheMomentOfUseDroppingOneTrailingNewline() throws IOException {
    Path file = files.toRealPath().resolve("token");
    Files.writeString(file, "first\n");
    SecretRef ref = new SecretRef(SecretRef.Source.FILE, file.toString());
    assertThat(resolver.resolve(ref)).isEqualTo("first");
    Files.writeString(file, "second line\nkept\n\n");
    assertThat(resolver.resolve(ref)).isEqualTo("second line\nkept\n");
  }

  @Test
  void asksTheVaultNamedBeforeTheSlash() {
    assertThat(resolver.resolve(new SecretRef(SecretRef.Source.KEYVAULT, "shop-kv/db-password")))
        .isEqualTo("shop-kv|db-password|value");
  }

  @Test
  void aMissingSourceIsInvalidAndNamesTheReference() throws IOException {
    Path dir = files.toRealPath();
    assertThatThrownBy(() -> resolver.resolve(new SecretRef(SecretRef.Source.ENV, "UNSET")))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(BackendException.Kind.INVALID);
              assertThat(e.getMessage()).contains("env:UNSET");
            });
    assertThatThrownBy(
            () ->
                resolver.resolve(
                    new SecretRef(SecretRef.Source.FILE, dir.resolve("absent").toString())))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.INVALID));
    assertThatThrownBy(() -> resolver.resolve(new SecretRef(SecretRef.Source.KEYVAULT, "no-slash")))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.getMessage()).contains("keyvault:<vault>/<secret>"));
  }

  @Test
  void whatThePolicyRefusesIsNeverRead() throws IOException {
    Path outside = Files.writeString(Files.createTempFile("berth-outside", ".txt"), "outside");
    try {
      for (SecretRef ref :
          List.of(
              new SecretRef(SecretRef.Source.ENV, "BERTH_GIT_TOKEN"),
              new SecretRef(SecretRef.Source.FILE, outside.toString()),
              new SecretRef(SecretRef.Source.KEYVAULT, "other-kv/db"))) {
        assertThatThrownBy(() -> resolver.resolve(ref))
            .as(ref.toString())
            .isInstanceOfSatisfying(
                BackendException.class,
                e -> {
                  assertThat(e.kind()).isEqualTo(BackendException.Kind.INVALID);
                  assertThat(e.getMessage())
                      .startsWith("secret refused: " + ref)
                      .doesNotContain("t0ken", "outside\n");
                });
      }
    } finally {
      Files.delete(outside);
    }
  }

  @Test
  void aLinkPlantedAfterValidationIsCaughtWhenTheValueIsRead() throws IOException {
    Path dir = Files.createDirectories(files.toRealPath().resolve("planted"));
    Path target = dir.resolve("db");
    Files.writeString(target, "fine");
    SecretRef ref = new SecretRef(SecretRef.Source.FILE, target.toString());
    SecretResolver narrow =
        new SecretResolver(
            Map.<String, String>of()::get,
            Optional.empty(),
            SecretPolicy.parse("file:" + dir + "/*", NeverResolved.ofThisProcess()));
    assertThat(narrow.resolve(ref)).isEqualTo("fine");
    Path elsewhere = Files.writeString(files.toRealPath().resolve("elsewhere"), "not yours");
    Files.delete(target);
    Files.createSymbolicLink(target, elsewhere);
    assertThatThrownBy(() -> narrow.resolve(ref))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.getMessage()).contains("leads through a symbolic link out of"));
  }

  @Test
  void withNoPolicyNothingResolves() {
    SecretResolver none =
        new SecretResolver(Map.of("DB_PASSWORD", "pw-from-env")::get, Optional.of(VAULT));
    assertThatThrownBy(() -> none.resolve(new SecretRef(SecretRef.Source.ENV, "DB_PASSWORD")))
        .hasMessage(
            "secret refused: env:DB_PASSWORD is not allowed by this Berth's secret policy (allowed: none)");
  }

  @Test
  void withoutAVaultKeyVaultReferencesAreInvalid() {
    assertThatThrownBy(
            () -> SecretResolver.local().resolve(new SecretRef(SecretRef.Source.KEYVAULT, "kv/s")))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(BackendException.Kind.INVALID);
              assertThat(e.getMessage()).contains("keyvault references need");
            });
  }
}
