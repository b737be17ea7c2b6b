package dev.gatehouse.jwt.internal;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.ws.rs.core.Application;

/**
 * On servlet containers (WildFly, Payara), refuses to deploy an application whose
 * {@code Application} subclass carries {@code @LoginConfig(authMethod = "MP-JWT")} — the server's
 * own MicroProfile JWT would be a second verifier of bearer tokens. Jakarta REST names the servlet
 * of an {@code Application} subclass after the class (Jakarta REST 3.1 §2.3.2), so the servlet
 * registrations name every application of the deployment. Servlet containers find it by scanning;
 * elsewhere it is never loaded.
 */
@WebListener
public final class ContainerJwtListener implements ServletContextListener {

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ClassLoader loader = event.getServletContext().getClassLoader();
    for (String name : event.getServletContext().getServletRegistrations().keySet()) {
      Class<?> type;
      try {
        type = Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError notAClassName) {
        continue;
      }
      if (Application.class.isAssignableFrom(type)) {
        ContainerJwtCheck.refuseIfItTurnsOnMpJwt(type);
      }
    }
  }
}
