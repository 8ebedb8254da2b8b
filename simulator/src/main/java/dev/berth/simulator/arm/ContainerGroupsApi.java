package dev.berth.simulator.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The containerGroups operations of ARM over the simulated world: PUT, GET, DELETE, lists by
 * resource group and by subscription, restart, stop, start, container logs, and the status of the
 * creates it started. Requests are served one at a time. As Azure's recordings show:
 *
 * <ul>
 *   <li>every read (GET, a list page, logs, an operation's status) counts against the
 *       subscription's read throttle: past it, 429 with {@code Retry-After}; answers carry {@code
 *       x-ms-ratelimit-remaining-subscription-reads};
 *   <li>a PUT of a new name answers 201 with provisioning state {@code Pending} and an {@code
 *       Azure-AsyncOperation} (api-version 2018-06-01); of an existing name, 200 and an update in
 *       place where ACI allows one, 400 {@code InvalidContainerGroupUpdate} where it needs a delete
 *       first; an image it cannot pull, 400 {@code InaccessibleImage};
 *   <li>a DELETE answers 200 with the group's body and no long-running-operation headers (204 when
 *       there is none); PUT and DELETE carry {@code
 *       x-ms-ratelimit-remaining-subscription-resource-requests-pt5m} and {@code -pt1h};
 *   <li>lists carry no instance view at all: health needs a GET per group.
 * </ul>
 *
 * <p>The world keys groups by name alone, so a name lives in one resource group: a PUT of a name
 * that lives in another is a 409 Conflict.
 */
final class ContainerGroupsApi {

  /** Where a PUT put a group, and what it put; stale once the world's group is another one. */
  private record Placement(String resourceGroup, GroupSpec spec, ObjectNode stored) {}

  private final SimulatedCloud world;
  private final ArmSettings settings;
  private final String baseUrl;
  private final Map<String, Placement> placements = new HashMap<>();
  private final LongRunningOperations operations = new LongRunningOperations();

  ContainerGroupsApi(SimulatedCloud world, ArmSettings settings, String baseUrl) {
    this.world = world;
    this.settings = settings;
    this.baseUrl = baseUrl;
  }

  synchronized ArmResponse handle(
      String method, ArmPath path, Map<String, String> query, Supplier<JsonNode> body) {
    if (!settings.subscription().equalsIgnoreCase(path.subscription())) {
      throw new ArmError(
          404,
          "SubscriptionNotFound",
          "The subscription '" + path.subscription() + "' could not be found.");
    }
    if (path.operation() != null) {
      return only("GET", method, () -> operationStatus(path));
    }
    if (path.resourceGroup() != null && !settings.hasResourceGroup(path.resourceGroup())) {
      throw new ArmError(
          404,
          "ResourceGroupNotFound",
          "Resource group '" + path.resourceGroup() + "' could not be found.");
    }
    if (path.name() == null) {
      return only("GET", method, () -> list(path, query));
    }
    String rg = path.resourceGroup();
    if (path.action() == null) {
      return switch (method) {
        case "PUT" -> put(rg, path.name(), body.get());
        case "GET" -> {
          ObjectNode resource = observed(rg, path.name());
          yield new ArmResponse(200, readLimits(), resource);
        }
        case "DELETE" -> delete(rg, path.name());
        case "PATCH" -> patchTags(rg, path.name(), body.get());
        default -> throw notAllowed(method);
      };
    }
    if (path.action().equals("logs")) {
      return only("GET", method, () -> logs(rg, path.name(), path.container(), query.get("tail")));
    }
    return only("POST", method, () -> act(rg, path.name(), path.action()));
  }

