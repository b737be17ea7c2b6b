package dev.gatehouse.compat.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * {@code @Owned} JPA entities changed in the resource method's own {@code @Transactional}
 * transaction — the JPA application ({@code compat/jpa}) on the runtimes that bring JPA and JTA.
 * Every change is read back by a later request, from the database: a 200 that saved nothing (a
 * detached entity) fails here.
 */
interface OwnedEntityContract {

  RuntimeUnderTest runtime();

  Tokens tokens();

  @Test
  default void putPatchAndDeleteOfAnOwnedEntityChangeTheDatabase() {
    String alice = Tokens.freshSubject("jpa");
    long id = create(alice, "lamp", 1);

    ExtractableResponse<Response> put = as(alice)
        .body("{\"name\":\"desk lamp\",\"quantity\":2}").put("gadgets/" + id).then().extract();
    assertThat(put.statusCode()).as(put.asString()).isEqualTo(200);
    ExtractableResponse<Response> afterPut = as(alice).get("gadgets/" + id).then().extract();
    assertThat(afterPut.statusCode()).as(afterPut.asString()).isEqualTo(200);
    assertThat(afterPut.jsonPath().getString("name")).isEqualTo("desk lamp");
    assertThat(afterPut.jsonPath().getInt("quantity")).isEqualTo(2);

    ExtractableResponse<Response> patch = as(alice).body("{\"quantity\":5}")
        .patch("gadgets/" + id).then().extract();
    assertThat(patch.statusCode()).as(patch.asString()).isEqualTo(200);
    ExtractableResponse<Response> afterPatch = as(alice).get("gadgets/" + id).then().extract();
    assertThat(afterPatch.jsonPath().getString("name")).isEqualTo("desk lamp");
    assertThat(afterPatch.jsonPath().getInt("quantity")).isEqualTo(5);

    ExtractableResponse<Response> delete = as(alice).delete("gadgets/" + id).then().extract();
    assertThat(delete.statusCode()).as(delete.asString()).isEqualTo(204);
    assertThat(as(alice).get("gadgets/" + id).then().extract().statusCode()).isEqualTo(404);
  }

  @Test
  default void anotherUsersEntityIs404ToEveryMethodAndStaysAsItWas() {
    String alice = Tokens.freshSubject("jpa");
    String bob = Tokens.freshSubject("jpa");
    long id = create(alice, "chair", 3);
    assertThat(as(bob).get("gadgets/" + id).then().extract().statusCode()).isEqualTo(404);
    assertThat(as(bob).body("{\"name\":\"stolen\",\"quantity\":0}").put("gadgets/" + id).then()
        .extract().statusCode()).isEqualTo(404);
    assertThat(as(bob).body("{\"quantity\":0}").patch("gadgets/" + id).then().extract()
        .statusCode()).isEqualTo(404);
    assertThat(as(bob).delete("gadgets/" + id).then().extract().statusCode()).isEqualTo(404);
    ExtractableResponse<Response> mine = as(alice).get("gadgets/" + id).then().extract();
    assertThat(mine.statusCode()).as(mine.asString()).isEqualTo(200);
    assertThat(mine.jsonPath().getString("name")).isEqualTo("chair");
    assertThat(mine.jsonPath().getInt("quantity")).isEqualTo(3);
  }

  private long create(String subject, String name, int quantity) {
    ExtractableResponse<Response> r = as(subject)
        .body("{\"name\":\"" + name + "\",\"quantity\":" + quantity + "}").post("gadgets")
        .then().extract();
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
    return r.jsonPath().getLong("id");
  }

  private RequestSpecification as(String subject) {
    return given().baseUri(runtime().baseUri().toString()).redirects().follow(false)
        .header("Authorization", "Bearer " + tokens().valid(subject, "user"))
        .contentType("application/json");
  }
}
