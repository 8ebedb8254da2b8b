package dev.berth.reconciler.spec;

import dev.berth.reconciler.yaml.Mark;
import dev.berth.workflows.model.SecretRef;

/**
 * A secret reference a stack makes, kept with where it was written, so the operator's policy (which
 * the repository cannot see) can refuse it at its position when the whole repository is checked.
 *
 * @param field the dotted field path, e.g. {@code spec.services[0].secretEnv.DB_PASSWORD}
 */
public record SecretUse(SecretRef ref, Mark mark, String field) {}
