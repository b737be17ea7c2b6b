package dev.gatehouse.example.readme;

/** Stands in for the reader's own test fixtures. */
final class Fixtures {
  private Fixtures() {
  }

  /** Creates a note as the given caller and returns its id. */
  static String createNote(String subject) {
    return "1";
  }
}
