package dev.berth.reconciler.spec;

import dev.berth.reconciler.yaml.YNode;
import dev.berth.simulator.scenario.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads a scenario event's {@code fault}: exactly one kind of fault, and how long it lasts ({@code
 * for}; left out, for the rest of the run). A bad or unpullable image ignores a written {@code
 * for}: the simulator keeps it bad for the rest of the run.
 */
final class FaultReader {

  private static final List<String> FAULTS =
      List.of(
          "regionOutage",
          "zoneOutage",
          "badImage",
          "unpullableImage",
          "apiErrors",
          "nodeFailure",
          "crash",
          "tamper");

  private FaultReader() {}

  static Optional<Fault> read(Fields f) {
    int before = f.out().count();
    List<String> set = FAULTS.stream().filter(k -> f.value(k).isPresent()).toList();
    if (set.size() != 1) {
      f.out()
          .error(
              set.size() > 1 ? f.value(set.get(1)).get() : f.node(),
              f.at(),
              "a fault needs exactly one of " + String.join(", ", FAULTS));
    }
    Optional<Duration> written = DurationText.field(f, "for", true);
    Duration lasts = written.orElse(Duration.ZERO);
    Optional<Fault> fault = Optional.empty();
    if (set.size() == 1) {
      String kind = set.get(0);
      YNode v = f.value(kind).get();
      String field = f.path(kind);
      fault =
          switch (kind) {
            case "regionOutage" ->
                f.asString(v, field)
                    .filter(r -> region(f, v, field, r))
                    .map(r -> new Fault.RegionOutage(r, lasts));
            case "zoneOutage" -> f.asString(v, field).flatMap(z -> zone(f, v, field, z, lasts));
            case "badImage" ->
                ServiceReader.image(f, kind, f.out()).map(i -> new Fault.BadImage(i));
            case "unpullableImage" ->
                ServiceReader.image(f, kind, f.out()).map(i -> new Fault.UnpullableImage(i));
            case "apiErrors" -> Fields.of(v, field, f.out()).flatMap(a -> apiErrors(a, lasts));
            case "nodeFailure" -> f.asString(v, field).flatMap(n -> node(f, v, field, n, lasts));
            case "tamper" ->
                Fields.of(v, field, f.out())
                    .flatMap(t -> TamperReader.read(t, f, written.isPresent()));
            default -> Fields.of(v, field, f.out()).flatMap(c -> crash(c, f, written.isPresent()));
          };
    }
    f.finish();
    return f.out().count() > before ? Optional.empty() : fault;
  }

  private static boolean region(Fields f, YNode v, String field, String region) {
    if (Names.isRegion(region)) {
      return true;
    }
    f.out().error(v, field, "not an Azure region name, got '" + region + "'");
    return false;
  }

  private static Optional<Fault> zone(
      Fields f, YNode v, String field, String text, Duration lasts) {
    int slash = text.indexOf('/');
    if (slash > 0
        && Names.isRegion(text.substring(0, slash))
        && text.substring(slash + 1).matches("[A-Za-z0-9-]{1,16}")) {
      return Optional.of(
          new Fault.ZoneOutage(text.substring(0, slash), text.substring(slash + 1), lasts));
    }
    f.out().error(v, field, "expected <region>/<zone>, e.g. westeurope/2, got '" + text + "'");
    return Optional.empty();
  }

  private static Optional<Fault> node(
      Fields f, YNode v, String field, String text, Duration lasts) {
    int slash = text.indexOf('/');
    if (slash > 0
        && Names.dnsLabelProblem(text.substring(0, slash)) == null
        && Names.dnsLabelProblem(text.substring(slash + 1)) == null) {
      return Optional.of(
          new Fault.NodeFailure(text.substring(0, slash), text.substring(slash + 1), lasts));
    }
    f.out().error(v, field, "expected <cluster>/<node>, e.g. main/d4s-3, got '" + text + "'");
    return Optional.empty();
  }

  private static Optional<Fault> apiErrors(Fields f, Duration lasts) {
    int before = f.out().count();
    f.required("rate");
    Optional<Double> rate = f.decimal("rate", 0, 1);
    int status = f.integer("status", 400, 599).orElse(429);
    f.finish();
    return f.out().count() > before
        ? Optional.empty()
        : Optional.of(new Fault.ApiErrors(rate.get(), status, lasts));
  }

  private static Optional<Fault> crash(Fields f, Fields fault, boolean lasts) {
    int before = f.out().count();
    if (lasts) {
      f.out()
          .error(
              fault.value("for").get(),
              fault.path("for"),
              "a crash is instantaneous; leave 'for' out");
    }
    Optional<String> stack = ScenarioReader.name(f, "stack", true);
    Optional<String> service = ScenarioReader.name(f, "service", true);
    int replicas = f.integer("replicas", 1, AciLimits.MAX_REPLICAS).orElse(1);
    f.finish();
    return f.out().count() > before
        ? Optional.empty()
        : Optional.of(new Fault.Crash(stack.get(), service.get(), replicas));
  }
}