  private ArmResponse put(String rg, String name, JsonNode json) {
    ContainerGroupBody body = ContainerGroupBody.read(name, json);
    Placement placed = placement(name);
    Optional<GroupSpec> existing = world.spec(name);
    if (existing.isPresent()) {
      String livesIn = placed == null ? settings.homeResourceGroup() : placed.resourceGroup();
      if (!livesIn.equalsIgnoreCase(rg)) {
        throw new ArmError(
            409,
            "Conflict",
            "container group "
                + name
                + " exists in resource group "
                + livesIn
                + "; the simulated world keys groups by name");
      }
    }
    ContainerGroup group =
        call(
            () ->
                existing.isPresent()
                    ? world.update(body.spec(), body.tags())
                    : world.create(body.spec(), body.tags()));
    placements.put(name, new Placement(rg, body.spec(), body.stored()));
    ObjectNode resource = render(rg, name, body.stored(), group, true);
    Map<String, String> headers = new HashMap<>(writeLimits(body.spec().region(), true));
    if (existing.isEmpty()) {
      LongRunningOperations.Operation op =
          operations.begin(id(rg, name), name, body.spec().region(), world.now());
      headers.put(
          "Azure-AsyncOperation",
          baseUrl
              + ArmPath.operationPath(settings.subscription(), op.location(), op.id())
              + "?api-version="
              + LongRunningOperations.API_VERSION);
    }
    return new ArmResponse(existing.isPresent() ? 200 : 201, headers, resource);
  }

