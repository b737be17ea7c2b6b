package dev.gatehouse.core.internal;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Providers;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Names, once, the application's exception mappers that answer exceptions of every kind
 * ({@code Throwable}, {@code Exception}, {@code RuntimeException}, {@code WebApplicationException}):
 * what such a mapper builds for a 4xx reaches clients as it is, so a reviewer must know it exists.
 * Asked of the runtime's own choice ({@link Providers#getExceptionMapper}), at the first response,
 * because that is where every runtime (Quarkus REST included) has its providers ready.
 */
final class ApplicationMappers {

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.core");
  private static final List<Class<? extends Throwable>> BROAD = List.of(Throwable.class,
      Exception.class, RuntimeException.class, WebApplicationException.class);
  private static final Set<Class<?>> OURS = Set.of(ProblemExceptionMapper.class,
      NarrowExceptionMappers.WebApplication.class);

  private volatile boolean reported;

  void reportOnce(Providers providers) {
    if (reported || providers == null) {
      return;
    }
    reported = true;
    List<String> lines = new ArrayList<>();
    Set<Class<?>> named = new java.util.HashSet<>(OURS);
    for (Class<? extends Throwable> type : BROAD) {
      Class<?> chosen = mapperClass(providers, type);
      if (chosen == null || !named.add(chosen)) {
        continue;
      }
      lines.add(type == WebApplicationException.class
          ? "  " + chosen.getName() + " answers every WebApplicationException ahead of Gatehouse:"
              + " the runtime's 404, 405, 406 and 415 bodies are its own; give it a narrower type"
          : "  " + chosen.getName() + " answers every " + type.getSimpleName() + " that no"
              + " narrower mapper takes: its 5xx bodies are replaced by Gatehouse's problem (their"
              + " kind logged with the request id, never their text), its 4xx bodies are sent as"
              + " built — they must name no class and quote no exception message");
    }
    if (!lines.isEmpty()) {
      LOG.log(System.Logger.Level.WARNING, "Gatehouse exception mappers: the application's broad"
          + " exception mappers\n" + String.join("\n", lines));
    }
  }

  private static Class<?> mapperClass(Providers providers, Class<? extends Throwable> type) {
    ExceptionMapper<?> m;
    try {
      m = providers.getExceptionMapper(type);
    } catch (RuntimeException e) {
      return null;
    }
    if (m == null) {
      return null;
    }
    Class<?> c = m.getClass();
    // a CDI client proxy or subclass names the bean class as its superclass
    while (c.getSuperclass() != null && c.getSuperclass() != Object.class
        && (c.isSynthetic() || c.getName().contains("$$") || c.getName().contains("_Subclass")
            || c.getName().contains("$Proxy$") || c.getName().contains("_ClientProxy"))) {
      c = c.getSuperclass();
    }
    return c;
  }
}
