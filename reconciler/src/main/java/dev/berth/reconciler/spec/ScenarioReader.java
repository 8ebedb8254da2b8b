package dev.berth.reconciler.spec;

import dev.berth.reconciler.spec.DocumentReader.Meta;
import dev.berth.reconciler.spec.ReadDocument.ReadScenario;
import dev.berth.reconciler.yaml.Mark;
import dev.berth.reconciler.yaml.YNode;
import dev.berth.simulator.scenario.Expectation;
import dev.berth.simulator.scenario.Scenario;
import dev.berth.simulator.scenario.Scenario.Load;
import dev.berth.simulator.scenario.ScenarioEvent;
import dev.berth.simulator.world.LoadCurve;
import dev.berth.simulator.world.StartLatency;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code spec} of a {@code kind: Scenario} document: seed, duration, start latency, load,
 * events (a commit or a fault each, in time order, within the duration) and expectations.
 */
final class ScenarioReader {

  private static final List<String> EXPECTATIONS =
      List.of(
          "availabilityPercent", "recoveredWithin", "finalImage", "scaledWithin", "onVmsWithin");

  private ScenarioReader() {}

  static ReadScenario read(Meta meta, YNode spec, Diagnostics out) {
    Optional<Fields> maybe = Fields.of(spec, "spec", out);
    if (maybe.isEmpty()) {
      return new ReadScenario(
          meta.path(),
          meta.name(),
          meta.nameMark(),
          null,
          List.of(),
          new ScenarioMarks(List.of(), List.of(), List.of()));
    }
    Fields f = maybe.get();
    int before = out.count();
    long seed = f.integer("seed", 0, Integer.MAX_VALUE).orElse(0);
    f.required("duration");
    Optional<Duration> duration = DurationText.field(f, "duration", true);
    StartLatency latency =
        f.nested("startLatency")
            .flatMap(ScenarioReader::latency)
            .orElse(Scenario.DEFAULT_START_LATENCY);
    List<Load> load = f.list("load", (v, p) -> Fields.of(v, p, out).flatMap(ScenarioReader::load));
    Duration[] last = {Duration.ZERO};
    List<Mark> faultMarks = new ArrayList<>();
    List<Mark> commitMarks = new ArrayList<>();
    List<Map<String, Mark>> replaceMarks = new ArrayList<>();
    List<ScenarioEvent> events =
        f.list(
            "events",
            (v, p) ->
                Fields.of(v, p, out)
                    .flatMap(
                        e -> {
                          faultMarks.add(e.value("fault").map(YNode::mark).orElse(null));
                          commitMarks.add(e.value("commit").map(YNode::mark).orElse(null));
                          replaceMarks.add(replaceKeys(e.value("commit").orElse(null)));
                          return event(e, duration.orElse(null), last);
                        }));
    List<Mark> expectMarks = new ArrayList<>();
    List<Expectation> expect =
        f.list(
            "expect",
            (v, p) ->
                Fields.of(v, p, out)
                    .flatMap(
                        x -> {
                          expectMarks.add(kindMark(x));
                          return expectation(x);
                        }));
    f.finish();
    Scenario scenario =
        out.count() > before
            ? null
            : new Scenario(meta.name(), seed, duration.get(), latency, load, events, expect);
    return new ReadScenario(
        meta.path(),
        meta.name(),
        meta.nameMark(),
        scenario,
        faultMarks,
        new ScenarioMarks(commitMarks, replaceMarks, expectMarks));
  }

  /** Where an expectation's kind was written (its value), else the expectation. */
  private static Mark kindMark(Fields x) {
    for (String kind : EXPECTATIONS) {
      Optional<YNode> value = x.value(kind);
      if (value.isPresent()) {
        return value.get().mark();
      }
    }
    return x.node().mark();
  }

  /** Where each key of a commit's {@code replace} was written. */
  private static Map<String, Mark> replaceKeys(YNode commit) {
    Map<String, Mark> keys = new LinkedHashMap<>();
    if (commit instanceof YNode.YMap map
        && map.entry("replace").map(YNode.YEntry::value).orElse(null)
            instanceof YNode.YMap replace) {
      replace.entries().forEach(e -> keys.put(e.key(), e.keyMark()));
    }
    return keys;
  }

  private static Optional<StartLatency> latency(Fields f) {
    int before = f.out().count();
    f.required("p50");
    f.required("p99");
    Optional<Duration> p50 = DurationText.field(f, "p50", true);
    Optional<Duration> p99 = DurationText.field(f, "p99", true);
    if (p50.isPresent() && p99.isPresent() && p99.get().compareTo(p50.get()) < 0) {
      f.out().error(f.value("p99").get(), f.path("p99"), "must not be below p50");
    }
    f.finish();
    return f.out().count() > before
        ? Optional.empty()
        : Optional.of(new StartLatency(p50.get(), p99.get()));
  }

  private static Optional<Load> load(Fields f) {
    int before = f.out().count();
    Optional<String> stack = name(f, "stack", true);
    Optional<String> service = name(f, "service", true);
    f.required("pattern");
    Optional<LoadCurve.Shape> pattern =
        f.word("pattern", List.of("constant", "diurnal", "spike"))
            .map(w -> LoadCurve.Shape.valueOf(w.toUpperCase(Locale.ROOT)));
    f.required("peakCpuPercent");
    Optional<Integer> peak = f.integer("peakCpuPercent", 1, 1000);
    f.finish();
    return f.out().count() > before
        ? Optional.empty()
        : Optional.of(new Load(stack.get(), service.get(), pattern.get(), peak.get()));
  }

