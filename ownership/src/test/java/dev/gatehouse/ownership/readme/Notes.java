package dev.gatehouse.ownership.readme;

import dev.gatehouse.core.Page;
import dev.gatehouse.core.PageRequest;

/** Stands in for the reader's own note repository. */
public interface Notes {
  Page<NoteView> listByOwner(String owner, PageRequest page);
}
