package dev.berth.reconciler.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Which branch and folder to watch, how often, and where to keep the Git mirror. */
final class SourceOptions {

  @Option(names = "--branch", defaultValue = "main", description = "Branch to watch. Default: ${DEFAULT-VALUE}.")
  String branch;

  @Option(names = "--path", defaultValue = ".", description = "Folder of the repository to read. Default: ${DEFAULT-VALUE}.")
  String path;

  @Option(names = "--interval", defaultValue = "5s", description = "Poll interval, e.g. 5s, 1m. Default: ${DEFAULT-VALUE}.")
  String interval;

  @Option(names = "--cache-dir", description = "Where to keep Git mirrors. Default: ~/.cache/berth/git.")
  Path cacheDir;

  Duration interval() {
    return Durations.parse("--interval", interval);
  }

  Path cacheDir() {
    return cacheDir != null ? cacheDir : Path.of(System.getProperty("user.home"), ".cache", "berth", "git");
  }
}
