package dev.gatehouse.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Figures a test measured, printed as they come and written to a file for the README. */
final class Figures {

  private final Path file;
  private final List<String> lines = new ArrayList<>();

  Figures(Path file) {
    this.file = file;
  }

  synchronized void add(String line) {
    lines.add(line);
    System.out.println("[faults] " + line);
  }

  synchronized void write() {
    try {
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
