package dev.gatehouse.ratelimit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits calls to a resource method (or every method of a class) by the named policies, each
 * configured under {@code gatehouse.ratelimit.<name>.*} (see {@link RateLimitPolicy}). The count is
 * per policy and key — never per path — so {@code /auth/login/}, {@code //auth/login} or
 * {@code /auth/login;x=1} share one quota. A policy named here but not configured refuses
 * start-up.
 *
 * <pre>{@code
 * @POST @Path("/login") @PermitAll @RateLimited("login")
 * public IssuedTokens login(LoginRequest r) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RateLimited {

  /** Policy names; each must pass. */
  String[] value();
}
