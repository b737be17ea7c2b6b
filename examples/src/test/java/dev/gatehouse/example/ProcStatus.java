package dev.gatehouse.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** A process as Linux shows it in {@code /proc/<pid>/status}: its state and its thread count. */
record ProcStatus(char state, int threads) {

  /** A process that has ended: no state, no threads. */
  static final ProcStatus GONE = new ProcStatus('X', 0);

  static ProcStatus of(long pid) {
    List<String> lines;
    try {
      lines = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"));
    } catch (NoSuchFileException ended) {
      return GONE;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    char state = 'X';
    int threads = 0;
    for (String line : lines) {
      if (line.startsWith("State:")) {
        state = line.substring("State:".length()).trim().charAt(0);
      } else if (line.startsWith("Threads:")) {
        threads = Integer.parseInt(line.substring("Threads:".length()).trim());
      }
    }
    return new ProcStatus(state, threads);
  }

  /** How many threads of each name (digits dropped, so a pool's threads count as one name). */
  static java.util.Map<String, Integer> threadNames(long pid) {
    java.util.Map<String, Integer> names = new java.util.TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      tasks.forEach(t -> {
        try {
          names.merge(Files.readString(t.resolve("comm")).trim().replaceAll("[0-9]+", "#"), 1,
              Integer::sum);
        } catch (IOException ended) {
          // the thread ended meanwhile
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  /** Whether it is in one of {@code states} ({@code S} sleeping, {@code R}, {@code T} stopped…). */
  boolean inState(char... states) {
    for (char s : states) {
      if (state == s) {
        return true;
      }
    }
    return false;
  }
}
