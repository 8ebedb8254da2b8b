package dev.berth.reconciler.spec;

import dev.berth.reconciler.spec.ReadDocument.ReadScenario;
import dev.berth.reconciler.spec.ReadDocument.ReadStack;
import dev.berth.reconciler.yaml.Mark;
import dev.berth.simulator.scenario.Expectation;
import dev.berth.simulator.scenario.Fault;
import dev.berth.simulator.scenario.Scenario;
import dev.berth.simulator.scenario.ScenarioEvent;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.model.Target;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a scenario can only be checked against on the repository it runs on (by {@code berth
 * simulate}, before it runs): its commits, replayed on the repository's files in order, must each
 * change something, and each {@code replace} must match; its expectations must be ones the run can
 * judge. Each problem is one {@link Diagnostic} at the field that causes it.
 */
public final class ScenarioChecks {

  private ScenarioChecks() {}

  /**
   * The problems of the scenario named {@code name} among {@code files} (the repository's, by
   * path).
   */
  public static List<Diagnostic> problems(String name, SortedMap<String, byte[]> files) {
    DesiredStateReader reader = new DesiredStateReader();
    for (FileReading file : reader.readFiles(files)) {
      for (ReadDocument d : file.read()) {
        if (d instanceof ReadScenario s && s.name().equals(name) && s.scenario() != null) {
          SortedMap<String, String> texts = new TreeMap<>();
          files.forEach(
              (path, bytes) -> texts.put(path, new String(bytes, StandardCharsets.UTF_8)));
          return problems(s, texts);
        }
      }
    }
    return List.of();
  }

  static List<Diagnostic> problems(ReadScenario read, SortedMap<String, String> files) {
    Scenario scenario = read.scenario();
    ScenarioMarks marks = read.marks();
    List<Diagnostic> problems = new ArrayList<>();
    Map<String, String> texts = new TreeMap<>(files);
    History history = new History();
    texts.forEach(history::read);
    for (int i = 0; i < scenario.events().size(); i++) {
      ScenarioEvent event = scenario.events().get(i);
      if (event instanceof ScenarioEvent.Commit commit) {
        Mark at = Optional.ofNullable(ScenarioMarks.at(marks.commits(), i)).orElse(read.nameMark());
        Map<String, Mark> keys =
            Optional.ofNullable(ScenarioMarks.at(marks.replacements(), i)).orElse(Map.of());
        String field = "spec.events[" + i + "].commit";
        Optional<String> after =
            apply(
                commit,
                texts.get(commit.path()),
                event.at(),
                field,
                at,
                keys,
                read.path(),
                problems);
        if (after != null) {
          after.ifPresentOrElse(
              text -> texts.put(commit.path(), text), () -> texts.remove(commit.path()));
          history.commit(commit.path(), after.orElse(null));
        }
      }
    }
    boolean faults = scenario.events().stream().anyMatch(e -> e instanceof ScenarioEvent.Inject);
    for (int i = 0; i < scenario.expect().size(); i++) {
      Expectation e = scenario.expect().get(i);
      String problem = unjudgeable(e, faults, history, scenario);
      if (problem != null) {
        Mark at =
            Optional.ofNullable(ScenarioMarks.at(marks.expectations(), i)).orElse(read.nameMark());
        problems.add(new Diagnostic(read.path(), at, "spec.expect[" + i + "]." + kind(e), problem));
      }
    }
    return problems;
  }

  /**
   * The file's text after the commit (empty: the commit deletes it), or null when the commit is at
   * fault and a problem was added: a {@code replace} that matches nothing, a commit that changes
   * nothing.
   */
  private static Optional<String> apply(
      ScenarioEvent.Commit commit,
      String before,
      Duration at,
      String field,
      Mark mark,
      Map<String, Mark> keys,
      String path,
      List<Diagnostic> out) {
    String when = " at " + written(at);
    if (commit.delete()) {
      if (before == null) {
        out.add(
            new Diagnostic(
                path,
                mark,
                field + ".delete",
                "changes nothing: " + commit.path() + " does not exist" + when));
        return null;
      }
      return Optional.empty();
    }
    if (commit.content() != null) {
      if (commit.content().equals(before)) {
        out.add(
            new Diagnostic(
                path,
                mark,
                field + ".content",
                "changes nothing: " + commit.path() + " has this content already" + when));
        return null;
      }
      return Optional.of(commit.content());
    }
    if (before == null) {
      out.add(
          new Diagnostic(
              path,
              mark,
              field + ".path",
              "no file " + commit.path() + " in the repository" + when + " to replace text in"));
      return null;
    }
    String text = before;
    boolean matched = true;
    for (ScenarioEvent.Replacement r : commit.replace()) {
      if (!text.contains(r.from())) {
        matched = false;
        out.add(
            new Diagnostic(
                path,
                keys.getOrDefault(r.from(), mark),
                field + ".replace." + r.from(),
                "matches nothing in " + commit.path() + when));
      }
      text = text.replace(r.from(), r.to());
    }
    if (!matched) {
      return null;
    }
    if (text.equals(before)) {
      out.add(
          new Diagnostic(
              path, mark, field + ".replace", "changes nothing in " + commit.path() + when));
      return null;
    }
    return Optional.of(text);
  }

