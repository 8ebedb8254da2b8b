package dev.berth.reconciler.cli;

import static dev.berth.reconciler.cli.ValidateCommandTest.berth;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.cli.ValidateCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth validate} with the operator's settings: every reference outside the secret policy,
 * or never allowed, is one line at its position and exit 1; so is a Fleet outside {@code
 * --aci-scope}. Each run passes {@code --allowed-secrets} so the test's own environment cannot
 * change what it sees.
 */
class SecretPolicyValidateTest {

  private static final String HOME = System.getProperty("user.home");

  @TempDir Path tmp;

  /** The stack of issue #16, line by line: the references start at line 10, column 12. */
  private static String stack(String... references) {
    StringBuilder s =
        new StringBuilder(
            """
        apiVersion: berth.dev/v1
        kind: Stack
        metadata: {name: x}
        spec:
          services:
            - name: web
              image: nginx:1.25
              env: {MODE: prod}
              secretEnv:
        """);
    for (int i = 0; i < references.length; i++) {
      s.append("          K").append(i).append(": ").append(references[i]).append('\n');
    }
    return s.toString();
  }

  private Path repo(String stack) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("repo/stacks"));
    Files.writeString(dir.resolve("x.yaml"), stack);
    return dir.getParent();
  }

  @Test
  void withoutAPolicyNoReferenceIsAllowed() throws IOException {
    Path repo =
        repo(stack("env:APP_DB_PASSWORD", "file:/run/berth/secrets/db", "keyvault:shop-kv/db"));
    Run run = berth("validate", "--allowed-secrets=", repo.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().lines())
        .containsExactly(
            "stacks/x.yaml:10:15: spec.services[0].secretEnv.K0: env:APP_DB_PASSWORD is not allowed by this Berth's secret policy (allowed: none)",
            "stacks/x.yaml:11:15: spec.services[0].secretEnv.K1: file:/run/berth/secrets/db is not allowed by this Berth's secret policy (allowed: none)",
            "stacks/x.yaml:12:15: spec.services[0].secretEnv.K2: keyvault:shop-kv/db is not allowed by this Berth's secret policy (allowed: none)");
  }

  @Test
  void theIssuesStackIsRefusedLineByLine() throws IOException {
    Path repo =
        repo(
            stack(
                "env:AZURE_CLIENT_SECRET",
                "env:BERTH_WEBHOOK_SECRET",
                "file:/root/.ssh/id_rsa",
                "file:/etc/shadow"));
    Run run = berth("validate", "--allowed-secrets", "env:APP_*", repo.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().lines())
        .containsExactly(
            "stacks/x.yaml:10:15: spec.services[0].secretEnv.K0: env:AZURE_CLIENT_SECRET is not allowed by this Berth's secret policy (allowed: env:APP_*)",
            "stacks/x.yaml:11:15: spec.services[0].secretEnv.K1: env:BERTH_WEBHOOK_SECRET is not allowed by this Berth's secret policy (allowed: env:APP_*)",
            "stacks/x.yaml:12:15: spec.services[0].secretEnv.K2: file:/root/.ssh/id_rsa is not allowed by this Berth's secret policy (allowed: env:APP_*)",
            "stacks/x.yaml:13:15: spec.services[0].secretEnv.K3: file:/etc/shadow is not allowed by this Berth's secret policy (allowed: env:APP_*)");
  }

  @Test
  void berthsOwnSettingsAndCredentialsAreNeverAllowed_evenUnderTheWidestPolicy()
      throws IOException {
    String[] never = {
      "env:BERTH_WEBHOOK_SECRET",
      "env:BERTH_GIT_TOKEN",
      "env:BERTH_GIT_SSH_KEY",
      "env:BERTH_ALLOWED_SECRETS",
      "env:AZURE_CLIENT_SECRET",
      "env:AZURE_CLIENT_CERTIFICATE_PASSWORD",
      "env:AZURE_FEDERATED_TOKEN_FILE",
      "env:IDENTITY_HEADER",
      "env:TEMPORAL_API_KEY",
      "file:" + HOME + "/.ssh/id_rsa",
      "file:" + HOME + "/.azure/msal_token_cache.json",
      "file:/proc/self/environ",
      "file:/var/run/secrets/azure/tokens/azure-identity-token",
      "file:/var/run/secrets/kubernetes.io/serviceaccount/token"
    };
    Path repo = repo(stack(never));
    Run run = berth("validate", "--allowed-secrets", "env:*,file:/**", repo.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().lines()).hasSize(never.length);
    for (int i = 0; i < never.length; i++) {
      assertThat(run.err().lines().toList().get(i))
          .isEqualTo(
              "stacks/x.yaml:"
                  + (10 + i)
                  + ":"
                  + (i < 10 ? 15 : 16)
                  + ": spec.services[0].secretEnv.K"
                  + i
                  + ": "
                  + never[i]
                  + " is never allowed: it is one of Berth's own settings or credentials");
    }
  }

  @Test
  void dotDotAndALinkOutOfTheAllowedFolderAreRefused() throws IOException {
    Path secrets = Files.createDirectories(tmp.resolve("secrets")).toRealPath();
    Path outside = Files.writeString(tmp.resolve("outside.txt"), "not a secret of the app");
    Files.createSymbolicLink(secrets.resolve("db"), outside);
    Files.writeString(secrets.resolve("api"), "fine");
    Path repo =
        repo(
            stack(
                "file:" + secrets + "/../outside.txt",
                "file:" + secrets + "/db",
                "file:" + secrets + "/api"));
    Run run = berth("validate", "--allowed-secrets", "file:" + secrets + "/*", repo.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().lines())
        .containsExactly(
            "stacks/x.yaml:10:15: spec.services[0].secretEnv.K0: file:"
                + secrets
                + "/../outside.txt is not an absolute, normalised path (no '.', '..' or '//'), so this Berth will not read it",
            "stacks/x.yaml:11:15: spec.services[0].secretEnv.K1: file:"
                + secrets
                + "/db leads through a symbolic link out of the folders this Berth's secret policy allows (allowed: file:"
                + secrets
                + "/*)");
  }

  @Test
  void referencesWithinThePolicyAreValid() throws IOException {
    Path repo =
        repo(stack("env:APP_DB_PASSWORD", "file:/run/berth/secrets/db", "keyvault:shop-kv/db"));
    Run run =
        berth(
            "validate",
            "--allowed-secrets",
            "env:APP_*,file:/run/berth/secrets/*,keyvault:shop-kv/*",
            repo.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
  }

  @Test
  void aFleetOutsideTheAciScopesIsRefusedAtItsField() throws IOException {
    Path repo = repo(stack("env:APP_DB"));
    Files.writeString(
        repo.resolve("fleet.yaml"),
        """
        apiVersion: berth.dev/v1
        kind: Fleet
        metadata: {name: prod}
        spec:
          regions:
            - {name: westeurope, zones: ["1"]}
          aci:
            subscription: 11111111-1111-1111-1111-111111111111
            resourceGroup: someone-elses
            subnets:
              westeurope: /subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/aci
        """);
    String scope = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/berth-prod";
    Run run =
        berth("validate", "--allowed-secrets", "env:APP_*", "--aci-scope", scope, repo.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().lines())
        .containsExactly(
            "fleet.yaml:9:20: spec.aci.resourceGroup: resource group someone-elses is outside the scopes this Berth may deploy to (--aci-scope: "
                + scope
                + ")",
            "fleet.yaml:11:19: spec.aci.subnets.westeurope: the subnet is outside the subscriptions this Berth may deploy to (--aci-scope: "
                + scope
                + ")");

    Run otherSubscription =
        berth(
            "validate",
            "--allowed-secrets",
            "env:APP_*",
            "--aci-scope",
            "/subscriptions/33333333-3333-3333-3333-333333333333",
            repo.toString());
    assertThat(otherSubscription.err().lines())
        .first()
        .asString()
        .startsWith(
            "fleet.yaml:8:19: spec.aci.subscription: subscription 11111111-1111-1111-1111-111111111111 is outside the scopes");

    Run within =
        berth(
            "validate",
            "--allowed-secrets",
            "env:APP_*",
            "--aci-scope",
            "/SUBSCRIPTIONS/11111111-1111-1111-1111-111111111111/resourcegroups/SOMEONE-ELSES",
            "--aci-scope",
            "/subscriptions/22222222-2222-2222-2222-222222222222",
            repo.toString());
    assertThat(within.err()).isEmpty();
    assertThat(within.exit()).isZero();

    Run unpinned = berth("validate", "--allowed-secrets", "env:APP_*", repo.toString());
    assertThat(unpinned.exit()).as("without --aci-scope validate pins nothing").isZero();
  }

  @Test
  void aFleetsArmEndpointMustBeOneTheOperatorAllows_forBerthSendsItsAzureTokensThere()
      throws IOException {
    Path repo = repo(stack("env:APP_DB"));
    Files.writeString(
        repo.resolve("fleet.yaml"),
        """
        apiVersion: berth.dev/v1
        kind: Fleet
        metadata: {name: prod}
        spec:
          regions:
            - {name: westeurope, zones: ["1"]}
          aci:
            subscription: 11111111-1111-1111-1111-111111111111
            resourceGroup: berth-prod
            endpoint: https://arm.attacker.example/
        """);
    Run none = berth("validate", "--allowed-secrets", "env:APP_*", repo.toString());
    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.err().lines())
        .containsExactly(
            "fleet.yaml:10:15: spec.aci.endpoint: https://arm.attacker.example/ is not an ARM endpoint"
                + " this Berth may send its Azure tokens to (--aci-endpoint: none)");

    Run another =
        berth(
            "validate",
            "--allowed-secrets",
            "env:APP_*",
            "--aci-endpoint",
            "https://arm-proxy.internal",
            repo.toString());
    assertThat(another.exit()).isEqualTo(1);
    assertThat(another.err()).contains("(--aci-endpoint: https://arm-proxy.internal)");

    Run allowed =
        berth(
            "validate",
            "--allowed-secrets",
            "env:APP_*",
            "--aci-endpoint",
            "https://ARM.attacker.example:443",
            repo.toString());
    assertThat(allowed.err()).isEmpty();
    assertThat(allowed.exit()).as("the same endpoint, written another way").isZero();

    Run notHttps =
        berth(
            "validate",
            "--allowed-secrets",
            "env:APP_*",
            "--aci-endpoint",
            "http://arm.local",
            repo.toString());
    assertThat(notHttps.exit()).isEqualTo(2);
    assertThat(notHttps.err()).startsWith("berth: --aci-endpoint: must be an https URL");
  }

  @Test
  void aBadPatternOrScopeIsAUsageError() throws IOException {
    Path repo = repo(stack("env:APP_DB"));
    Run pattern = berth("validate", "--allowed-secrets", "APP_*", repo.toString());
    assertThat(pattern.exit()).isEqualTo(2);
    assertThat(pattern.err().lines())
        .containsExactly(
            "berth: --allowed-secrets: 'APP_*': a pattern starts with env:, file: or keyvault:");
    Run scope = berth("validate", "--aci-scope", "/subscriptions/nope", repo.toString());
    assertThat(scope.exit()).isEqualTo(2);
    assertThat(scope.err()).contains("--aci-scope: '/subscriptions/nope' is not a scope");
  }
}
