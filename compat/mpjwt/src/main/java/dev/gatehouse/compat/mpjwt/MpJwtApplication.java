package dev.gatehouse.compat.mpjwt;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * A second application in the WAR that turns on the server's own MicroProfile JWT, as an
 * application migrating from it might: the deployment must be refused.
 */
@ApplicationPath("/mpjwt")
@LoginConfig(authMethod = "MP-JWT")
public class MpJwtApplication extends Application {
}
