package dev.gatehouse.core;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.support.EchoResource;
import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.testkit.EmbeddedServer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Gatehouse's strict reader must be the one that reads JSON bodies. When a runtime picks another
 * reader anyway — here an application reader more specific than Gatehouse's, the way a runtime's
 * own JSON-B or Jackson provider could be preferred — the body never reaches the method: 500 and a
 * {@code SERVER_ERROR} event, not a laxly read object.
 */
class StrictJsonPrecedenceTest {

  /** A lax reader of exactly the echo body type: it accepts anything and invents a person. */
  @Consumes(MediaType.APPLICATION_JSON)
  public static class LaxPersonReader implements MessageBodyReader<EchoResource.Person> {
    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations,
        MediaType mediaType) {
      return type == EchoResource.Person.class;
    }

    @Override
    public EchoResource.Person readFrom(Class<EchoResource.Person> type, Type genericType,
        Annotation[] annotations, MediaType mediaType, MultivaluedMap<String, String> headers,
        InputStream entityStream) {
      return new EchoResource.Person("lax", 1, true, List.of(), null, null, null);
    }
  }

  @RegisterExtension
  static final EmbeddedServer server = Fixtures.server().register(LaxPersonReader.class).build();

  @Test
  void aJsonBodyThatAnotherReaderTookNeverReachesTheMethod() {
    var r = given().contentType("application/json")
        .body("{\"name\":\"Ada\",\"age\":36,\"admin\":true}").post("/echo").then().extract();
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.contentType()).isEqualTo("application/problem+json");
    assertThat(r.asString()).doesNotContain("lax").doesNotContain("Ada");
    assertThat(server.cdi().select(RecordedEvents.class).get().all()).anySatisfy(e -> {
      assertThat(e.type()).isEqualTo(SecurityEventType.SERVER_ERROR);
      assertThat(e.reason()).isEqualTo("strict_json_reader_bypassed");
    });
  }

  @Test
  void bodiesTheStrictReaderReadsAreStillServed() {
    given().contentType("application/json").body("{\"entries\":{}}").post("/echo/map")
        .then().statusCode(200);
  }
}
