package dev.gatehouse.testkit;

/**
 * A signing key of the test realm as Keycloak's admin API shows it: the key provider (a realm
 * component) that holds it, the {@code kid} its JWKS entry and token headers carry, and the
 * provider's priority (the enabled, active key of the highest priority signs new tokens).
 *
 * @param componentId the key provider's component id, for
 *     {@link KeycloakTestServer#disableKeyProvider(String)}
 * @param kid the key id published in the realm's JWKS
 * @param priority the provider's priority
 */
public record KeycloakKey(String componentId, String kid, int priority) {
}
