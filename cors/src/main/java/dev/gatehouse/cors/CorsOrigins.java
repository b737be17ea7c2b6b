package dev.gatehouse.cors;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Replaces {@code gatehouse.cors.allowed-origins} for one resource method or class — for the rare
 * endpoint that a partner's site calls. The same rules apply (exact origins, https unless
 * loopback or insecure origins are allowed); a bad value refuses start-up. Methods, headers,
 * credentials and max-age stay those of the configuration.
 *
 * <pre>{@code
 * @GET @Path("/embed") @PermitAll
 * @CorsOrigins({"https://partner.example.com"})
 * public Widget embed() { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CorsOrigins {

  String[] value();
}
