package dev.gatehouse.ownership.readme;

/** Stands in for the reader's own response type. */
public record NoteView(Long id, String title) {
  public static NoteView of(Note note) {
    return new NoteView(note.id, note.title);
  }
}
