package dev.berth.reconciler.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.berth.workflows.secrets.SecretValues;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Keeps secret values out of every log line, whoever writes it: a line (or its exception) that
 * holds a value Berth resolved ({@link SecretValues}), or a JSON string under {@code "value"} or
 * {@code "secureValue"} (how Key Vault answers a read and how ARM carries a secure variable; the
 * Azure SDK logs such bodies when it cannot parse them), is dropped and logged again with those
 * parts replaced by {@link SecretValues#MARK}. Berth's own log lines name references, never values;
 * this is for the libraries'. Installed by {@code logback.xml}, {@code logback-json.xml} and {@link
 * LogFormat#apply}.
 */
public final class LogRedaction extends TurboFilter {

  private static final Pattern SECRET_FIELD =
      Pattern.compile(
          "(\\\\?\"(?:value|secureValue)\\\\?\"\\s*:\\s*\\\\?\")((?:[^\"\\\\]|\\\\[^\"])*)");
  private static final String FQCN = LogRedaction.class.getName();
  private static final ThreadLocal<Boolean> relogging = ThreadLocal.withInitial(() -> false);

  /** Adds the filter to {@code context} unless one is there. */
  static void install(LoggerContext context) {
    if (context.getTurboFilterList().stream().noneMatch(f -> f instanceof LogRedaction)) {
      LogRedaction filter = new LogRedaction();
      filter.setContext(context);
      filter.start();
      context.addTurboFilter(filter);
    }
  }

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (relogging.get()
        || level == null
        || (format == null && t == null)
        || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
      return FilterReply.NEUTRAL;
    }
    String message =
        format == null ? null : MessageFormatter.arrayFormat(format, params).getMessage();
    String clean = redact(message);
    Throwable cleanThrown = t == null ? null : redacted(t);
    if (Objects.equals(clean, message) && cleanThrown == t) {
      return FilterReply.NEUTRAL;
    }
    relogging.set(true);
    try {
      logger.log(
          marker,
          FQCN,
          Level.toLocationAwareLoggerInteger(level),
          clean == null ? "" : clean,
          null,
          cleanThrown);
    } finally {
      relogging.set(false);
    }
    return FilterReply.DENY;
  }

  /**
   * {@code text} without secret values or secret-bearing JSON strings; the same instance when
   * clean.
   */
  static String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = SecretValues.redact(text);
    Matcher m = SECRET_FIELD.matcher(out);
    if (m.find()) {
      out = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + SecretValues.MARK));
    }
    return out.equals(text) ? text : out;
  }

  /**
   * A copy of {@code t} (and its causes) with redacted messages and the same stack, or {@code t}
   * when clean.
   */
  private static Throwable redacted(Throwable t) {
    boolean clean = true;
    for (Throwable c = t; c != null && clean; c = c.getCause() == c ? null : c.getCause()) {
      clean = redact(c.getMessage()) == c.getMessage();
    }
    if (clean) {
      return t;
    }
    Throwable cause = t.getCause() == null || t.getCause() == t ? null : redacted(t.getCause());
    RedactedThrowable copy =
        new RedactedThrowable(
            t.getClass().getName() + ": " + redact(String.valueOf(t.getMessage())), cause);
    copy.setStackTrace(t.getStackTrace());
    return copy;
  }

  /**
   * Stands in for an exception whose message held a secret; its message names the original class.
   */
  static final class RedactedThrowable extends RuntimeException {
    RedactedThrowable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
