package dev.gatehouse.jwt.readme;

import java.util.Set;

/** Stands in for the reader's own user. */
public record User(Long id, Set<String> roles) {
}
