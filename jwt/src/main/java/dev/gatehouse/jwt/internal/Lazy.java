package dev.gatehouse.jwt.internal;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A provider's collaborator, resolved the first time it is needed and kept. Providers are created
 * by the Jakarta REST runtime — on some runtimes before the application's CDI beans can be looked
 * up, and as CDI beans only on some — so a provider's public constructor cannot be handed what it
 * uses; it names what it uses and takes it from the running application on its first request.
 *
 * @param <T> the collaborator's type
 */
final class Lazy<T> implements Supplier<T> {

  private final Supplier<T> resolve;
  private volatile T value;

  Lazy(Supplier<T> resolve) {
    this.resolve = Objects.requireNonNull(resolve);
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
