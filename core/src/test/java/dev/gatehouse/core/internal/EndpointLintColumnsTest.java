package dev.gatehouse.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.core.lint.EndpointRule;
import dev.gatehouse.core.lint.Findings;
import dev.gatehouse.core.lint.LintSettings;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The endpoint report's columns are the rules' own, in the order the rules ask for. */
class EndpointLintColumnsTest {

  /** Two endpoints, one of them an audit target. */
  @Path("/things")
  public static class Things {
    @GET
    public String list() {
      return "";
    }

    @POST
    public void audited() {
    }
  }

  /** A rule declaring its columns, noting {@code audit} on the method named audited. */
  private record ColumnRule(String id, int reportPosition, List<String> columns)
      implements EndpointRule {

    @Override
    public void check(Endpoint endpoint, Findings findings) {
      if (endpoint.method().getName().equals("audited")) {
        findings.note(columns.get(0), "yes");
        findings.note("extra", "only here");
      }
    }
  }

  private static List<String> report(EndpointRule... rules) {
    EndpointLint lint = new EndpointLint(LintSettings.WARN, List.of(rules));
    return lint.lint(List.of(Things.class)).stream().map(lint::line).toList();
  }

  @Test
  void withoutRulesTheReportHasNoColumns() {
    assertThat(report()).containsExactly("GET /things", "POST /things");
  }

  @Test
  void aRulesDeclaredColumnShowsOnEveryLineAndANoteOfAnotherOnlyWhereNoted() {
    assertThat(report(new ColumnRule("audit-rule", 1000, List.of("audit")))).containsExactly(
        "GET /things | audit: -",
        "POST /things | audit: yes | extra: only here");
  }

  @Test
  void columnsFollowTheRulesPositionsThenTheirIds() {
    assertThat(report(new ColumnRule("b-late", 900, List.of("late")),
        new ColumnRule("z-early", 100, List.of("early", "earliest-but-second")),
        new ColumnRule("a-late", 900, List.of("also late")))).first().isEqualTo(
        "GET /things | early: - | earliest-but-second: - | also late: - | late: -");
  }
}
