package dev.gatehouse.core.internal;

import jakarta.enterprise.inject.spi.CDI;

/**
 * A CDI bean looked up once and kept: providers are created by the Jakarta REST runtime (and are
 * CDI beans only on some runtimes), so they fetch Gatehouse's state from CDI on first use.
 *
 * @param <T> the bean type
 */
public final class Runtimes<T> {

  private final Class<T> type;
  private volatile T bean;

  private Runtimes(Class<T> type) {
    this.type = type;
  }

  public static <T> Runtimes<T> of(Class<T> type) {
    return new Runtimes<>(type);
  }

  public T get() {
    T b = bean;
    if (b == null) {
      b = CDI.current().select(type).get();
      bean = b;
    }
    return b;
  }
}
