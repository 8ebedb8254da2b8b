package dev.berth.benchmarks.footprint;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the event log {@code berth run} prints ({@code HH:MM:SS stack NAME: synced at REV ...})
 * as it grows, and keeps the set of stacks seen synced and the number of lines that report trouble.
 */
public final class EventLog {

  /** Unanchored: lines two threads printed at once can run together. */
  private static final Pattern SYNCED = Pattern.compile("stack (\\S+): synced at ");

  private static final Pattern TROUBLE =
      Pattern.compile("(?i)\\b(failed|refused|rolled back|no place|exception|error)\\b");

  private final Path file;
  private final Set<String> synced = new HashSet<>();
  private long offset;
  private int troubleLines;
  private String lastTrouble;
  private final StringBuilder partial = new StringBuilder();

  public EventLog(Path file) {
    this.file = file;
  }

  /** Reads what was appended since the last call. */
  public void follow() throws IOException {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      if (in.length() <= offset) {
        return;
      }
      in.seek(offset);
      byte[] bytes = new byte[(int) Math.min(in.length() - offset, 16 << 20)];
      in.readFully(bytes);
      offset += bytes.length;
      partial.append(new String(bytes, StandardCharsets.UTF_8));
    }
    int end;
    while ((end = partial.indexOf("\n")) >= 0) {
      line(partial.substring(0, end));
      partial.delete(0, end + 1);
    }
  }

  private void line(String line) {
    Matcher m = SYNCED.matcher(line);
    boolean any = false;
    while (m.find()) {
      synced.add(m.group(1));
      any = true;
    }
    if (any) {
      return;
    }
    if (TROUBLE.matcher(line).find()) {
      troubleLines++;
      lastTrouble = line;
    }
  }

  public int syncedStacks() {
    return synced.size();
  }

  int troubleLines() {
    return troubleLines;
  }

  String lastTrouble() {
    return lastTrouble;
  }
}
