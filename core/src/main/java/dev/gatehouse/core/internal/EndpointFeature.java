package dev.gatehouse.core.internal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.List;

/**
 * Shows Gatehouse each resource class as the runtime deploys it — on runtimes that scan for
 * providers this is the start-up moment: every module prepares the class's endpoints (and refuses
 * start-up for one it cannot protect) and the lint checks them. It registers nothing: enforcement
 * lives in global filters that read the same plans, so it holds even where a runtime ignores
 * dynamic features.
 *
 * <p>Its first call brings every resource class the runtime can name — the application's configuration
 * (as {@link RuntimeDefaults} saw it) and this method's, else the CDI beans with {@code @Path} — so that one refusal lists the problems of all of them,
 * not only of the class the runtime happened to show first.
 *
 * <p>A runtime that builds a sub-resource's model while serving a request (Jersey) calls it then:
 * a refusal cannot stop the application any more, so it is recorded and that endpoint's requests
 * are refused with a 500 and an event, by {@link EndpointFilter}.
 */
@Provider
public final class EndpointFeature implements DynamicFeature {

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    Class<?> type = resource.getResourceClass();
    if (type == null || resource.getResourceMethod() == null) {
      return;
    }
    CoreRuntime core = CoreRuntime.current();
    if (servingARequest()) {
      core.endpoints().plan(type, resource.getResourceMethod());
      return;
    }
    List<Class<?>> classes = new ArrayList<>();
    classes.add(type);
    if (core.endpoints().nothingShownYet()) {
      // A scanning runtime shows one class at a time and stops at the first refusal: take every
      // resource class it can tell us of now, so that one refusal lists every class's problems.
      List<Class<?>> configured = resourceClassesOf(context.getConfiguration());
      configured.addAll(core.endpoints().configuredResources());
      // Only where the configuration names none (RESTEasy, Quarkus REST): CDI may hold beans of
      // other applications on a shared class path, which a named list must not be mixed with.
      classes.addAll(configured.isEmpty() ? resourceBeans() : configured);
    }
    core.discover(classes, resource, context, context.getConfiguration());
  }

  private static List<Class<?>> resourceClassesOf(Configuration config) {
    try {
      return rootResources(config.getClasses(), config.getInstances());
    } catch (RuntimeException unsupported) {
      return new ArrayList<>(); // a per-method configuration that does not list them
    }
  }

  static List<Class<?>> rootResources(java.util.Set<Class<?>> classes,
      java.util.Set<Object> instances) {
    List<Class<?>> out = new ArrayList<>();
    if (classes != null) {
      for (Class<?> c : classes) {
        if (c.isAnnotationPresent(Path.class)) {
          out.add(c);
        }
      }
    }
    if (instances != null) {
      for (Object o : instances) {
        if (o.getClass().isAnnotationPresent(Path.class)) {
          out.add(o.getClass());
        }
      }
    }
    return out;
  }

  /** The CDI beans that are root resources: on Quarkus and WildFly, every scanned resource. */
  private static List<Class<?>> resourceBeans() {
    List<Class<?>> out = new ArrayList<>();
    try {
      BeanManager beans = CDI.current().getBeanManager();
      for (Bean<?> b : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
        Class<?> c = b.getBeanClass();
        if (c != null && c.isAnnotationPresent(Path.class) && !out.contains(c)) {
          out.add(c);
        }
      }
    } catch (RuntimeException noContainer) {
      // without CDI the runtime's own order stands; each class is still linted when shown
    }
    return out;
  }

  private static boolean servingARequest() {
    try {
      return CDI.current().getBeanManager().getContext(RequestScoped.class).isActive();
    } catch (RuntimeException noActiveContext) {
      return false;
    }
  }
}
