package dev.berth.workflows.backend;

import dev.berth.workflows.model.ServiceSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Deterministic container-group names: {@code <stack>-<service>-<ordinal>-<template>}.
 *
 * <p>A replica moved to a better place while it runs (back to its preferred region, or from ACI
 * back to its cluster) is created under its {@link #moved} name before the old group goes, so the
 * two can coexist for a moment. A replica is known by its service, ordinal and template, not its
 * name.
 *
 * <p>The template digest covers what forces a new group (image, resources, ports, ...; see {@link
 * TemplateEncoding}), not the replica count, so scaling keeps existing groups and changing the
 * image replaces them. ACI allows 63 characters.
 */
public final class GroupNames {

  public static final int MAX_LENGTH = 63;
  public static final int TEMPLATE_LENGTH = 8;

  private GroupNames() {}

  public static String of(String stack, String service, int ordinal, String template) {
    return stack + "-" + service + "-" + ordinal + "-" + template;
  }

  /** The longest name a service can produce, for validation before anything runs. */
  public static int longest(String stack, String service, int replicas) {
    return of(stack, service, Math.max(0, replicas - 1), "x".repeat(TEMPLATE_LENGTH)).length()
        + MOVED_SUFFIX.length();
  }

  private static final String MOVED_SUFFIX = "-m";

  /** The other name of the same replica: a group moving while it runs swaps between the two. */
  public static String moved(String name) {
    return name.endsWith(MOVED_SUFFIX)
        ? name.substring(0, name.length() - MOVED_SUFFIX.length())
        : name + MOVED_SUFFIX;
  }

  /** {@link #template(ServiceSpec, SortedMap)} of a service that finds no other. */
  public static String template(ServiceSpec s) {
    return template(s, new TreeMap<>());
  }

  /**
   * Digest of what a running group cannot change in place: image, command, resources, ports,
   * network, environment (with the {@code <SERVICE>_ADDRS} it is given), probes, sidecars. Replica
   * count and placement rules are left out. Written out by {@link TemplateEncoding#CURRENT}, never
   * by a record's {@code toString()}, so a new field in the model renames no running group.
   */
  public static String template(ServiceSpec s, SortedMap<String, String> discoveryEnv) {
    return TemplateEncoding.CURRENT.template(s, discoveryEnv);
  }

  private static final String NO_LIVENESS = ", liveness=null]";

  public static String digest(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
