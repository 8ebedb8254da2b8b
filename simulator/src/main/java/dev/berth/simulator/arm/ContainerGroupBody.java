package dev.berth.simulator.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.Gpu;
import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.SecretRef;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Sidecar;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A container group's ARM body (api-version 2023-05-01) and the {@link GroupSpec} it stands for.
 *
 * <p>The first container is the service, the others its sidecars. Stack, service, ordinal and
 * template come from the tags {@code berth-stack}, {@code berth-service}, {@code berth-ordinal} and
 * {@code berth-revision} (the template digest that ends the group's name); without them the stack
 * is empty, the service is the first container's name, the ordinal 0 and the template the digest of
 * the service. Secure environment values are never kept: the stored body names the variable only,
 * as ACI's GET does.
 *
 * @param stored the body to echo on GET: what was put, secure values removed
 */
record ContainerGroupBody(GroupSpec spec, ObjectNode stored) {

  static final String STACK = "berth-stack";
  static final String SERVICE = "berth-service";
  static final String ORDINAL = "berth-ordinal";
  static final String REVISION = "berth-revision";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Reads a PUT body; an {@link ArmError} 400 says what is missing or malformed. */
  static ContainerGroupBody read(String name, JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ArmError.badRequest("the request body must be a container group object");
    }
    String location = text(body, "location", "location");
    JsonNode props = body.path("properties");
    text(props, "osType", "properties.osType");
    JsonNode containers = props.path("containers");
    if (!containers.isArray() || containers.isEmpty()) {
      throw ArmError.badRequest("properties.containers must list at least one container");
    }
    List<Sidecar> sidecars = new ArrayList<>();
    for (int i = 1; i < containers.size(); i++) {
      JsonNode c = containers.get(i);
      String where = "properties.containers[" + i + "]";
      sidecars.add(
          new Sidecar(
              text(c, "name", where + ".name"),
              text(c.path("properties"), "image", where + ".properties.image"),
              request(c, "cpu", where),
              request(c, "memoryInGB", where),
              strings(c.path("properties").path("command")),
              plainEnv(c)));
    }
    JsonNode main = containers.get(0);
    JsonNode mainProps = main.path("properties");
    JsonNode tags = body.path("tags");
    JsonNode ip = props.path("ipAddress");
    JsonNode gpu = mainProps.path("resources").path("requests").path("gpu");
    ServiceSpec service =
        new ServiceSpec(
            tags.path(SERVICE).asText(text(main, "name", "properties.containers[0].name")),
            text(mainProps, "image", "properties.containers[0].properties.image"),
            1,
            request(main, "cpu", "properties.containers[0]"),
            request(main, "memoryInGB", "properties.containers[0]"),
            gpu.isObject() ? new Gpu(gpu.path("count").asInt(), gpu.path("sku").asText()) : null,
            strings(mainProps.path("command")),
            ports(mainProps.path("ports")),
            "Public".equalsIgnoreCase(ip.path("type").asText()),
            ip.hasNonNull("dnsNameLabel") ? ip.get("dnsNameLabel").asText() : null,
            plainEnv(main),
            secureNames(main),
            probe(mainProps.get("readinessProbe")),
            null,
            List.of(),
            List.of(),
            null,
            null,
            List.of(),
            sidecars,
            probe(mainProps.get("livenessProbe")));
    int ordinal;
    try {
      ordinal = Integer.parseInt(tags.path(ORDINAL).asText("0"));
    } catch (NumberFormatException e) {
      throw ArmError.badRequest(
          "tag " + ORDINAL + " must be a whole number, got " + tags.path(ORDINAL).asText());
    }
    JsonNode zones = body.path("zones");
    GroupSpec spec =
        new GroupSpec(
            name,
            tags.path(STACK).asText(""),
            ordinal,
            tags.hasNonNull(REVISION) ? tags.get(REVISION).asText() : GroupNames.template(service),
            service,
            location.toLowerCase(Locale.ROOT).replace(" ", ""),
            zones.isArray() && !zones.isEmpty() ? zones.get(0).asText() : "",
            null);
    return new ContainerGroupBody(spec, withoutSecureValues(body.deepCopy()));
  }

  /** The tags the body carries (Berth's and any other). */
  SortedMap<String, String> tags() {
    SortedMap<String, String> tags = new TreeMap<>();
    stored.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
    return tags;
  }

  /** The body a group made without a PUT (through the Backend SPI) would have been put with. */
  static ContainerGroupBody of(GroupSpec spec) {
    return of(
        spec,
        Map.of(
            STACK,
            spec.stack(),
            SERVICE,
            spec.service(),
            ORDINAL,
            String.valueOf(spec.ordinal()),
            REVISION,
            spec.template()));
  }

  /** As {@link #of(GroupSpec)}, with the tags the world keeps for it. */
  static ContainerGroupBody of(GroupSpec spec, Map<String, String> tags) {
    ServiceSpec s = spec.serviceSpec();
    ObjectNode body = JSON.objectNode();
    body.put("location", spec.region());
    if (!spec.zone().isEmpty()) {
      body.putArray("zones").add(spec.zone());
    }
    ObjectNode tagNode = body.putObject("tags");
    new TreeMap<>(tags).forEach(tagNode::put);
    ObjectNode props = body.putObject("properties");
    ArrayNode containers = props.putArray("containers");
    Map<String, String> env = new TreeMap<>(s.env());
    env.putAll(spec.discoveryEnv());
    ObjectNode main =
        container(containers, s.name(), s.image(), s.cpu(), s.memoryGb(), s.command(), env);
    s.secretEnv()
        .keySet()
        .forEach(
            k ->
                ((ArrayNode) main.path("properties").path("environmentVariables"))
                    .addObject()
                    .put("name", k));
    ObjectNode mainProps = (ObjectNode) main.get("properties");
    if (s.gpu() != null) {
      ((ObjectNode) mainProps.path("resources").path("requests"))
          .putObject("gpu")
          .put("count", s.gpu().count())
          .put("sku", s.gpu().sku());
    }
    ArrayNode mainPorts = mainProps.putArray("ports");
    s.ports().forEach(p -> mainPorts.addObject().put("protocol", "TCP").put("port", p));
    if (s.health() != null) {
      mainProps.set("readinessProbe", probeBody(s.health()));
    }
    if (s.liveness() != null) {
      mainProps.set("livenessProbe", probeBody(s.liveness()));
    }
    s.sidecars()
        .forEach(
            c ->
                container(
                    containers, c.name(), c.image(), c.cpu(), c.memoryGb(), c.command(), c.env()));
    props.put("osType", "Linux").put("restartPolicy", "Always").put("sku", "Standard");
    if (s.publicIp() || !s.ports().isEmpty()) {
      ObjectNode ip = props.putObject("ipAddress").put("type", s.publicIp() ? "Public" : "Private");
      ArrayNode ipPorts = ip.putArray("ports");
      s.ports().forEach(p -> ipPorts.addObject().put("protocol", "TCP").put("port", p));
      if (s.dnsLabel() != null) {
        ip.put("dnsNameLabel", s.dnsLabel());
      }
    }
    return new ContainerGroupBody(spec, body);
  }

  private static ObjectNode container(
      ArrayNode containers,
      String name,
      String image,
      double cpu,
      double memoryGb,
      List<String> command,
      Map<String, String> env) {
    ObjectNode c = containers.addObject().put("name", name);
    ObjectNode p = c.putObject("properties").put("image", image);
    if (!command.isEmpty()) {
      ArrayNode cmd = p.putArray("command");
      command.forEach(cmd::add);
    }
    ArrayNode vars = p.putArray("environmentVariables");
    env.forEach((k, v) -> vars.addObject().put("name", k).put("value", v));
    p.putObject("resources").putObject("requests").put("cpu", cpu).put("memoryInGB", memoryGb);
    return c;
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw ArmError.badRequest(where + " is required");
    }
    return value.asText();
  }

  private static double request(JsonNode container, String field, String where) {
    JsonNode value = container.path("properties").path("resources").path("requests").get(field);
    if (value == null || !value.isNumber()) {
      throw ArmError.badRequest(
          where + ".properties.resources.requests." + field + " is required and must be a number");
    }
    return value.asDouble();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<Integer> ports(JsonNode array) {
    List<Integer> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path("port").asInt()));
    return out;
  }

  private static SortedMap<String, String> plainEnv(JsonNode container) {
    SortedMap<String, String> env = new TreeMap<>();
    container
        .path("properties")
        .path("environmentVariables")
        .forEach(
            v -> {
              if (v.hasNonNull("value")) {
                env.put(v.path("name").asText(), v.get("value").asText());
              }
            });
    return env;
  }

  /**
   * The variables without a plain value: secure ones, whose values are never kept. Their names
   * stand for references nobody can read back ({@code env:<secure>}).
   */
  private static SortedMap<String, SecretRef> secureNames(JsonNode container) {
    SortedMap<String, SecretRef> names = new TreeMap<>();
    container
        .path("properties")
        .path("environmentVariables")
        .forEach(
            v -> {
              if (!v.hasNonNull("value")) {
                names.put(v.path("name").asText(), new SecretRef(SecretRef.Source.ENV, "<secure>"));
              }
            });
    return names;
  }

  private static HealthProbe probe(JsonNode probe) {
    if (probe == null || !probe.isObject()) {
      return null;
    }
    int delay = probe.path("initialDelaySeconds").asInt(0);
    int period = probe.path("periodSeconds").asInt(10);
    int failures = probe.path("failureThreshold").asInt(3);
    if (probe.has("httpGet")) {
      JsonNode get = probe.get("httpGet");
      return new HealthProbe(
          HealthProbe.Kind.HTTP,
          get.path("path").asText("/"),
          get.path("port").asInt(),
          List.of(),
          delay,
          period,
          failures);
    }
    return new HealthProbe(
        HealthProbe.Kind.EXEC,
        null,
        0,
        strings(probe.path("exec").path("command")),
        delay,
        period,
        failures);
  }

  /**
   * A probe as ACI has it: http and exec; tcp as an exec of {@code nc -z}, as {@code GroupRequest}
   * sends it.
   */
  private static ObjectNode probeBody(HealthProbe p) {
    ObjectNode probe = JSON.objectNode();
    switch (p.kind()) {
      case HTTP ->
          probe
              .putObject("httpGet")
              .put("path", p.path() == null ? "/" : p.path())
              .put("port", p.port())
              .put("scheme", "http");
      case EXEC -> {
        ArrayNode cmd = probe.putObject("exec").putArray("command");
        p.command().forEach(cmd::add);
      }
      case TCP ->
          probe
              .putObject("exec")
              .putArray("command")
              .add("sh")
              .add("-c")
              .add("nc -z 127.0.0.1 " + p.port());
    }
    probe.put("initialDelaySeconds", p.initialDelaySeconds());
    if (p.periodSeconds() > 0) {
      probe.put("periodSeconds", p.periodSeconds());
    }
    if (p.failureThreshold() > 0) {
      probe.put("failureThreshold", p.failureThreshold());
    }
    return probe;
  }

  private static ObjectNode withoutSecureValues(ObjectNode body) {
    body.path("properties")
        .path("containers")
        .forEach(
            c ->
                c.path("properties")
                    .path("environmentVariables")
                    .forEach(
                        v -> {
                          if (v.isObject()) {
                            ((ObjectNode) v).remove("secureValue");
                          }
                        }));
    return body;
  }
}
