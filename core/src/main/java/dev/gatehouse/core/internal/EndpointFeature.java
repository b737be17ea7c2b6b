package dev.gatehouse.core.internal;

import dev.gatehouse.core.CoreSettings;
import dev.gatehouse.core.DocsGate;
import dev.gatehouse.core.MaxBodySize;
import dev.gatehouse.core.PageRequest;
import dev.gatehouse.core.SortSpec;
import dev.gatehouse.core.config.ConfigReader;
import dev.gatehouse.core.config.GatehouseConfigException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Visits every resource method once at start-up and binds the per-method filters with values
 * computed there: path template and body limit, documentation roles, paging checks.
 */
public final class EndpointFeature implements DynamicFeature {

  private final CoreSettings settings;
  private final EndpointLint lint;

  public EndpointFeature(CoreSettings settings, EndpointLint lint) {
    this.settings = settings;
    this.lint = lint;
  }

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    Class<?> type = resource.getResourceClass();
    Method method = resource.getResourceMethod();
    if (type == null || method == null) {
      return;
    }
    if (type.isAnnotationPresent(Path.class)) {
      lint.lintLate(type); // a resource the runtime discovered itself
    }
    String template = template(type, method);
    context.register(new EndpointFilter(template, bodyLimit(type, method)),
        CorePriorities.ENDPOINT);
    if (DocsGate.isDocsPath(template)) {
      context.register(new DocsAccessFilter(settings.docs()), CorePriorities.DOCS);
    }
    boolean paged = false;
    List<String> single = new ArrayList<>();
    Class<?>[] params = method.getParameterTypes();
    Annotation[][] annotations = method.getParameterAnnotations();
    for (int i = 0; i < params.length; i++) {
      if (params[i] == PageRequest.class && has(annotations[i], BeanParam.class)) {
        paged = true;
      }
      if (params[i] == SortSpec.class) {
        for (Annotation a : annotations[i]) {
          if (a instanceof QueryParam q) {
            single.add(q.value());
          }
        }
      }
    }
    if (paged || !single.isEmpty()) {
      context.register(new PagingFilter(settings.paging(), paged, single), CorePriorities.PAGING);
    }
  }

  private long bodyLimit(Class<?> type, Method method) {
    MaxBodySize annotation = method.getAnnotation(MaxBodySize.class);
    if (annotation == null) {
      annotation = type.getAnnotation(MaxBodySize.class);
    }
    if (annotation == null) {
      return settings.body().maxBytes();
    }
    long v = annotation.value();
    if (v < 1 || v > Integer.MAX_VALUE) {
      throw new GatehouseConfigException(ConfigReader.describe(
          "@MaxBodySize on " + type.getSimpleName() + "#" + method.getName(), v,
          "must be from 1 to 2147483647 bytes"));
    }
    return v;
  }

  /** {@code /class-path/method-path}, with single slashes. */
  public static String template(Class<?> type, Method method) {
    Path classPath = type.getAnnotation(Path.class);
    Path methodPath = method.getAnnotation(Path.class);
    String joined = "/" + (classPath == null ? "" : classPath.value()) + "/"
        + (methodPath == null ? "" : methodPath.value());
    String t = joined.replaceAll("/{2,}", "/");
    return t.length() > 1 && t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
  }

  private static boolean has(Annotation[] annotations, Class<? extends Annotation> type) {
    for (Annotation a : annotations) {
      if (a.annotationType() == type) {
        return true;
      }
    }
    return false;
  }
}
