package dev.gatehouse.testkit;

import java.util.List;

/**
 * The test realm {@link KeycloakTestServer} imports ({@value #RESOURCE} on this class path): who
 * and what is in it, by name, for tests that prove over HTTP what a Gatehouse-protected service
 * accepts. A test realm, so its secrets and passwords are fixed here.
 *
 * <ul>
 *   <li>realm roles {@value #READER} and {@value #WRITER};
 *   <li>{@value #NOTES_API}: the API's own confidential client (service account on), which holds
 *       the client roles {@value #API_ADMIN} and {@value #API_AUDITOR};
 *   <li>{@value #NOTES_WEB}: a confidential client with the password grant and a service account
 *       (realm role {@value #READER}), whose access tokens name {@value #NOTES_API} in {@code aud}
 *       through an audience mapper;
 *   <li>{@value #OTHER_APP}: the same grants, but no audience mapper — its tokens are for another
 *       audience ({@code aud} is {@code account} or absent, {@code azp} is {@value #OTHER_APP});
 *   <li>optional client scopes {@value #SCOPE_READ} and {@value #SCOPE_WRITE} (included in the
 *       token's {@code scope} claim when asked for) for {@value #NOTES_WEB} and
 *       {@value #OTHER_APP};
 *   <li>users {@value #ALICE} (realm roles {@value #READER} and {@value #WRITER}, client role
 *       {@value #NOTES_API}/{@value #API_ADMIN}) and {@value #BOB} ({@value #READER} only), both
 *       also with Keycloak's {@code default-roles-gatehouse}, as a user created in the admin
 *       console has it.
 * </ul>
 *
 * <p>Keycloak's access-token lifespan is left at its default, 5 minutes.
 *
 * <p>Why the scopes and the service account's role are not in the JSON file: a realm file that
 * lists any client scope replaces Keycloak's default ones ({@code basic}, {@code roles},
 * {@code profile}, …), and its tokens would lose {@code sub}, {@code realm_access} and
 * {@code resource_access}; a service-account user listed in the file keeps Keycloak from giving
 * its client the {@code service_account} scope ({@code client_id} in the token). So the harness
 * adds those three things through the admin REST API after the import, and the realm's tokens are
 * shaped as a default realm's.
 */
public final class KeycloakRealm {

  /** The realm's name, the last path segment of its issuer. */
  public static final String NAME = "gatehouse";
  /** The realm file, a class-path resource of the testkit. */
  public static final String RESOURCE = "keycloak/gatehouse-realm.json";

  public static final String READER = "reader";
  public static final String WRITER = "writer";

  public static final String NOTES_API = "notes-api";
  public static final String NOTES_API_SECRET = "notes-api-secret";
  /** A client role of {@value #NOTES_API}. */
  public static final String API_ADMIN = "admin";
  /** A client role of {@value #NOTES_API}. */
  public static final String API_AUDITOR = "auditor";

  public static final String NOTES_WEB = "notes-web";
  public static final String NOTES_WEB_SECRET = "notes-web-secret";

  public static final String OTHER_APP = "other-app";
  public static final String OTHER_APP_SECRET = "other-app-secret";

  public static final String SCOPE_READ = "notes:read";
  public static final String SCOPE_WRITE = "notes:write";

  public static final String ALICE = "alice";
  public static final String ALICE_PASSWORD = "alice-password";
  public static final String BOB = "bob";
  public static final String BOB_PASSWORD = "bob-password";

  /** The optional client scopes, created after the import. */
  static final List<String> SCOPES = List.of(SCOPE_READ, SCOPE_WRITE);
  /** The clients that may ask for {@link #SCOPES}. */
  static final List<String> SCOPED_CLIENTS = List.of(NOTES_WEB, OTHER_APP);

  private KeycloakRealm() {
  }
}
