package dev.berth.reconciler.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code report.json} and {@code report.html} into a folder. */
public final class ReportFiles {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private ReportFiles() {}

  public static String json(SimulationReport report) throws IOException {
    return JSON.writeValueAsString(report) + "\n";
  }

  /** Writes both files; returns the HTML report's path. */
  public static Path write(SimulationReport report, Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.json"), json(report), StandardCharsets.UTF_8);
    Path html = dir.resolve("report.html");
    Files.writeString(html, ReportHtml.render(report), StandardCharsets.UTF_8);
    return html;
  }
}
