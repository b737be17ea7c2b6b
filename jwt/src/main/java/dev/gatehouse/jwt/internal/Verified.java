package dev.gatehouse.jwt.internal;

import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A token that passed every check, with the roles and scopes read from it once — from the claims
 * {@code gatehouse.jwt.roles-claims} and {@code scopes-claims} name — for every request that
 * presents it.
 *
 * @param token the token, as {@code @Inject JsonWebToken} sees it
 * @param roles what {@code isUserInRole} and {@code @RolesAllowed} see
 * @param scopes what {@code @RequireScopes} sees
 */
record Verified(JsonWebToken token, Set<String> roles, Set<String> scopes) {
}
