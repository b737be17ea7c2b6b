package dev.gatehouse.jwt.readme;

/** Stands in for the reader's own response type. */
public record NoteView(long id, String title) {
}
