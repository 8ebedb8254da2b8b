package dev.berth.reconciler.spec;

import dev.berth.reconciler.yaml.Mark;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Where a scenario's events and expectations were written, for the checks that need the repository
 * it runs on ({@link ScenarioChecks}). Lists are by index; an entry is null where the part is
 * absent (a fault has no commit mark).
 *
 * @param commits the {@code commit} of each event
 * @param replacements each event's {@code replace} keys, to where each key was written
 * @param expectations each expectation's kind ({@code availabilityPercent: ...}) value
 */
public record ScenarioMarks(
    List<Mark> commits, List<Map<String, Mark>> replacements, List<Mark> expectations) {

  public ScenarioMarks {
    commits = Collections.unmodifiableList(new ArrayList<>(commits));
    replacements = Collections.unmodifiableList(new ArrayList<>(replacements));
    expectations = Collections.unmodifiableList(new ArrayList<>(expectations));
  }

  static <T> T at(List<T> marks, int i) {
    return i < marks.size() ? marks.get(i) : null;
  }
}
