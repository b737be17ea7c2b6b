package dev.gatehouse.core.spi;

import jakarta.enterprise.inject.spi.CDI;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A provider's collaborator, resolved the first time it is needed and kept. Providers are created
 * by the Jakarta REST runtime — on some runtimes before the application's CDI beans can be looked
 * up, and as CDI beans only on some — so a provider's public constructor cannot be handed what it
 * uses; it names what it uses and takes it from the running application on its first request.
 *
 * <pre>{@code
 * private final Lazy<CorsRoutes> routes = new Lazy<>(() -> CorsRuntime.current().routes());
 * }</pre>
 *
 * @param <T> the collaborator's type
 */
public final class Lazy<T> implements Supplier<T> {

  private final Supplier<T> resolve;
  private volatile T value;

  public Lazy(Supplier<T> resolve) {
    this.resolve = Objects.requireNonNull(resolve);
  }

  /** The application's CDI bean of {@code type}, looked up on first use. */
  public static <T> Lazy<T> bean(Class<T> type) {
    Objects.requireNonNull(type);
    return new Lazy<>(() -> CDI.current().select(type).get());
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      v = Objects.requireNonNull(resolve.get());
      value = v;
    }
    return v;
  }
}
