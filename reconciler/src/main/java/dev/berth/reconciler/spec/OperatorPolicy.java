package dev.berth.reconciler.spec;

import dev.berth.workflows.secrets.SecretPolicy;

/**
 * What only the operator decides, never the repository: which secret references may resolve
 * ({@code --allowed-secrets}) and which Azure destinations a Fleet may name ({@code --aci-scope}).
 * A commit that reaches past either is invalid, at the field that does.
 */
public record OperatorPolicy(SecretPolicy secrets, AciScopes scopes) {

  /** No secret reference resolves; no destination is pinned. */
  public static final OperatorPolicy DEFAULT = new OperatorPolicy(SecretPolicy.none(), AciScopes.ANY);
}
