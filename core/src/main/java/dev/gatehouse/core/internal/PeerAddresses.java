package dev.gatehouse.core.internal;

import dev.gatehouse.core.PeerAddressSource;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Finds the socket peer address of a request on whatever runtime serves it — by trying, not by
 * class presence (a servlet API on the class path proves nothing on Quarkus): the application's
 * {@link PeerAddressSource} bean if it has one, else the first of these that answers for the
 * runtime's request class, remembered per request class:
 *
 * <ol>
 *   <li>the request property {@link PeerAddressSource#PROPERTY} (a servlet filter or the embedding
 *       server may set it; on servlet containers request attributes are request properties);</li>
 *   <li>RESTEasy (WildFly, Quarkus RESTEasy classic): {@code getHttpRequest().getRemoteAddress()};</li>
 *   <li>Quarkus REST: the Vert.x request behind {@code getServerRequestContext()};</li>
 *   <li>a CDI bean of type {@code jakarta.servlet.http.HttpServletRequest} (Jakarta EE servers,
 *       e.g. Payara);</li>
 *   <li>a CDI bean of type {@code io.vertx.core.http.HttpServerRequest}.</li>
 * </ol>
 *
 * <p>Everything is reached reflectively through public interfaces, so core compiles against no
 * runtime. When nothing answers, the peer is unknown: one warning, and every client then counts as
 * {@code 0.0.0.0} (one shared rate-limit bucket, forwarding headers never believed).
 */
final class PeerAddresses {

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.core");

  private interface Strategy {
    String peer(ContainerRequestContext request) throws Exception;
  }

  private final PeerAddressSource custom;
  private final List<Strategy> strategies;
  private final ConcurrentHashMap<Class<?>, Strategy> chosen = new ConcurrentHashMap<>();
  private final AtomicBoolean warned = new AtomicBoolean();

  PeerAddresses(PeerAddressSource custom) {
    this.custom = custom;
    this.strategies = List.of(PeerAddresses::property, PeerAddresses::resteasy,
        PeerAddresses::quarkusRest, cdiBean("jakarta.servlet.http.HttpServletRequest",
            "getRemoteAddr"), cdiBean("io.vertx.core.http.HttpServerRequest", null));
  }

  String peer(ContainerRequestContext request) {
    if (custom != null) {
      return custom.peerAddress(request);
    }
    Class<?> type = request.getClass();
    Strategy known = chosen.get(type);
    if (known != null) {
      String p = attempt(known, request);
      if (p != null) {
        return p;
      }
    }
    for (Strategy s : strategies) {
      String p = attempt(s, request);
      if (p != null) {
        chosen.put(type, s);
        return p;
      }
    }
    if (warned.compareAndSet(false, true)) {
      LOG.log(System.Logger.Level.WARNING, "Gatehouse cannot see the socket peer address on this"
          + " runtime (request class " + type.getName() + "): provide a PeerAddressSource bean;"
          + " until then every client counts as 0.0.0.0 and forwarding headers are ignored");
    }
    return null;
  }

  private static String attempt(Strategy s, ContainerRequestContext request) {
    try {
      String p = s.peer(request);
      return p == null || p.isEmpty() ? null : p;
    } catch (Exception | LinkageError notHere) {
      return null;
    }
  }

  private static String property(ContainerRequestContext request) {
    return request.getProperty(PeerAddressSource.PROPERTY) instanceof String s ? s : null;
  }

  private static String resteasy(ContainerRequestContext request) throws Exception {
    Object http = call(request, "getHttpRequest");
    return http == null ? null : (String) call(http, "getRemoteAddress");
  }

  private static String quarkusRest(ContainerRequestContext request) throws Exception {
    Object context = call(request, "getServerRequestContext");
    Object server = context == null ? null : call(context, "serverRequest");
    if (server == null) {
      return null;
    }
    Class<?> vertx = Class.forName("io.vertx.core.http.HttpServerRequest", false,
        server.getClass().getClassLoader());
    Object vertxRequest = publicMethod(server.getClass(), "unwrap", Class.class)
        .invoke(server, vertx);
    return vertxRequest == null ? null : vertxHost(vertxRequest);
  }

  private static String vertxHost(Object vertxRequest) throws Exception {
    Object address = call(vertxRequest, "remoteAddress");
    return address == null ? null : (String) call(address, "hostAddress");
  }

  /** A CDI bean of a runtime type, looked up by name; {@code getter} null means Vert.x. */
  private static Strategy cdiBean(String typeName, String getter) {
    return request -> {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      Class<?> type = Class.forName(typeName, false,
          loader != null ? loader : PeerAddresses.class.getClassLoader());
      Instance<?> beans = CDI.current().select(type);
      if (!beans.isResolvable()) {
        return null;
      }
      Object bean = beans.get();
      return getter == null ? vertxHost(bean) : (String) call(bean, getter);
    };
  }

  private static Object call(Object target, String name) throws Exception {
    return publicMethod(target.getClass(), name).invoke(target);
  }

  /**
   * The method as declared by a public class or interface, so that it can be called on an
   * implementation class that is not itself public.
   */
  static Method publicMethod(Class<?> type, String name, Class<?>... parameters)
      throws NoSuchMethodException {
    Method m = type.getMethod(name, parameters);
    if (Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
      return m;
    }
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        Method found = findIn(i, name, parameters);
        if (found != null) {
          return found;
        }
      }
      if (Modifier.isPublic(c.getModifiers())) {
        try {
          return c.getMethod(name, parameters);
        } catch (NoSuchMethodException ignored) {
          // keep looking up the hierarchy
        }
      }
    }
    throw new NoSuchMethodException(type.getName() + "#" + name + " on no public type");
  }

  private static Method findIn(Class<?> iface, String name, Class<?>... parameters) {
    if (Modifier.isPublic(iface.getModifiers())) {
      try {
        return iface.getMethod(name, parameters);
      } catch (NoSuchMethodException ignored) {
        // not declared here
      }
    }
    for (Class<?> parent : iface.getInterfaces()) {
      Method m = findIn(parent, name, parameters);
      if (m != null) {
        return m;
      }
    }
    return null;
  }
}
