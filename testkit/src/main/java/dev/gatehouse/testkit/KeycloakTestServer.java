package dev.gatehouse.testkit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Keycloak for tests, never a mock, with the test realm {@link KeycloakRealm} imported:
 * the one named by {@value #URL_ENV} when it is set, otherwise Keycloak from the Maven Central
 * distribution (the zip named by the system property {@value KeycloakDist#ZIP_PROPERTY}) started
 * on free loopback ports. It takes 25 to 35 s to start on 2 cores (plus 25 to 70 s once per
 * machine, when a newly unpacked distribution runs Keycloak's build step), so it starts once per
 * JVM: every test class of a module's run gets the same server from {@link #shared()}, and a
 * shutdown hook kills it when the JVM exits.
 *
 * <pre>{@code
 * @RegisterExtension static final KeycloakTestServer keycloak = KeycloakTestServer.shared();
 *
 * ... .property("gatehouse.jwt.verify-keys-url", keycloak.jwksUri()) ...
 * KeycloakTokens alice = keycloak.passwordGrant(NOTES_WEB, NOTES_WEB_SECRET, ALICE,
 *     ALICE_PASSWORD, SCOPE_READ);
 * given().auth().oauth2(alice.accessToken()).get("/notes").then().statusCode(200);
 * }</pre>
 *
 * <p>A module's integration tests get the distribution by setting one property in their pom —
 * {@code <gatehouse.keycloak.skip>false</gatehouse.keycloak.skip>} — which turns on the root
 * pom's {@code keycloak-dist} execution (copies the zip to {@code target/keycloak/} before the
 * integration tests) whose path failsafe already passes as {@value KeycloakDist#ZIP_PROPERTY}.
 * Keycloak's output goes to {@code target/keycloak-<port>.log}; a start that fails throws with the
 * end of that log in its message.
 *
 * <p>With {@value #URL_ENV} (e.g. {@code http://127.0.0.1:8080}) that Keycloak is used instead,
 * signed in to with {@value #ADMIN_ENV} ({@code user:password}, default {@code admin:admin}); the
 * realm is imported through the admin REST API when it does not exist yet.
 *
 * <p>The server is shared: what one test changes — a key rotation, a logout — every later test
 * class of the same JVM sees. Tests look keys up ({@link #activeRsaSigningKey()}) instead of
 * assuming them, and take their own tokens instead of keeping refresh tokens across test classes
 * (a logout ends every session of that user).
 */
public final class KeycloakTestServer implements BeforeAllCallback {

  /** A running Keycloak to use instead of starting one, e.g. {@code http://127.0.0.1:8080}. */
  public static final String URL_ENV = "GATEHOUSE_TEST_KEYCLOAK_URL";
  /** {@code user:password} of a {@code master} realm admin of {@value #URL_ENV}. */
  public static final String ADMIN_ENV = "GATEHOUSE_TEST_KEYCLOAK_ADMIN";

  private static final String DEFAULT_ADMIN = "admin:admin";
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

  private static KeycloakTestServer shared;

  private final KeycloakHttp http = new KeycloakHttp();
  private KeycloakDist dist;
  private KeycloakProcess process;
  private KeycloakAdmin admin;
  private JsonNode discovery;
  private RuntimeException failure;

  private KeycloakTestServer() {
  }

  /**
   * The JVM's one Keycloak, started by the first test class that needs it and killed when the JVM
   * exits.
   */
  public static synchronized KeycloakTestServer shared() {
    if (shared == null) {
      shared = new KeycloakTestServer();
    }
    return shared;
  }

  /**
   * Starts Keycloak (or connects to {@value #URL_ENV}) and makes sure the realm is complete;
   * does nothing once that succeeded. A start that failed fails again at once, with the same
   * exception, for every later test class of the JVM.
   */
  public synchronized void start() {
    if (failure != null) {
      throw failure;
    }
    if (discovery != null) {
      return;
    }
    try {
      String baseUrl = startOrConnect();
      admin.finishRealm();
      discovery = http.get(URI.create(baseUrl + "/realms/" + KeycloakRealm.NAME
          + "/.well-known/openid-configuration"), null).expect(200).json();
    } catch (RuntimeException e) {
      failure = e;
      close();
      throw e;
    }
  }

  private String startOrConnect() {
    String external = System.getenv(URL_ENV);
    if (external != null && !external.isBlank()) {
      String baseUrl = external.trim().replaceAll("/+$", "");
      String[] credentials = System.getenv().getOrDefault(ADMIN_ENV, DEFAULT_ADMIN).split(":", 2);
      if (credentials.length != 2) {
        throw new IllegalStateException(ADMIN_ENV + " must be user:password");
      }
      admin = new KeycloakAdmin(http, baseUrl, KeycloakRealm.NAME, credentials[0],
          credentials[1]);
      admin.importUnlessPresent(realmJson());
      return baseUrl;
    }
    dist = KeycloakDist.acquire();
    int[] ports = freePorts();
    int httpPort = ports[0];
    int managementPort = ports[1];
    String[] credentials = DEFAULT_ADMIN.split(":", 2);
    process = KeycloakProcess.start(dist, KeycloakRealm.NAME, realmJson(), httpPort,
        managementPort, credentials[0], credentials[1],
        Path.of("target", "keycloak-" + httpPort + ".log"));
    admin = new KeycloakAdmin(http, process.baseUrl(), KeycloakRealm.NAME, credentials[0],
        credentials[1]);
    System.out.printf("Keycloak ready at %s %d ms after kc.sh started (%s); distribution %s; "
        + "log %s%n", process.baseUrl(), process.readyMillis(),
        process.augmented() ? "its build step ran first" : "its build step reused",
        dist.unpackMillis() > 0 ? "unpacked in " + dist.unpackMillis() + " ms" : "already unpacked",
        process.log().toAbsolutePath());
    return process.baseUrl();
  }

  /** Whether this harness started Keycloak itself (false with {@value #URL_ENV}). */
  public boolean isEmbedded() {
    return process != null;
  }

  /** The realm's issuer, exactly as its discovery document and its tokens' {@code iss} say. */
  public String issuer() {
    return endpoint("issuer");
  }

  /**
   * The realm's JWKS URL ({@code jwks_uri}), which publishes an RS256 {@code sig} key and an
   * RSA-OAEP {@code enc} key.
   */
  public String jwksUri() {
    return endpoint("jwks_uri");
  }

  /**
   * The resource-owner password grant (RFC 6749 §4.3) for {@code user}, asking for {@code scopes}
   * (none: the client's default scopes; {@code "openid"} adds an ID token).
   */
  public KeycloakTokens passwordGrant(String clientId, String secret, String user,
      String password, String... scopes) {
    Map<String, String> form = client("password", clientId, secret, scopes);
    form.put("username", user);
    form.put("password", password);
    return tokens(form);
  }

  /** The client-credentials grant (RFC 6749 §4.4): a token for the client's service account. */
  public KeycloakTokens clientCredentials(String clientId, String secret, String... scopes) {
    return tokens(client("client_credentials", clientId, secret, scopes));
  }

  /**
   * The refresh grant (RFC 6749 §6).
   *
   * @throws IllegalStateException with Keycloak's answer when it refuses, e.g. 400
   *     {@code invalid_grant} after the session was ended
   */
  public KeycloakTokens refresh(String clientId, String secret, String refreshToken) {
    Map<String, String> form = client("refresh_token", clientId, secret);
    form.put("refresh_token", refreshToken);
    return tokens(form);
  }

  /** Token introspection (RFC 7662) by a confidential client: {@code active} and the claims. */
  public Map<String, Object> introspect(String clientId, String secret, String token) {
    Map<String, String> form = client(null, clientId, secret);
    form.put("token", token);
    JsonNode answer = http.postForm(URI.create(endpoint("introspection_endpoint")), form)
        .expect(200).json();
    return KeycloakHttp.JSON.convertValue(answer, OBJECT);
  }

  /**
   * Ends every session of {@code username} through the admin REST API
   * ({@code POST /admin/realms/gatehouse/users/{id}/logout}, the console's "Sign out"): their
   * refresh tokens are refused from then on and introspection calls their access tokens inactive.
   * Access tokens already issued stay valid JWTs until they expire: Keycloak cannot recall them,
   * and a service that only checks signatures and expiry accepts them until then.
   */
  public void logout(String username) {
    started().logout(username);
  }

  /** The RS256 key that signs new tokens now; in a fresh realm, the one it was created with. */
  public KeycloakKey activeRsaSigningKey() {
    return started().activeRsaSigningKey();
  }

  /**
   * Creates an {@code rsa-generated} key provider (RS256, 2048 bits) at {@code priority}: when
   * that is the highest, its key signs every token from now on, and it is in the JWKS at once.
   */
  public KeycloakKey addRsaSigningKey(int priority) {
    return started().addRsaSigningKey(priority);
  }

  /** Disables a key provider (enabled and active false): its key leaves the JWKS at once. */
  public void disableKeyProvider(String componentId) {
    started().disableKeyProvider(componentId);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  /** Milliseconds from kc.sh's start to the realm answering; 0 with {@value #URL_ENV}. */
  long readyMillis() {
    return process == null ? 0 : process.readyMillis();
  }

  /** Milliseconds spent unpacking the zip in this JVM; 0 when a slot was unpacked already. */
  long unpackMillis() {
    return dist == null ? 0 : dist.unpackMillis();
  }

  /** Whether this JVM's Keycloak ran its build step (a newly unpacked distribution). */
  boolean augmented() {
    return process != null && process.augmented();
  }

  /** Kills the Keycloak this harness started and gives its distribution slot back. */
  synchronized void close() {
    if (process != null) {
      process.kill();
      process = null;
    }
    if (dist != null) {
      dist.release();
      dist = null;
    }
  }

  private KeycloakAdmin started() {
    start();
    return admin;
  }

  private String endpoint(String name) {
    start();
    String value = discovery.path(name).asText(null);
    if (value == null) {
      throw new IllegalStateException("the realm's discovery document has no " + name);
    }
    return value;
  }

  private Map<String, String> client(String grantType, String clientId, String secret,
      String... scopes) {
    Map<String, String> form = new LinkedHashMap<>();
    if (grantType != null) {
      form.put("grant_type", grantType);
    }
    form.put("client_id", clientId);
    form.put("client_secret", secret);
    if (scopes.length > 0) {
      form.put("scope", String.join(" ", scopes));
    }
    return form;
  }

  private KeycloakTokens tokens(Map<String, String> form) {
    return KeycloakTokens.from(http.postForm(URI.create(endpoint("token_endpoint")), form)
        .expect(200).json());
  }

  /** Two distinct free loopback ports: both sockets are open at once, so they differ. */
  private static int[] freePorts() {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket first = new ServerSocket(0, 1, loopback);
        ServerSocket second = new ServerSocket(0, 1, loopback)) {
      return new int[] {first.getLocalPort(), second.getLocalPort()};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] realmJson() {
    try (InputStream in = KeycloakTestServer.class.getClassLoader()
        .getResourceAsStream(KeycloakRealm.RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(KeycloakRealm.RESOURCE + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
