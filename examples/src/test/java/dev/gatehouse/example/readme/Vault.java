package dev.gatehouse.example.readme;

/** Stands in for wherever the reader keeps secrets. */
public interface Vault {
  String redisUrl();
}
