package dev.gatehouse.jwt.readme;

import dev.gatehouse.core.PageRequest;
import java.util.List;

/** Stands in for the reader's own note repository. */
public interface Notes {
  List<NoteView> list(PageRequest page);
}
