package dev.gatehouse.core;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.testkit.EmbeddedServer;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The application's JSON stays the application's: its own {@code ObjectMapper} writes its
 * responses (here: nulls left out), while Gatehouse reads request bodies strictly whatever that
 * mapper would allow (here: unknown properties).
 */
class ApplicationJsonTest {

  /** A profile; {@code nickname} is often null. */
  public record Profile(@Size(max = 40) String name, @Size(max = 40) String nickname) {
  }

  /** The application's mapper, as an existing service has one: lenient, and without nulls. */
  @Provider
  public static class ApplicationMapper implements ContextResolver<ObjectMapper> {
    private final ObjectMapper mapper = JsonMapper.builder()
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    @Override
    public ObjectMapper getContext(Class<?> type) {
      return mapper;
    }
  }

  @Path("/profile-json")
  @Produces(MediaType.APPLICATION_JSON)
  public static class Profiles {
    @GET
    public Profile get() {
      return new Profile("Ada", null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Profile echo(Profile p) {
      return p;
    }
  }

  @RegisterExtension
  static final EmbeddedServer server = Fixtures.server()
      .register(ApplicationMapper.class, Profiles.class).build();

  @Test
  void responsesAreWrittenByTheApplicationsOwnMapper() {
    ExtractableResponse<Response> r = given().get("/profile-json").then().extract();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.jsonPath().getMap("$")).containsOnlyKeys("name");
  }

  @Test
  void requestBodiesAreStillReadStrictlyWhateverTheApplicationsMapperAllows() {
    ExtractableResponse<Response> r = given().contentType("application/json")
        .body("{\"name\":\"Ada\",\"admin\":true}").post("/profile-json").then().extract();
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.jsonPath().getString("errors[0].field")).isEqualTo("$.admin");
  }
}
