package dev.berth.reconciler.spec;

import dev.berth.reconciler.spec.ReadDocument.ReadFleet;
import dev.berth.reconciler.spec.ReadDocument.ReadStack;
import dev.berth.workflows.secrets.SecretVerdict;
import java.util.List;

/**
 * The checks only the operator's settings can make: each secret reference within the secret policy,
 * the Fleet's destination within the pinned scopes, its ARM endpoint among the allowed. Each
 * refusal is an error at the field, so a commit that reaches past the operator is refused as a
 * whole, like any invalid commit.
 */
final class OperatorChecks {

  private OperatorChecks() {}

  static void secrets(ReadStack stack, OperatorPolicy policy, List<Diagnostic> errors) {
    for (SecretUse use : stack.secrets()) {
      if (policy.secrets().check(use.ref()) instanceof SecretVerdict.Refused refused) {
        errors.add(new Diagnostic(stack.path(), use.mark(), use.field(), refused.reason()));
      }
    }
  }

  static void scopes(ReadFleet fleet, OperatorPolicy policy, List<Diagnostic> errors) {
    if (fleet.fleet() != null) {
      errors.addAll(policy.scopes().problems(fleet.path(), fleet.fleet().aci(), fleet.places()));
      errors.addAll(policy.endpoints().problems(fleet.path(), fleet.fleet().aci(), fleet.places()));
    }
  }
}
