package dev.berth.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.reconciler.spec.OperatorPolicy;
import dev.berth.workflows.model.SecretRef;
import dev.berth.workflows.secrets.SecretVerdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyOptionsTest {

  private static PolicyOptions options(Map<String, String> environment) {
    PolicyOptions options = new PolicyOptions();
    options.environment = environment;
    return options;
  }

  private static boolean allows(OperatorPolicy policy, SecretRef.Source source, String location) {
    return policy.secrets().check(new SecretRef(source, location)) instanceof SecretVerdict.Allowed;
  }

  @Test
  void theEnvironmentGivesTheDefaults_andTheFlagsWin() {
    PolicyOptions fromEnv =
        options(
            Map.of(
                PolicyOptions.SECRETS_ENV, "env:APP_*",
                PolicyOptions.SCOPES_ENV,
                    "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/a, /subscriptions/22222222-2222-2222-2222-222222222222"));
    OperatorPolicy policy = fromEnv.policy();
    assertThat(allows(policy, SecretRef.Source.ENV, "APP_DB")).isTrue();
    assertThat(policy.scopes().covers("11111111-1111-1111-1111-111111111111", "A")).isTrue();
    assertThat(policy.scopes().covers("11111111-1111-1111-1111-111111111111", "b")).isFalse();
    assertThat(policy.scopes().covers("22222222-2222-2222-2222-222222222222", "anything")).isTrue();

    fromEnv.allowedSecrets = "env:OTHER_*";
    fromEnv.aciScopes = List.of("/subscriptions/33333333-3333-3333-3333-333333333333");
    OperatorPolicy flags = fromEnv.policy();
    assertThat(allows(flags, SecretRef.Source.ENV, "APP_DB")).isFalse();
    assertThat(allows(flags, SecretRef.Source.ENV, "OTHER_DB")).isTrue();
    assertThat(flags.scopes().covers("22222222-2222-2222-2222-222222222222", "anything")).isFalse();
  }

  @Test
  void nothingGivenAllowsNoSecretAndPinsNothing() {
    OperatorPolicy policy = options(Map.of()).policy();
    assertThat(allows(policy, SecretRef.Source.ENV, "APP_DB")).isFalse();
    assertThat(policy.secrets().describe()).isEqualTo("none");
    assertThat(policy.scopes().isPinned()).isFalse();
  }

  @Test
  void theApiKeyVariable_theTlsKeyAndTheFilesBerthsVariablesNameAreNeverAllowed() {
    PolicyOptions options =
        options(
            Map.of(
                PolicyOptions.SECRETS_ENV,
                "env:*, file:/srv/**",
                "BERTH_GIT_SSH_KEY",
                "/srv/keys/git"));
    OperatingOptions operating = new OperatingOptions();
    operating.apiKeyEnv = "CLOUD_KEY";
    operating.tlsKey = Path.of("/srv/tls/client.key");
    OperatorPolicy policy = options.policy(operating);
    assertThat(allows(policy, SecretRef.Source.ENV, "CLOUD_KEY")).isFalse();
    assertThat(allows(policy, SecretRef.Source.FILE, "/srv/tls/client.key")).isFalse();
    assertThat(allows(policy, SecretRef.Source.FILE, "/srv/keys/git")).isFalse();
    assertThat(allows(policy, SecretRef.Source.FILE, "/srv/app/token")).isTrue();
    assertThat(allows(options.policy(), SecretRef.Source.ENV, "CLOUD_KEY"))
        .as("validate is not told the variable")
        .isTrue();
  }

  @Test
  void aBadValueInTheEnvironmentIsAUsageErrorNamingTheVariable() {
    assertThatThrownBy(() -> options(Map.of(PolicyOptions.SECRETS_ENV, "APP_*")).policy())
        .isInstanceOfSatisfying(
            UserError.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(2);
              assertThat(e.getMessage()).startsWith(PolicyOptions.SECRETS_ENV + ": 'APP_*'");
            });
  }
}
