package dev.berth.reconciler.secrets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Every logger at DEBUG into a list (formatted message, arguments, MDC and stack trace), in place
 * of the console, until closed. The context's turbo filters stay as configured, so what is captured
 * is what an appender of Berth's would receive.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final List<String> lines;
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Map<Logger, Level> levels = new java.util.HashMap<>();
  private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();

  private LogCapture(List<String> lines) {
    this.lines = lines;
  }

  static LogCapture everything(List<String> lines) {
    LogCapture capture = new LogCapture(lines);
    LoggerContext context = capture.root.getLoggerContext();
    capture.setContext(context);
    capture.start();
    for (Logger logger : context.getLoggerList()) {
      capture.levels.put(logger, logger.getLevel());
      logger.setLevel(logger == capture.root ? Level.DEBUG : null);
    }
    for (Iterator<Appender<ILoggingEvent>> it = capture.root.iteratorForAppenders();
        it.hasNext(); ) {
      capture.detached.add(it.next());
    }
    capture.detached.forEach(capture.root::detachAppender);
    capture.root.addAppender(capture);
    return capture;
  }

  @Override
  protected void append(ILoggingEvent event) {
    String thrown =
        event.getThrowableProxy() == null
            ? ""
            : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
    lines.add(
        event.getLoggerName()
            + " "
            + event.getFormattedMessage()
            + " "
            + java.util.Arrays.toString(event.getArgumentArray())
            + " "
            + event.getMDCPropertyMap()
            + thrown);
  }

  @Override
  public void close() {
    root.detachAppender(this);
    detached.forEach(root::addAppender);
    levels.forEach(Logger::setLevel);
    stop();
  }
}
