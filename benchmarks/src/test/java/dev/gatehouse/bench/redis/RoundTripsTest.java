package dev.gatehouse.bench.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoundTripsTest {

  @Test
  void commandStatsAreReadAsCallsPerCommandIncludingSubcommands() {
    String info = "# Commandstats\r\n"
        + "cmdstat_evalsha:calls=2000,usec=9000,usec_per_call=4.50,rejected_calls=0,failed_calls=0\r\n"
        + "cmdstat_client|list:calls=3,usec=60,usec_per_call=20.00,rejected_calls=0,failed_calls=0\r\n"
        + "cmdstat_get:calls=12,usec=10,usec_per_call=0.83,rejected_calls=0,failed_calls=0\r\n";

    assertThat(RoundTrips.commandStats(info))
        .containsEntry("evalsha", 2000L)
        .containsEntry("client|list", 3L)
        .containsEntry("get", 12L)
        .hasSize(3);
  }
}
