package dev.berth.workflows.backend;

import dev.berth.workflows.model.ServiceSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Deterministic container-group names: {@code <stack>-<service>-<ordinal>-<template>}.
 *
 * <p>The template digest covers what forces a new group (image, resources, ports), not the replica
 * count, so scaling keeps existing groups and changing the image replaces them. ACI allows 63
 * characters.
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
    return of(stack, service, Math.max(0, replicas - 1), "x".repeat(TEMPLATE_LENGTH)).length();
  }

  /** {@link #template(ServiceSpec, SortedMap)} of a service that finds no other. */
  public static String template(ServiceSpec s) {
    return template(s, new TreeMap<>());
  }

  /**
   * Digest of what a running group cannot change in place: image, command, resources, ports,
   * network, environment (with the {@code <SERVICE>_ADDRS} it is given), probes, sidecars. Replica
   * count and placement rules are left out.
   */
  public static String template(ServiceSpec s, SortedMap<String, String> discoveryEnv) {
    ServiceSpec shape =
        new ServiceSpec(
            s.name(), s.image(), 0, s.cpu(), s.memoryGb(), s.gpu(), s.command(), s.ports(),
            s.publicIp(), s.dnsLabel(), s.env(), s.secretEnv(), s.health(), null, List.of(),
            List.of(), null, null, List.of(), s.sidecars());
    String discovery = discoveryEnv.isEmpty() ? "" : "\n" + discoveryEnv;
    return digest(shape + discovery).substring(0, TEMPLATE_LENGTH);
  }

  public static String digest(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
