package dev.gatehouse.core.readme;

// readme:quick-start-app
import dev.gatehouse.core.GatehouseCoreFeature;
import org.glassfish.jersey.server.ResourceConfig;

public class App extends ResourceConfig {
  public App() {
    register(GatehouseCoreFeature.class);
    register(NotesResource.class);
  }
}
// readme:end