  private static Optional<ScenarioEvent> event(Fields f, Duration duration, Duration[] last) {
    int before = f.out().count();
    f.required("at");
    Optional<Duration> at = DurationText.field(f, "at", false);
    if (at.isPresent()) {
      YNode node = f.value("at").get();
      if (duration != null && at.get().compareTo(duration) > 0) {
        f.out().error(node, f.path("at"), "is after the scenario's duration");
      } else if (at.get().compareTo(last[0]) < 0) {
        f.out()
            .error(
                node,
                f.path("at"),
                "events must be in time order; this one is before the previous");
      } else {
        last[0] = at.get();
      }
    }
    boolean commit = f.value("commit").isPresent();
    boolean fault = f.value("fault").isPresent();
    if (commit == fault) {
      f.out()
          .error(
              commit ? f.value("fault").get().mark() : f.node().mark(),
              f.at(),
              "an event needs exactly one of commit, fault");
    }
    Duration when = at.orElse(Duration.ZERO);
    Optional<ScenarioEvent> event =
        commit
            ? f.nested("commit").flatMap(c -> commit(c, when))
            : f.nested("fault")
                .flatMap(FaultReader::read)
                .map(x -> new ScenarioEvent.Inject(when, x));
    f.finish();
    return f.out().count() > before || at.isEmpty() ? Optional.empty() : event;
  }

  private static Optional<ScenarioEvent> commit(Fields f, Duration at) {
    int before = f.out().count();
    Optional<String> path = f.string("path", true);
    path.filter(p -> p.startsWith("/") || p.contains("\\") || List.of(p.split("/")).contains(".."))
        .ifPresent(
            p ->
                f.out()
                    .error(
                        f.value("path").get(),
                        f.path("path"),
                        "must be a relative path inside the repository, got '" + p + "'"));
    List<String> set =
        List.of("replace", "content", "delete").stream()
            .filter(k -> f.value(k).isPresent())
            .toList();
    if (set.size() != 1) {
      f.out()
          .error(
              set.size() > 1 ? f.value(set.get(1)).get() : f.node(),
              f.at(),
              "a commit needs exactly one of replace, content, delete");
    }
    List<ScenarioEvent.Replacement> replacements = new ArrayList<>();
    if (f.value("replace").isPresent()) {
      for (YNode.YEntry e : f.entries("replace")) {
        if (e.key().isEmpty()) {
          f.out().error(e.keyMark(), f.path("replace"), "cannot replace the empty string");
        }
        f.asString(e.value(), f.path("replace") + "." + e.key())
            .ifPresent(to -> replacements.add(new ScenarioEvent.Replacement(e.key(), to)));
      }
    }
    Optional<String> content = f.string("content", false);
    Optional<Boolean> delete = f.bool("delete");
    if (delete.isPresent() && !delete.get()) {
      f.out()
          .error(f.value("delete").get(), f.path("delete"), "write delete: true, or leave it out");
    }
    f.finish();
    return f.out().count() > before
        ? Optional.empty()
        : Optional.of(
            new ScenarioEvent.Commit(
                at, path.get(), replacements, content.orElse(null), delete.isPresent()));
  }

  private static Optional<Expectation> expectation(Fields f) {
    int before = f.out().count();
    Optional<String> stack = name(f, "stack", true);
    List<String> set = EXPECTATIONS.stream().filter(k -> f.value(k).isPresent()).toList();
    if (set.size() != 1) {
      f.out()
          .error(
              set.size() > 1 ? f.value(set.get(1)).get() : f.node(),
              f.at(),
              "an expectation needs exactly one of " + String.join(", ", EXPECTATIONS));
    }
    boolean needsService = set.contains("finalImage") || set.contains("onVmsWithin");
    Optional<String> service = name(f, "service", needsService);
    Optional<Double> availability = f.decimal("availabilityPercent", 0, 100);
    Optional<Duration> recovered = DurationText.field(f, "recoveredWithin", true);
    Optional<Duration> scaled = DurationText.field(f, "scaledWithin", true);
    Optional<Duration> onVms = DurationText.field(f, "onVmsWithin", true);
    Optional<String> image =
        f.value("finalImage").isPresent()
            ? ServiceReader.image(f, "finalImage", f.out())
            : Optional.empty();
    f.finish();
    if (f.out().count() > before) {
      return Optional.empty();
    }
    String s = service.orElse(null);
    return Optional.of(
        availability
            .<Expectation>map(a -> new Expectation.Availability(stack.get(), s, a))
            .or(() -> recovered.map(r -> new Expectation.RecoveredWithin(stack.get(), s, r)))
            .or(() -> scaled.map(w -> new Expectation.ScaledWithin(stack.get(), s, w)))
            .or(() -> onVms.map(w -> new Expectation.OnVmsWithin(stack.get(), s, w)))
            .orElseGet(() -> new Expectation.FinalImage(stack.get(), s, image.get())));
  }

  static Optional<String> name(Fields f, String key, boolean required) {
    Optional<String> name = f.string(key, required);
    if (name.isPresent() && Names.dnsLabelProblem(name.get()) != null) {
      f.out().error(f.value(key).get(), f.path(key), Names.dnsLabelProblem(name.get()));
      return Optional.empty();
    }
    return name;
  }
}
