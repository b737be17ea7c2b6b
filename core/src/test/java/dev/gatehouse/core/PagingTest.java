package dev.gatehouse.core;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.RawHttp;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagingTest {

  @Nested
  class WithDefaults {

    @RegisterExtension
    static final EmbeddedServer server = Fixtures.server().build();

    @Test
    void defaultsToTheFirstPageOfTwenty() {
      given().get("/items").then().statusCode(200)
          .body("page", equalTo(0)).body("size", equalTo(20)).body("total", equalTo(250))
          .body("items", hasSize(20)).body("items[0]", equalTo("item-0 by i.name ASC"));
    }

    @Test
    void aPlainListPagedByPageRequestSaysWhereTheNeighbouringPagesAreInLinkHeaders() {
      ExtractableResponse<Response> first = given().queryParam("size", 100).queryParam("q", "a b")
          .get("/items/plain").then().extract();
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.jsonPath().getList("$")).hasSize(100);
      assertThat(first.header("Link")).isEqualTo(
          "</items/plain?q=a%20b&page=0&size=100>; rel=\"first\", "
              + "</items/plain?q=a%20b&page=1&size=100>; rel=\"next\"");
      assertThat(first.header("X-Total-Count")).isNull();

      ExtractableResponse<Response> middle = given().queryParam("page", 1)
          .queryParam("size", 100).get("/items/plain").then().extract();
      assertThat(middle.header("Link")).isEqualTo("</items/plain?page=0&size=100>; rel=\"first\", "
          + "</items/plain?page=0&size=100>; rel=\"prev\", "
          + "</items/plain?page=2&size=100>; rel=\"next\"");

      ExtractableResponse<Response> last = given().queryParam("page", 2).queryParam("size", 100)
          .get("/items/plain").then().extract();
      assertThat(last.jsonPath().getList("$")).hasSize(50);
      assertThat(last.header("Link")).doesNotContain("rel=\"next\"").contains("rel=\"prev\"");
    }

    @Test
    void aQueryWithCharactersOutsideUrisReachesTheLinksPercentEncodedNeverRaw() {
      // sent as it is, on a raw socket: '|' and '^' are not URI characters (a client library
      // would encode them); a link carries them encoded, or not at all
      RawHttp.Response r = RawHttp.send(server.baseUri().getPort(),
          "GET /items/plain?q=a|b^c&size=100 HTTP/1.1\r\nHost: localhost\r\n"
              + "Connection: close\r\n\r\n");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.header("Link").orElse("")).doesNotContain("|").doesNotContain("^")
          .contains("</items/plain?q=a%7Cb%5Ec&page=1&size=100>; rel=\"next\"");
    }

    @Test
    void aPageWithItsTotalAlsoLinksTheLastPageAndSendsTheTotal() {
      ExtractableResponse<Response> r = given().queryParam("size", 100).get("/items").then()
          .extract();
      assertThat(r.header("X-Total-Count")).isEqualTo("250");
      assertThat(r.header("Link")).isEqualTo("</items?page=0&size=100>; rel=\"first\", "
          + "</items?page=1&size=100>; rel=\"next\", </items?page=2&size=100>; rel=\"last\"");
    }

    @Test
    void returnsTheRequestedPage() {
      given().queryParam("page", 2).queryParam("size", 100).get("/items").then().statusCode(200)
          .body("items", hasSize(50)).body("items[0]", equalTo("item-200 by i.name ASC"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"101", "0", "-1", "1e3", "+5", "0x10", "10.0", "99999999999",
        "2147483648", " 5", "", "abc"})
    void rejectsSizesThatAreNotAWholeNumberWithinBounds(String size) {
      ExtractableResponse<Response> r = given().queryParam("size", size).get("/items").then()
          .extract();
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.contentType()).isEqualTo("application/problem+json");
      assertThat(r.jsonPath().getString("errors[0].field")).isEqualTo("size");
      assertThat(r.jsonPath().getString("errors[0].message"))
          .isEqualTo("must be given once, as a whole number from 1 to 100");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1000001", "1e2", "9999999999"})
    void rejectsBadPageNumbers(String page) {
      given().queryParam("page", page).get("/items").then().statusCode(400)
          .body("errors[0].field", equalTo("page"));
    }

    @Test
    void rejectsRepeatedPagingParameters() {
      given().urlEncodingEnabled(false).get("/items?size=5&size=100").then().statusCode(400)
          .body("errors[0].field", equalTo("size"));
      given().urlEncodingEnabled(false).get("/items?page=1&page=0").then().statusCode(400);
    }

    @Test
    void sortsByAnAllowlistedField() {
      given().queryParam("sort", "createdAt,desc").get("/items").then().statusCode(200)
          .body("items[0]", equalTo("item-0 by i.createdAt DESC"));
      given().queryParam("sort", "name").get("/items").then().statusCode(200)
          .body("items[0]", equalTo("item-0 by i.name ASC"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"secretField", "Name", "name,sideways", "name desc",
        "name;drop table notes", "name,asc,extra", "(select 1)", "name,desc--", ""})
    void rejectsSortsOutsideTheAllowlistWithoutEchoingThem(String sort) {
      ExtractableResponse<Response> r = given().queryParam("sort", sort).get("/items").then()
          .extract();
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.jsonPath().getString("errors[0].field")).isEqualTo("sort");
      assertThat(r.jsonPath().getString("errors[0].message"))
          .isEqualTo("must be one of name, createdAt, optionally followed by ,asc or ,desc");
      if (!sort.isEmpty()) {
        assertThat(r.asString()).doesNotContain(sort);
      }
    }

    @Test
    void rejectsRepeatedSortParameters() {
      given().urlEncodingEnabled(false).get("/items?sort=name&sort=createdAt").then()
          .statusCode(400).body("errors[0].field", equalTo("sort"));
    }
  }

  @Nested
  class WithAConfiguredMaximum {

    @RegisterExtension
    static final EmbeddedServer server = Fixtures.server()
        .property("gatehouse.paging.max-size", "200")
        .property("gatehouse.paging.default-size", "10")
        .build();

    @Test
    void theConfiguredBoundsApply() {
      given().get("/items").then().statusCode(200).body("size", equalTo(10));
      given().queryParam("size", 150).get("/items").then().statusCode(200)
          .body("items", hasSize(150));
      given().queryParam("size", 201).get("/items").then().statusCode(400)
          .body("errors[0].message", equalTo("must be given once, as a whole number from 1 to 200"));
    }
  }
}
