package dev.gatehouse.example.readme;

/** Stands in for the reader's own user repository. */
public interface Users {
  /** The user with this email address, or null. */
  User findByEmail(String email);
}
