package dev.berth.reconciler.runtime;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * How log lines look: {@code text} ({@code logback.xml}, for people) or {@code json} ({@code
 * logback-json.xml}: one JSON object per line with timestamp, level, logger, thread, MDC and the
 * formatted message, for collectors). Berth logs no secret values in either format: tokens, keys
 * and webhook secrets are referred to by the name of the variable that holds them, and {@link
 * LogRedaction} clears what libraries log of secret values.
 */
public enum LogFormat {
  TEXT("logback.xml"),
  JSON("logback-json.xml");

  private final String resource;

  LogFormat(String resource) {
    this.resource = resource;
  }

  /**
   * {@code text} or {@code json}, any case.
   *
   * @throws IllegalArgumentException naming the accepted values otherwise
   */
  public static LogFormat parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("log format must be text or json, got " + name);
    }
  }

  /** Reconfigures logback for this format; later log calls use it. */
  public void apply() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    URL config = LogFormat.class.getClassLoader().getResource(resource);
    if (config == null) {
      throw new IllegalStateException(resource + " is missing from the classpath");
    }
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(config);
    } catch (JoranException e) {
      throw new IllegalStateException(
          "cannot configure logging from " + resource + ": " + e.getMessage(), e);
    }
    LogRedaction.install(context);
  }
}
