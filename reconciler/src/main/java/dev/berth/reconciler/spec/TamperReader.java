package dev.berth.reconciler.spec;

import dev.berth.simulator.scenario.Fault;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a {@code tamper} fault: {@code {stack, service, ordinal, set: {image, command, env}}} to
 * change one replica's group in place, or {@code {stack, service, ordinal, delete: true}} to delete
 * it, behind Git's back. Instantaneous: no {@code for}.
 */
final class TamperReader {

  private TamperReader() {}

  /**
   * @param lasts whether the fault was given a {@code for}
   */
  static Optional<Fault> read(Fields f, Fields fault, boolean lasts) {
    int before = f.out().count();
    if (lasts) {
      f.out()
          .error(
              fault.value("for").get(),
              fault.path("for"),
              "a tamper is instantaneous; leave 'for' out");
    }
    Optional<String> stack = ScenarioReader.name(f, "stack", true);
    Optional<String> service = ScenarioReader.name(f, "service", true);
    int ordinal = f.integer("ordinal", 0, AciLimits.MAX_REPLICAS - 1).orElse(0);
    boolean delete = f.bool("delete").orElse(false);
    Optional<Fields> set = f.nested("set");
    String image = null;
    List<String> command = null;
    SortedMap<String, String> env = new TreeMap<>();
    if (set.isPresent()) {
      Fields s = set.get();
      image =
          s.value("image").isPresent()
              ? ServiceReader.image(s, "image", s.out()).orElse(null)
              : null;
      command = s.value("command").isPresent() ? s.strings("command") : null;
      env.putAll(ServiceReader.env(s, "env"));
      if (image == null && command == null && env.isEmpty() && s.out().count() == before) {
        s.out().error(s.node(), s.at(), "names nothing to change: set image, command or env");
      }
      s.finish();
    }
    if (set.isPresent() == delete) {
      f.out().error(f.node(), f.at(), "a tamper needs exactly one of set or delete: true");
    }
    f.finish();
    return f.out().count() > before
        ? Optional.empty()
        : Optional.of(
            new Fault.Tamper(stack.get(), service.get(), ordinal, image, command, env, delete));
  }
}
