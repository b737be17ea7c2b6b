package dev.gatehouse.example.readme;

/** Stands in for the reader's own request type. */
public record RefreshRequest(String refreshToken) {
}
