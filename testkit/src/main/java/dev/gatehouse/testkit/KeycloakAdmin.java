package dev.gatehouse.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keycloak's admin REST API, as far as the harness needs it, signed in as an admin of the
 * {@code master} realm through {@code admin-cli}: importing the test realm and adding what its
 * file cannot hold (see {@link KeycloakRealm}), signing keys, logging a user out.
 */
final class KeycloakAdmin {

  private static final String KEY_PROVIDER = "org.keycloak.keys.KeyProvider";
  /** Renew the admin token this long before it expires (master's tokens live 60 s). */
  private static final long TOKEN_MARGIN_SECONDS = 10;

  private final KeycloakHttp http;
  private final String baseUrl;
  private final String realm;
  private final String user;
  private final String password;
  private String token;
  private long tokenExpiresAtNanos;

  KeycloakAdmin(KeycloakHttp http, String baseUrl, String realm, String user, String password) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.realm = realm;
    this.user = user;
    this.password = password;
  }

  /** Imports {@code realmJson} unless a realm of that name exists (a Keycloak that was kept). */
  synchronized void importUnlessPresent(byte[] realmJson) {
    int status = http.get(realmUri(""), token()).expect(200, 404).status();
    if (status == 404) {
      http.postJson(URI.create(baseUrl + "/admin/realms"), token(), realmJson).expect(201);
    }
  }

  /**
   * Adds the optional client scopes and the {@code notes-web} service account's realm role; skips
   * each one already there, so a kept Keycloak is finished once.
   */
  synchronized void finishRealm() {
    Map<String, String> scopeIds = new HashMap<>();
    for (JsonNode scope : http.get(realmUri("/client-scopes"), token()).expect(200).json()) {
      scopeIds.put(scope.path("name").asText(), scope.path("id").asText());
    }
    for (String name : KeycloakRealm.SCOPES) {
      if (!scopeIds.containsKey(name)) {
        ObjectNode scope = KeycloakHttp.JSON.createObjectNode()
            .put("name", name).put("protocol", "openid-connect");
        scope.putObject("attributes")
            .put("include.in.token.scope", "true")
            .put("display.on.consent.screen", "false");
        String location = http.postJson(realmUri("/client-scopes"), token(), scope).expect(201)
            .location();
        scopeIds.put(name, location.substring(location.lastIndexOf('/') + 1));
      }
    }
    for (String clientId : KeycloakRealm.SCOPED_CLIENTS) {
      String id = clientUuid(clientId);
      Set<String> present = names(http.get(realmUri("/clients/" + id + "/optional-client-scopes"),
          token()).expect(200).json());
      for (String name : KeycloakRealm.SCOPES) {
        if (!present.contains(name)) {
          http.put(realmUri("/clients/" + id + "/optional-client-scopes/" + scopeIds.get(name)),
              token()).expect(204);
        }
      }
    }
    String serviceAccount = http.get(realmUri("/clients/" + clientUuid(KeycloakRealm.NOTES_WEB)
        + "/service-account-user"), token()).expect(200).json().path("id").asText();
    URI mappings = realmUri("/users/" + serviceAccount + "/role-mappings/realm");
    if (!names(http.get(mappings, token()).expect(200).json()).contains(KeycloakRealm.READER)) {
      JsonNode reader = http.get(realmUri("/roles/" + KeycloakRealm.READER), token()).expect(200)
          .json();
      http.postJson(mappings, token(), List.of(reader)).expect(204);
    }
  }

  /** The enabled, active RS256 key that signs new tokens now, and its provider. */
  synchronized KeycloakKey activeRsaSigningKey() {
    JsonNode keys = http.get(realmUri("/keys"), token()).expect(200).json();
    String kid = keys.path("active").path("RS256").asText(null);
    if (kid == null) {
      throw new IllegalStateException("realm " + realm + " has no active RS256 key: " + keys);
    }
    return keyWhere(keys, "kid", kid);
  }

  /** A new {@code rsa-generated} provider (RS256, 2048 bits) at {@code priority}, and its key. */
  synchronized KeycloakKey addRsaSigningKey(int priority) {
    String realmId = http.get(realmUri(""), token()).expect(200).json().path("id").asText();
    ObjectNode component = KeycloakHttp.JSON.createObjectNode()
        .put("name", "rsa-gatehouse-test-" + priority + "-" + System.nanoTime())
        .put("providerId", "rsa-generated")
        .put("providerType", KEY_PROVIDER)
        .put("parentId", realmId);
    ObjectNode config = component.putObject("config");
    config.putArray("priority").add(Integer.toString(priority));
    config.putArray("enabled").add("true");
    config.putArray("active").add("true");
    config.putArray("algorithm").add("RS256");
    config.putArray("keySize").add("2048");
    String location = http.postJson(realmUri("/components"), token(), component).expect(201)
        .location();
    String componentId = location.substring(location.lastIndexOf('/') + 1);
    JsonNode keys = http.get(realmUri("/keys"), token()).expect(200).json();
    return keyWhere(keys, "providerId", componentId);
  }

  /**
   * Sets the provider's {@code enabled} and {@code active} to false: its key neither signs nor
   * appears in the JWKS any more.
   */
  synchronized void disableKeyProvider(String componentId) {
    URI uri = realmUri("/components/" + urlPart(componentId));
    ObjectNode component = (ObjectNode) http.get(uri, token()).expect(200).json();
    ObjectNode config = (ObjectNode) component.get("config");
    config.putArray("enabled").add("false");
    config.putArray("active").add("false");
    http.putJson(uri, token(), component).expect(204);
  }

  /** Ends every session of {@code username} (Keycloak's "Sign out" of a user in the console). */
  synchronized void logout(String username) {
    JsonNode users = http.get(realmUri("/users?exact=true&username=" + urlPart(username)),
        token()).expect(200).json();
    if (users.size() != 1) {
      throw new IllegalArgumentException("realm " + realm + " has no user " + username);
    }
    http.post(realmUri("/users/" + users.get(0).path("id").asText() + "/logout"), token())
        .expect(204);
  }

  private KeycloakKey keyWhere(JsonNode keys, String field, String value) {
    for (JsonNode key : keys.path("keys")) {
      boolean rs256 = "RS256".equals(key.path("algorithm").asText());
      if (rs256 && value.equals(key.path(field).asText())) {
        return new KeycloakKey(key.path("providerId").asText(), key.path("kid").asText(),
            key.path("providerPriority").asInt());
      }
    }
    throw new IllegalStateException("realm " + realm + " has no RS256 key with " + field + " "
        + value + ": " + keys);
  }

  private String clientUuid(String clientId) {
    JsonNode clients = http.get(realmUri("/clients?clientId=" + urlPart(clientId)), token())
        .expect(200).json();
    if (clients.size() != 1) {
      throw new IllegalStateException("realm " + realm + " has no client " + clientId);
    }
    return clients.get(0).path("id").asText();
  }

  private static Set<String> names(JsonNode array) {
    Set<String> names = new HashSet<>();
    array.forEach(n -> names.add(n.path("name").asText()));
    return names;
  }

  private URI realmUri(String path) {
    return URI.create(baseUrl + "/admin/realms/" + realm + path);
  }

  private static String urlPart(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private String token() {
    if (token == null || System.nanoTime() > tokenExpiresAtNanos) {
      long asked = System.nanoTime();
      JsonNode answer = http.postForm(
          URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"),
          Map.of("grant_type", "password", "client_id", "admin-cli", "username", user,
              "password", password)).expect(200).json();
      token = answer.path("access_token").asText();
      tokenExpiresAtNanos = asked
          + (answer.path("expires_in").asLong() - TOKEN_MARGIN_SECONDS) * 1_000_000_000L;
    }
    return token;
  }
}
