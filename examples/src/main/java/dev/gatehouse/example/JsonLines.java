package dev.gatehouse.example;

import dev.gatehouse.core.SecurityEvents;
import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Writes security events as bare JSON lines on standard output — one event, one line, ready for
 * a log shipper — and quiets the libraries' start-up chatter.
 */
final class JsonLines {

  /** Held so the JDK cannot collect the configured loggers. */
  private static final Logger SECURITY = Logger.getLogger(SecurityEvents.LOGGER);
  private static final Logger[] QUIET = {Logger.getLogger("org.hibernate"),
      Logger.getLogger("org.eclipse.jetty"), Logger.getLogger("org.jboss.weld"),
      Logger.getLogger("org.glassfish.jersey"), Logger.getLogger("io.smallrye")};

  private JsonLines() {
  }

  static synchronized void install() {
    if (SECURITY.getHandlers().length > 0) {
      return;
    }
    PrintStream out = System.out;
    Handler lines = new Handler() {
      @Override
      public void publish(LogRecord record) {
        out.println(getFormatter().format(record));
        out.flush();
      }

      @Override
      public void flush() {
        out.flush();
      }

      @Override
      public void close() {
        out.flush();
      }
    };
    lines.setFormatter(new Formatter() {
      @Override
      public String format(LogRecord record) {
        return record.getMessage();
      }
    });
    SECURITY.setUseParentHandlers(false);
    SECURITY.addHandler(lines);
    for (Logger l : QUIET) {
      l.setLevel(Level.WARNING);
    }
  }
}
