package dev.berth.workflows.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.workflows.model.SecretRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecretPolicyTest {

  private static final NeverResolved NEVER =
      NeverResolved.of(
          Map.of(
              "BERTH_GIT_SSH_KEY",
              "/home/berth/keys/git_ed25519",
              "AZURE_FEDERATED_TOKEN_FILE",
              "/var/run/secrets/azure/tokens/azure-identity-token"),
          "/home/berth",
          List.of("TEMPORAL_CLOUD_KEY", "MY_API_KEY"),
          List.of(Path.of("/etc/berth/temporal.key")));

  private static final SecretPolicy POLICY =
      SecretPolicy.parse(
          "env:APP_*, env:*_CLIENT_SECRET, file:/run/berth/secrets/*, file:/opt/app/**, keyvault:shop-kv/*, env:MY_API_KEY, file:/home/berth/**, file:/proc/**, file:/etc/berth/*",
          NEVER);

  static Stream<Arguments> references() {
    return Stream.of(
        // allowed by a pattern
        Arguments.of("env:APP_DB_PASSWORD", null),
        Arguments.of("file:/run/berth/secrets/db", null),
        Arguments.of("file:/opt/app/deep/er/token", null),
        Arguments.of("keyvault:shop-kv/db-password", null),
        Arguments.of("keyvault:SHOP-KV/DB-Password", null),
        // outside every pattern
        Arguments.of(
            "env:DB_PASSWORD",
            "env:DB_PASSWORD is not allowed by this Berth's secret policy (allowed: env:APP_*, env:*_CLIENT_SECRET, "),
        Arguments.of(
            "file:/run/berth/secrets/sub/db", "is not allowed by this Berth's secret policy"),
        Arguments.of("file:/etc/shadow", "is not allowed by this Berth's secret policy"),
        Arguments.of(
            "keyvault:other-kv/db-password", "is not allowed by this Berth's secret policy"),
        // never, whatever the policy says
        Arguments.of(
            "env:AZURE_CLIENT_SECRET",
            "env:AZURE_CLIENT_SECRET is never allowed: it is one of Berth's own settings or credentials"),
        Arguments.of("env:APP_X", null),
        Arguments.of("env:MY_API_KEY", "is never allowed"),
        Arguments.of("file:/home/berth/.ssh/id_rsa", "is never allowed"),
        Arguments.of("file:/home/berth/.azure/msal_token_cache.json", "is never allowed"),
        Arguments.of("file:/home/berth/keys/git_ed25519", "is never allowed"),
        Arguments.of("file:/home/berth/notes.txt", null),
        Arguments.of("file:/proc/self/environ", "is never allowed"),
        Arguments.of("file:/etc/berth/temporal.key", "is never allowed"),
        Arguments.of("file:/etc/berth/other.pem", null),
        // not normalised
        Arguments.of(
            "file:/run/berth/secrets/../../../etc/shadow", "is not an absolute, normalised path"),
        Arguments.of("file:/run/berth/secrets/./db", "is not an absolute, normalised path"),
        Arguments.of("file:/run/berth//secrets/db", "is not an absolute, normalised path"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void eachReference(String written, String refusal) {
    SecretRef ref = ref(written);
    SecretVerdict verdict = POLICY.check(ref);
    if (refusal == null) {
      assertThat(verdict).isInstanceOf(SecretVerdict.Allowed.class);
    } else {
      assertThat(verdict)
          .isInstanceOfSatisfying(
              SecretVerdict.Refused.class, r -> assertThat(r.reason()).contains(refusal));
    }
  }

  @Test
  void everyBerthAndIdentityVariableIsRefusedEvenUnderEnvStar() {
    SecretPolicy all = SecretPolicy.parse("env:*", NEVER);
    for (String name :
        List.of(
            "BERTH_WEBHOOK_SECRET",
            "BERTH_GIT_TOKEN",
            "BERTH_GIT_SSH_KEY",
            "BERTH_ALLOWED_SECRETS",
            "AZURE_CLIENT_SECRET",
            "AZURE_CLIENT_ID",
            "AZURE_FEDERATED_TOKEN_FILE",
            "IDENTITY_HEADER",
            "MSI_SECRET",
            "TEMPORAL_API_KEY",
            "TEMPORAL_CLOUD_KEY")) {
      assertThat(all.check(ref("env:" + name))).as(name).isInstanceOf(SecretVerdict.Refused.class);
    }
    assertThat(all.check(ref("env:SHOP_DB_PASSWORD"))).isInstanceOf(SecretVerdict.Allowed.class);
  }

  @Test
  void withoutAPolicyNothingResolves() {
    SecretPolicy none = SecretPolicy.parse("", NEVER);
    for (String written :
        List.of("env:APP_X", "file:/run/berth/secrets/db", "keyvault:shop-kv/db")) {
      assertThat(none.check(ref(written)))
          .isInstanceOfSatisfying(
              SecretVerdict.Refused.class,
              r ->
                  assertThat(r.reason())
                      .isEqualTo(
                          written
                              + " is not allowed by this Berth's secret policy (allowed: none)"));
    }
    assertThat(SecretPolicy.none().check(ref("env:APP_X")))
        .isInstanceOf(SecretVerdict.Refused.class);
  }

  @Test
  void aLinkOutOfTheAllowedFolderIsRefused_aLinkWithinItIsNot(@TempDir Path tmp)
      throws IOException {
    Path allowed = Files.createDirectories(tmp.resolve("secrets"));
    Path outside = Files.writeString(tmp.resolve("shadow"), "root:x");
    Files.createSymbolicLink(allowed.resolve("db"), outside);
    // Kubernetes mounts a secret as a link into a ..data folder beside it.
    Path data = Files.createDirectories(allowed.resolve("..2024_01_01").resolve("inner"));
    Files.writeString(data.resolve("token"), "t");
    Files.createSymbolicLink(allowed.resolve("token"), allowed.resolve("..2024_01_01/inner/token"));
    Files.createSymbolicLink(allowed.resolve("dangling"), tmp.resolve("nothing-here"));
    SecretPolicy policy = SecretPolicy.parse("file:" + allowed.toRealPath() + "/*", NEVER);

    assertThat(policy.check(ref("file:" + allowed.toRealPath() + "/db")))
        .isInstanceOfSatisfying(
            SecretVerdict.Refused.class,
            r ->
                assertThat(r.reason())
                    .contains("leads through a symbolic link out of the folders"));
    Path token = data.resolve("token").toRealPath();
    assertThat(policy.check(ref("file:" + allowed.toRealPath() + "/token")))
        .isInstanceOfSatisfying(
            SecretVerdict.Allowed.class, a -> assertThat(a.file()).isEqualTo(token));
    assertThat(policy.check(ref("file:" + allowed.toRealPath() + "/dangling")))
        .isInstanceOf(SecretVerdict.Refused.class);
  }

  @Test
  void theAllowedFolderMayItselfBeALink(@TempDir Path tmp) throws IOException {
    Path real = Files.createDirectories(tmp.resolve("mnt/secrets"));
    Files.writeString(real.resolve("db"), "pw");
    Path link = Files.createSymbolicLink(tmp.resolve("secrets"), real);
    SecretPolicy policy =
        SecretPolicy.parse("file:" + tmp.toRealPath().resolve("secrets") + "/*", NEVER);

    Path db = real.resolve("db").toRealPath();
    assertThat(policy.check(ref("file:" + tmp.toRealPath().resolve("secrets/db"))))
        .isInstanceOfSatisfying(
            SecretVerdict.Allowed.class, a -> assertThat(a.file()).isEqualTo(db));
    assertThat(link).isSymbolicLink();
  }

  @Test
  void aLinkToBerthsOwnKeyIsRefusedEvenInsideAnAllowedFolder(@TempDir Path tmp) throws IOException {
    Path key = Files.writeString(tmp.resolve("ssh-key"), "-----BEGIN OPENSSH PRIVATE KEY-----");
    Path allowed = Files.createDirectories(tmp.resolve("secrets"));
    Files.createSymbolicLink(allowed.resolve("key"), key);
    NeverResolved never =
        NeverResolved.of(Map.of("BERTH_GIT_SSH_KEY", key.toString()), null, List.of(), List.of());
    SecretPolicy policy = SecretPolicy.parse("file:" + tmp.toRealPath() + "/**", never);

    assertThat(policy.check(ref("file:" + allowed.toRealPath() + "/key")))
        .isInstanceOfSatisfying(
            SecretVerdict.Refused.class, r -> assertThat(r.reason()).contains("is never allowed"));
  }

  @Test
  void badPatternsAreRefusedWithWhatToWrite() {
    assertThatThrownBy(() -> SecretPolicy.parse("APP_*", NEVER))
        .hasMessageContaining("starts with env:, file: or keyvault:");
    assertThatThrownBy(() -> SecretPolicy.parse("file:relative/*", NEVER))
        .hasMessageContaining("file:/absolute/path");
    assertThatThrownBy(() -> SecretPolicy.parse("file:/run/../etc/*", NEVER))
        .hasMessageContaining("without '.', '..'");
    assertThatThrownBy(() -> SecretPolicy.parse("keyvault:shop-kv", NEVER))
        .hasMessageContaining("keyvault:<vault>/<secret>");
    assertThatThrownBy(() -> SecretPolicy.parse("env:APP-X", NEVER))
        .hasMessageContaining("env:NAME");
    assertThat(SecretPolicy.parse(" env:APP_* ,, file:/run/s/* ", NEVER).describe())
        .isEqualTo("env:APP_*, file:/run/s/*");
  }

  private static SecretRef ref(String written) {
    int colon = written.indexOf(':');
    SecretRef.Source source =
        SecretRef.Source.valueOf(written.substring(0, colon).toUpperCase(java.util.Locale.ROOT));
    return new SecretRef(source, written.substring(colon + 1));
  }
}
