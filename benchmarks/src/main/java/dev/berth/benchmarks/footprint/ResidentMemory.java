package dev.berth.benchmarks.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A process's resident memory as Linux reports it in {@code /proc/PID/status}: {@code VmRSS} (now)
 * and {@code VmHWM} (the kernel's own high-water mark since the process started), in KiB.
 */
record ResidentMemory(long rssKib, long highWaterKib) {

  /** The process's figures, or empty when it has exited (or is not on Linux). */
  static Optional<ResidentMemory> of(long pid) {
    String status;
    try {
      status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
    } catch (IOException e) {
      return Optional.empty();
    }
    OptionalLong rss = field(status, "VmRSS:");
    OptionalLong hwm = field(status, "VmHWM:");
    if (rss.isEmpty() || hwm.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ResidentMemory(rss.getAsLong(), hwm.getAsLong()));
  }

  /**
   * Whether {@code pid} runs a JVM (the launcher script has exec'd java), from {@code
   * /proc/PID/comm}.
   */
  static boolean isJava(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip().equals("java");
    } catch (IOException e) {
      return false;
    }
  }

  static OptionalLong field(String status, String name) {
    for (String line : status.split("\n")) {
      if (line.startsWith(name)) {
        String[] parts = line.substring(name.length()).trim().split("\\s+");
        if (parts.length == 2 && parts[1].equals("kB")) {
          return OptionalLong.of(Long.parseLong(parts[0]));
        }
      }
    }
    return OptionalLong.empty();
  }

  double rssMib() {
    return rssKib / 1024.0;
  }

  double highWaterMib() {
    return highWaterKib / 1024.0;
  }
}
