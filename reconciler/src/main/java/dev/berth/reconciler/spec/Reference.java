package dev.berth.reconciler.spec;

import dev.berth.reconciler.yaml.Mark;

/**
 * A name one document uses to point at something another document defines (a region of the Fleet, a
 * Cluster), kept with where it was written so a dangling one is reported at the referring field.
 *
 * @param field the dotted field path, e.g. {@code spec.regions[1]}
 */
public record Reference(String name, Mark mark, String field) {}
