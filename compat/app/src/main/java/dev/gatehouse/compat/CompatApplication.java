package dev.gatehouse.compat;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The application, at the root; every class is found by scanning. */
@ApplicationPath("/")
public class CompatApplication extends Application {
}
