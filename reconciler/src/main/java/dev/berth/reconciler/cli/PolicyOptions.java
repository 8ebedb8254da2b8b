package dev.berth.reconciler.cli;

import dev.berth.reconciler.spec.AciEndpoints;
import dev.berth.reconciler.spec.AciScopes;
import dev.berth.reconciler.spec.OperatorPolicy;
import dev.berth.workflows.secrets.NeverResolved;
import dev.berth.workflows.secrets.SecretPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The operator's settings that no repository can change: {@code --allowed-secrets} (else {@code
 * BERTH_ALLOWED_SECRETS}), {@code --aci-scope} (else {@code BERTH_ACI_SCOPES}) and {@code
 * --aci-endpoint} (else {@code BERTH_ACI_ENDPOINTS}). Shared by every command that validates a
 * repository, so {@code validate} in CI refuses what {@code run} would.
 */
final class PolicyOptions {

  static final String SECRETS_ENV = "BERTH_ALLOWED_SECRETS";
  static final String SCOPES_ENV = "BERTH_ACI_SCOPES";
  static final String ENDPOINTS_ENV = "BERTH_ACI_ENDPOINTS";

  @Option(
      names = "--allowed-secrets",
      paramLabel = "PATTERNS",
      description =
          "Comma-separated secret references stacks may use, e.g. env:APP_*,file:/run/berth/secrets/*,keyvault:shop-kv/*."
              + " Default: $"
              + SECRETS_ENV
              + ", else none (no env:, file: or keyvault: reference is allowed).")
  String allowedSecrets;

  @Option(
      names = "--aci-scope",
      paramLabel = "SCOPE",
      description =
          "/subscriptions/<id>[/resourceGroups/<name>] a Fleet may deploy to (repeatable). Default: $"
              + SCOPES_ENV
              + " (comma-separated). Required by run --backend aci.")
  List<String> aciScopes;

  @Option(
      names = "--aci-endpoint",
      paramLabel = "URL",
      description =
          "An https ARM endpoint a Fleet's aci.endpoint may name (repeatable): Berth sends its Azure tokens there."
              + " Default: $"
              + ENDPOINTS_ENV
              + " (comma-separated), else none (each cloud's own endpoint only).")
  List<String> aciEndpoints;

  /** Where the defaults and Berth's own variables are read; tests replace it. */
  Map<String, String> environment = System.getenv();

  /**
   * The policy, with nothing but the environment telling which of Berth's own files and variables
   * to guard.
   */
  OperatorPolicy policy() {
    return policy(List.of(), List.of());
  }

  /**
   * The policy, guarding also the TLS key and the API-key variable {@code operating} hands Berth.
   */
  OperatorPolicy policy(OperatingOptions operating) {
    List<String> variables = new ArrayList<>();
    if (operating.apiKeyEnv != null) {
      variables.add(operating.apiKeyEnv);
    }
    List<Path> files = new ArrayList<>();
    if (operating.tlsKey != null) {
      files.add(operating.tlsKey);
    }
    return policy(variables, files);
  }

  private OperatorPolicy policy(List<String> variables, List<Path> files) {
    NeverResolved never =
        NeverResolved.of(environment, System.getProperty("user.home"), variables, files);
    SecretPolicy secrets;
    try {
      secrets =
          SecretPolicy.parse(
              allowedSecrets != null ? allowedSecrets : environment.get(SECRETS_ENV), never);
    } catch (IllegalArgumentException e) {
      throw new UserError(
          2, (allowedSecrets != null ? "--allowed-secrets" : SECRETS_ENV) + ": " + e.getMessage());
    }
    AciScopes scopes;
    try {
      List<String> given =
          aciScopes != null
              ? aciScopes
              : environment.get(SCOPES_ENV) == null
                  ? List.of()
                  : List.of(environment.get(SCOPES_ENV));
      scopes = AciScopes.parse(given);
    } catch (IllegalArgumentException e) {
      throw new UserError(
          2, (aciScopes != null ? "--aci-scope" : SCOPES_ENV) + ": " + e.getMessage());
    }
    AciEndpoints endpoints;
    try {
      List<String> given =
          aciEndpoints != null
              ? aciEndpoints
              : environment.get(ENDPOINTS_ENV) == null
                  ? List.of()
                  : List.of(environment.get(ENDPOINTS_ENV));
      endpoints = AciEndpoints.parse(given);
    } catch (IllegalArgumentException e) {
      throw new UserError(
          2, (aciEndpoints != null ? "--aci-endpoint" : ENDPOINTS_ENV) + ": " + e.getMessage());
    }
    return new OperatorPolicy(secrets, scopes, endpoints);
  }
}