  /** A time as a scenario writes it: {@code 1h5m}, {@code 30s}, {@code 0s}. */
  static String written(Duration at) {
    if (at.isZero()) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    if (at.toHours() > 0) {
      b.append(at.toHours()).append('h');
    }
    if (at.toMinutesPart() > 0) {
      b.append(at.toMinutesPart()).append('m');
    }
    if (at.toSecondsPart() > 0) {
      b.append(at.toSecondsPart()).append('s');
    }
    return b.toString();
  }

  /** Why the run could never judge the expectation, or null. */
  private static String unjudgeable(
      Expectation e, boolean faults, History history, Scenario scenario) {
    String service = e.service();
    if (!history.has(e.stack(), service)) {
      return "can never be judged: the repository defines no "
          + (service == null ? "stack " + e.stack() : "service " + e.stack() + "/" + service)
          + ", before or after the scenario's commits";
    }
    if (e instanceof Expectation.RecoveredWithin && !faults) {
      return "can never be judged: the scenario injects no fault to recover from";
    }
    if (e instanceof Expectation.FinalImage f
        && history.images(f.stack(), f.service()).size() < 2
        && !tampered(scenario, f)) {
      return "can never be judged: no commit or tamper of the scenario changes the image of "
          + f.stack()
          + "/"
          + f.service()
          + " ("
          + String.join(", ", history.images(f.stack(), f.service()))
          + " throughout)";
    }
    boolean loaded =
        scenario.load().stream()
            .anyMatch(
                l ->
                    l.stack().equals(e.stack())
                        && (service == null || l.service().equals(service)));
    if (e instanceof Expectation.ScaledWithin w
        && !history.scales(w.stack(), w.service())
        && !(loaded && history.autoscaled(w.stack(), w.service()))) {
      return "can never be judged: no commit changes its replicas and no load drives its autoscaling";
    }
    if (e instanceof Expectation.OnVmsWithin v && !history.onCluster(v.stack())) {
      return "can never be judged: stack "
          + v.stack()
          + " never runs on a cluster (target cluster:<name> or burst:<name>)";
    }
    return null;
  }

  /**
   * Some tamper runs another image in a group of the service behind Git's back (self-heal puts
   * Git's back).
   */
  private static boolean tampered(Scenario scenario, Expectation.FinalImage f) {
    return scenario.events().stream()
        .anyMatch(
            ev ->
                ev instanceof ScenarioEvent.Inject i
                    && i.fault() instanceof Fault.Tamper t
                    && t.stack().equals(f.stack())
                    && t.service().equals(f.service())
                    && t.image() != null);
  }

  private static String kind(Expectation e) {
    if (e instanceof Expectation.Availability) {
      return "availabilityPercent";
    }
    if (e instanceof Expectation.RecoveredWithin) {
      return "recoveredWithin";
    }
    if (e instanceof Expectation.FinalImage) {
      return "finalImage";
    }
    return e instanceof Expectation.ScaledWithin ? "scaledWithin" : "onVmsWithin";
  }

  /** Every version of every stack the repository holds as the scenario's commits land. */
  private static final class History {
    private final DesiredStateReader reader = new DesiredStateReader();
    private final Map<String, StackSpec> now = new TreeMap<>();
    private final Map<String, List<StackSpec>> versions = new TreeMap<>();

    void read(String path, String text) {
      for (ReadDocument d : reader.readFile(path, text.getBytes(StandardCharsets.UTF_8)).read()) {
        if (d instanceof ReadStack s && s.stack() != null) {
          now.put(s.name(), s.stack().spec());
          versions.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s.stack().spec());
        }
      }
    }

    void commit(String path, String text) {
      if (text != null) {
        read(path, text);
      }
    }

    boolean has(String stack, String service) {
      return versions.getOrDefault(stack, List.of()).stream()
          .anyMatch(s -> service == null || s.service(service).isPresent());
    }

    List<String> images(String stack, String service) {
      return versions.getOrDefault(stack, List.of()).stream()
          .flatMap(s -> s.service(service).stream())
          .map(ServiceSpec::image)
          .distinct()
          .toList();
    }

    /** Some commit changes the replica count (or the autoscale rule) of the stack's service(s). */
    boolean scales(String stack, String service) {
      List<StackSpec> all = versions.getOrDefault(stack, List.of());
      return all.stream()
              .map(
                  s ->
                      s.services().stream()
                          .filter(x -> service == null || x.name().equals(service))
                          .map(x -> x.name() + "=" + x.replicas() + "/" + x.autoscale())
                          .toList())
              .distinct()
              .count()
          > 1;
    }

    boolean autoscaled(String stack, String service) {
      return versions.getOrDefault(stack, List.of()).stream()
          .anyMatch(
              s ->
                  s.services().stream()
                      .anyMatch(
                          x ->
                              (service == null || x.name().equals(service))
                                  && x.autoscale() != null));
    }

    boolean onCluster(String stack) {
      return versions.getOrDefault(stack, List.of()).stream()
          .anyMatch(s -> s.target().kind() != Target.Kind.ACI);
    }
  }
}
