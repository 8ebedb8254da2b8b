package dev.berth.reconciler.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogFormatTest {

  private final PrintStream stdout = System.out;

  @AfterEach
  void restoreTestLogging() throws Exception {
    System.setOut(stdout);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(getClass().getClassLoader().getResource("logback-test.xml"));
  }

  @Test
  void jsonWritesOneObjectPerEventWithTheFormattedMessage() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    LogFormat.parse("json").apply();

    LoggerFactory.getLogger("berth").info("stack {}: synced at {}", "shop", "9c31eb9");
    LoggerFactory.getLogger("berth").debug("not at INFO");
    System.setOut(stdout);

    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertThat(lines).hasSize(1);
    JsonNode event = new ObjectMapper().readTree(lines[0]);
    assertThat(event.get("level").asText()).isEqualTo("INFO");
    assertThat(event.get("loggerName").asText()).isEqualTo("berth");
    assertThat(event.get("formattedMessage").asText()).isEqualTo("stack shop: synced at 9c31eb9");
    assertThat(event.get("timestamp").asLong()).isPositive();
    assertThat(event.has("arguments")).isFalse();
  }

  @Test
  void onlyTextAndJsonAreFormats() {
    assertThat(LogFormat.parse("TEXT")).isEqualTo(LogFormat.TEXT);
    assertThatThrownBy(() -> LogFormat.parse("xml"))
        .hasMessage("log format must be text or json, got xml");
  }
}
