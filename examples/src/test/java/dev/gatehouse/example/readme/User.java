package dev.gatehouse.example.readme;

import java.util.Set;

/** Stands in for the reader's own user. */
public record User(Long id, String email, String passwordHash, Set<String> roles) {
}
