package dev.berth.reconciler.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import dev.berth.workflows.secrets.SecretValues;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LogRedaction on a logger context of its own, as logback.xml installs it. */
class LogRedactionTest {

  private final LoggerContext context = new LoggerContext();
  private final List<String> lines = new ArrayList<>();
  private final List<String> callers = new ArrayList<>();

  @BeforeEach
  void configure() {
    LogRedaction.install(context);
    LogRedaction.install(context);
    AppenderBase<ILoggingEvent> appender =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent e) {
            lines.add(
                e.getLevel()
                    + " "
                    + e.getLoggerName()
                    + " "
                    + e.getFormattedMessage()
                    + (e.getThrowableProxy() == null
                        ? ""
                        : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())));
            callers.add(e.getCallerData().length == 0 ? "" : e.getCallerData()[0].getClassName());
          }
        };
    appender.setContext(context);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(appender);
  }

  @Test
  void installsOnce() {
    assertThat(context.getTurboFilterList()).hasSize(1);
  }

  @Test
  void aKeyVaultBodyTheSdkCouldNotParseIsLoggedWithoutItsValue() {
    String value = "kv-" + UUID.randomUUID();
    context
        .getLogger("com.azure.core.implementation.MethodHandleReflectiveInvoker")
        .error(
            "Unexpected end-of-input in VALUE_STRING at [Source: (byte[])\"{\"value\":\""
                + value
                + "\",\"id\":\"https://shop-kv.vault");
    context
        .getLogger("com.azure.core.util.logging")
        .warn(
            "{\"az.sdk.message\":\"body\",\"body\":\"{\\\"secureValue\\\":\\\""
                + value
                + "\\\"}\"}");
    assertThat(lines).hasSize(2).noneMatch(l -> l.contains(value));
    assertThat(lines.get(0))
        .isEqualTo(
            "ERROR com.azure.core.implementation.MethodHandleReflectiveInvoker Unexpected end-of-input in VALUE_STRING"
                + " at [Source: (byte[])\"{\"value\":\"[redacted]\",\"id\":\"https://shop-kv.vault");
    assertThat(lines.get(1)).contains("\\\"secureValue\\\":\\\"[redacted]\\\"");
  }

  @Test
  void aResolvedValueIsRedactedFromMessagesArgumentsAndExceptions() {
    String value = "pw-" + UUID.randomUUID();
    SecretValues.remember(value);
    Logger logger = context.getLogger("io.temporal.internal.activity");
    logger.warn("Activity failure: {}", "HTTP 400: bad value " + value);
    logger.error(
        "failed",
        new IllegalStateException("outer", new IllegalArgumentException("quoting " + value)));
    assertThat(lines).hasSize(2).noneMatch(l -> l.contains(value));
    assertThat(lines.get(0)).endsWith("Activity failure: HTTP 400: bad value [redacted]");
    assertThat(lines.get(1))
        .contains("IllegalArgumentException: quoting [redacted]")
        .contains("at dev.berth.reconciler.runtime.LogRedactionTest");
  }

  @Test
  void cleanLinesPassOnceUntouched_andDisabledLevelsStayOff() {
    Logger logger = context.getLogger("berth");
    logger.info("stack {}: created group {}", "shop", "shop-web-0-abc");
    logger.debug("not at INFO: {\"value\":\"x\"}");
    assertThat(lines).containsExactly("INFO berth stack shop: created group shop-web-0-abc");
    assertThat(callers).containsExactly(LogRedactionTest.class.getName());
  }
}
