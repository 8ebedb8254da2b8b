package dev.berth.reconciler.yaml;

/** A position in a YAML file, 1-based, as editors show it. */
public record Mark(int line, int column) {}
