package dev.gatehouse.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.lint.EndpointReport;
import dev.gatehouse.testkit.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class AttackKitTest {

  @RegisterExtension
  static final EmbeddedServer server = Servers.app();

  @Test
  void everyEndpointOfAGatehouseApplicationWithstandsTheKit() {
    AttackResults results = AttackKit.against(server.baseUri()).report(EndpointReport.current())
        .run();
    results.assertPassed();
    assertThat(results.rows()).extracting(r -> r.endpoint() + " | " + r.attack() + " | "
        + r.expected() + " | " + r.got()).contains(
        "GET /whoami | no token | 401 | 401",
        "GET /whoami | alg none token | 401 | 401",
        "GET /whoami/writer | token without role writer | 403 | 403",
        "DELETE /whoami | token with every role (@DenyAll) | 403 | 403",
        "POST /messages | unknown JSON field | 400 | 400",
        "POST /messages | duplicate JSON key | 400 | 400");
    assertThat(results.rows()).filteredOn(r -> r.attack().startsWith("body of"))
        .singleElement().satisfies(r -> assertThat(r.got()).isEqualTo("413"));
  }

  @Test
  void anEndpointThatDoesNotKeepItsDeclaredRuleFailsTheTestWithTheTable() {
    // the report claims GET /messages/public needs a caller, as if @PermitAll had been left on a
    // method the team meant to protect: the kit must catch the endpoint answering 200
    List<EndpointReport.Entry> tampered = EndpointReport.current().endpoints().stream()
        .map(e -> {
          if (!e.path().equals("/messages/public")) {
            return e;
          }
          Map<String, String> facts = new HashMap<>(e.facts());
          facts.put("access", "authenticated");
          return new EndpointReport.Entry(e.method(), e.path(), e.name(), e.columns(), facts);
        }).toList();
    AttackResults results = AttackKit.against(server.baseUri())
        .report(EndpointReport.of(tampered)).run();

    assertThat(results.passed()).isFalse();
    assertThat(results.failures()).extracting(r -> r.endpoint() + " | " + r.attack() + " | "
        + r.got()).containsExactly("GET /messages/public | no token | 200");
    assertThatThrownBy(results::assertPassed).isInstanceOf(AssertionError.class)
        .hasMessageContaining("were not refused as the endpoints' rules promise")
        .hasMessageMatching("(?s).*✗ GET /messages/public +\\| no token +\\| 401 +\\| 200.*");
  }

  @Test
  void theReportWrittenForASeparateServerReadsBackAsTheSameReport(@TempDir Path dir) {
    Path file = dir.resolve("endpoints.json");
    EndpointReport.current().write(file);
    assertThat(Files.exists(file)).isTrue();
    EndpointReport read = EndpointReport.read(file);
    assertThat(read.endpoints()).isEqualTo(EndpointReport.current().endpoints());
    assertThat(read.endpoint("GET", "/whoami/writer")).hasValueSatisfying(e -> {
      assertThat(e.fact("access")).hasValue("roles");
      assertThat(e.factList("roles")).containsExactly("writer");
      assertThat(e.columns()).containsEntry("who", "roles writer");
    });
  }
}
