package dev.gatehouse.example;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** The notes API as a test client sees it, against one base URI. */
final class Client {

  final String base;

  Client(String base) {
    this.base = base;
  }

  /** Against {@code http://127.0.0.1:port}. */
  Client(int port) {
    this("http://127.0.0.1:" + port);
  }

  RequestSpecification req() {
    return given().baseUri(base).contentType("application/json");
  }

  RequestSpecification as(String accessToken) {
    return req().header("Authorization", "Bearer " + accessToken);
  }

  static String uniqueEmail(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  ValidatableResponse register(String email, String password) {
    return register(email, password, "Test User");
  }

  ValidatableResponse register(String email, String password, String displayName) {
    return req().body(Map.of("email", email, "password", password, "displayName", displayName))
        .post("/auth/register").then();
  }

  ValidatableResponse login(String email, String password) {
    return req().body(Map.of("email", email, "password", password)).post("/auth/login").then();
  }

  /** Registers a fresh user and logs in: the token response. */
  JsonPath newUser(String name) {
    String email = uniqueEmail(name);
    register(email, "a long enough password").statusCode(201);
    return login(email, "a long enough password").statusCode(200).extract().jsonPath();
  }

  ValidatableResponse refresh(String refreshToken) {
    return req().body(Map.of("refresh_token", refreshToken)).post("/auth/refresh").then();
  }

  long createNote(String access, String title) {
    return as(access).body(Map.of("title", title, "body", "text")).post("/notes").then()
        .statusCode(201).extract().jsonPath().getLong("id");
  }
}
