package dev.berth.reconciler.spec;

import dev.berth.workflows.secrets.SecretPolicy;

/**
 * What only the operator decides, never the repository: which secret references may resolve ({@code
 * --allowed-secrets}), which Azure destinations a Fleet may name ({@code --aci-scope}) and which
 * ARM endpoints it may send Berth's tokens to ({@code --aci-endpoint}). A commit that reaches past
 * any of them is invalid, at the field that does.
 */
public record OperatorPolicy(SecretPolicy secrets, AciScopes scopes, AciEndpoints endpoints) {

  /** No secret reference resolves; no destination is pinned; no endpoint but the clouds' own. */
  public static final OperatorPolicy DEFAULT =
      new OperatorPolicy(SecretPolicy.none(), AciScopes.ANY, AciEndpoints.NONE);

  /** With no endpoint but the clouds' own. */
  public OperatorPolicy(SecretPolicy secrets, AciScopes scopes) {
    this(secrets, scopes, AciEndpoints.NONE);
  }
}
