package dev.gatehouse.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Records what one logger (and its children) logs during each test — Gatehouse logs through
 * {@code System.Logger}, which goes to java.util.logging unless a runtime routes it elsewhere.
 *
 * <pre>{@code
 * @RegisterExtension final LogCapture log = LogCapture.of("dev.gatehouse.security");
 * ... assertThat(log.messages()).anyMatch(m -> m.contains("RATE_LIMITED"));
 * }</pre>
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {

  private final Logger logger;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  private LogCapture(String name) {
    this.logger = Logger.getLogger(name);
  }

  public static LogCapture of(String loggerName) {
    return new LogCapture(loggerName);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    records.clear();
    logger.addHandler(handler);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    logger.removeHandler(handler);
  }

  /** Every message so far, in order. */
  public List<String> messages() {
    return records.stream().map(LogRecord::getMessage).toList();
  }

  /**
   * Every record so far as a log file would show it: time, logger, level, the message with its
   * parameters filled in, and the stack trace of what it was logged with — everything a record
   * could put in front of an operator.
   */
  public List<String> formatted() {
    java.util.logging.SimpleFormatter formatter = new java.util.logging.SimpleFormatter();
    return records.stream().map(formatter::format).toList();
  }

  /** Messages logged at exactly {@code level}. */
  public List<String> messages(Level level) {
    return records.stream().filter(r -> r.getLevel() == level).map(LogRecord::getMessage)
        .toList();
  }

  public void clear() {
    records.clear();
  }
}