  /**
   * ARM's containerGroups Update: the body's {@code tags} replace the group's; nothing else
   * changes.
   */
  private ArmResponse patchTags(String rg, String name, JsonNode json) {
    observedGroup(rg, name);
    if (json == null || !json.path("tags").isObject()) {
      throw ArmError.badRequest("the request body must carry tags");
    }
    Map<String, String> tags = new TreeMap<>();
    json.get("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
    Placement placed = placement(name);
    world.retag(name, tags);
    if (placed != null) {
      placed.stored().set("tags", json.get("tags").deepCopy());
    }
    return ArmResponse.of(200, observed(rg, name));
  }

  private ArmResponse delete(String rg, String name) {
    if (!livesIn(rg, name) || world.spec(name).isEmpty()) {
      return ArmResponse.empty(204);
    }
    ObjectNode last = render(rg, name, stored(name), world.get(name).orElseThrow(), true);
    String region = world.spec(name).orElseThrow().region();
    if (!call(() -> world.delete(name))) {
      return ArmResponse.empty(204);
    }
    placements.remove(name);
    return new ArmResponse(200, writeLimits(region, false), last);
  }

  private ArmResponse list(ArmPath path, Map<String, String> query) {
    read("list");
    List<ContainerGroup> all =
        world.all().stream()
            .filter(
                g ->
                    path.resourceGroup() == null
                        || path.resourceGroup().equalsIgnoreCase(resourceGroupOf(g.name())))
            .toList();
    String listPath =
        path.resourceGroup() == null
            ? "/subscriptions/"
                + settings.subscription()
                + "/providers/Microsoft.ContainerInstance/containerGroups"
            : ArmPath.groupId(settings.subscription(), path.resourceGroup(), null);
    Paging<ContainerGroup> page =
        Paging.of(all, query.get("$skiptoken"), settings.pageSize(), baseUrl, listPath);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode value = body.putArray("value");
    page.items()
        .forEach(
            g ->
                value.add(render(resourceGroupOf(g.name()), g.name(), stored(g.name()), g, false)));
    if (page.nextLink() != null) {
      body.put("nextLink", page.nextLink());
    }
    return new ArmResponse(200, readLimits(), body);
  }

  private ArmResponse act(String rg, String name, String action) {
    if (!livesIn(rg, name)) {
      throw ArmError.notFound(rg, name);
    }
    boolean found =
        call(
            () ->
                switch (action) {
                  case "restart" -> world.restart(name);
                  case "stop" -> world.stop(name);
                  default -> world.start(name);
                });
    if (!found) {
      throw ArmError.notFound(rg, name);
    }
    return ArmResponse.empty(204);
  }

  private ArmResponse logs(String rg, String name, String container, String tail) {
    read("logs");
    if (!livesIn(rg, name)) {
      throw ArmError.notFound(rg, name);
    }
    int lines = tail == null ? 0 : parseTail(tail);
    String content =
        call(() -> world.logs(name, container, lines))
            .orElseThrow(
                () ->
                    world.spec(name).isPresent()
                        ? new ArmError(
                            404,
                            "ContainerNotFound",
                            "container " + container + " is not in container group " + name)
                        : ArmError.notFound(rg, name));
    return new ArmResponse(
        200, readLimits(), JsonNodeFactory.instance.objectNode().put("content", content));
  }

  private ArmResponse operationStatus(ArmPath path) {
    read("operation");
    LongRunningOperations.Operation op =
        operations
            .find(path.operation())
            .orElseThrow(
                () ->
                    new ArmError(
                        404, "OperationNotFound", "operation " + path.operation() + " is unknown"));
    return new ArmResponse(200, readLimits(), call(() -> LongRunningOperations.status(op, world)));
  }

  private ObjectNode observed(String rg, String name) {
    read("get");
    ContainerGroup group = observedGroup(rg, name);
    return render(rg, name, stored(name), group, true);
  }

  private ObjectNode render(
      String rg, String name, ObjectNode stored, ContainerGroup group, boolean withInstanceView) {
    return ContainerGroupResource.render(
        id(rg, name),
        stored,
        group,
        world.view(name).orElseThrow(() -> ArmError.notFound(rg, name)),
        withInstanceView);
  }

  /** One read of the subscription: past ARM's throttle, 429 with Retry-After. */
  private void read(String call) {
    call(
        () -> {
          world.read(call);
          return null;
        });
  }

  private Map<String, String> readLimits() {
    return Map.of(
        "x-ms-ratelimit-remaining-subscription-reads", String.valueOf(world.readsRemaining()));
  }

  /** ACI's create (or delete) windows in the region, as PUT and DELETE answers carry them. */
  private Map<String, String> writeLimits(String region, boolean creates) {
    int fiveMinutes =
        creates
            ? world.createsRemainingIn5Minutes(region)
            : world.deletesRemaining(region, Duration.ofMinutes(5));
    int hour =
        creates
            ? world.createsRemainingInHour(region)
            : world.deletesRemaining(region, Duration.ofHours(1));
    return Map.of(
        "x-ms-ratelimit-remaining-subscription-resource-requests-pt5m", String.valueOf(fiveMinutes),
        "x-ms-ratelimit-remaining-subscription-resource-requests-pt1h", String.valueOf(hour));
  }

  private ContainerGroup observedGroup(String rg, String name) {
    if (!livesIn(rg, name)) {
      throw ArmError.notFound(rg, name);
    }
    return call(() -> world.get(name)).orElseThrow(() -> ArmError.notFound(rg, name));
  }

  private boolean livesIn(String rg, String name) {
    return resourceGroupOf(name).equalsIgnoreCase(rg);
  }

  private String resourceGroupOf(String name) {
    Placement placed = placement(name);
    return placed == null ? settings.homeResourceGroup() : placed.resourceGroup();
  }

  /** The body last put, or for a group made without a PUT, the body it would have had. */
  private ObjectNode stored(String name) {
    Placement placed = placement(name);
    if (placed != null) {
      return placed.stored();
    }
    return world
        .spec(name)
        .map(s -> ContainerGroupBody.of(s, world.tags(name).orElse(new TreeMap<>())).stored())
        .orElseThrow(() -> ArmError.notFound(settings.homeResourceGroup(), name));
  }

  /** The PUT that made the world's group of that name, or null if the group came another way. */
  private Placement placement(String name) {
    Placement placed = placements.get(name);
    if (placed != null && !world.spec(name).map(placed.spec()::equals).orElse(false)) {
      placements.remove(name);
      return null;
    }
    return placed;
  }

  private String id(String rg, String name) {
    return ArmPath.groupId(settings.subscription(), rg, name);
  }

  private static int parseTail(String tail) {
    try {
      return Integer.parseInt(tail);
    } catch (NumberFormatException e) {
      throw ArmError.badRequest("tail must be a whole number, got " + tail);
    }
  }

  private static ArmResponse only(String allowed, String method, Supplier<ArmResponse> action) {
    if (!allowed.equals(method)) {
      throw notAllowed(method);
    }
    return action.get();
  }

  private static ArmError notAllowed(String method) {
    return new ArmError(
        405,
        "MethodNotAllowed",
        "The requested resource does not support http method '" + method + "'.");
  }

  private static <T> T call(Supplier<T> worldCall) {
    try {
      return worldCall.get();
    } catch (BackendException e) {
      throw ArmError.from(e);
    }
  }
}
