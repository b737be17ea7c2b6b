#!/usr/bin/env bash
# Soak test of the example service (issue 14): starts the jar against a real Redis, drives a
# steady mixed load for SOAK_MINUTES, samples the process once a minute and prints a verdict.
#
#   examples/soak.sh                       # 10 minutes against redis://127.0.0.1:6379
#   SOAK_MINUTES=3 examples/soak.sh        # shorter
#
# Environment (all optional):
#   SOAK_MINUTES          minutes of load (default 10; new sessions in the first half only)
#   SOAK_SAMPLE_SECONDS   length of one sampling period (default 60; smaller only to try the script)
#   SOAK_REDIS_URL        the Redis (default $GATEHOUSE_REDIS_URL, else redis://127.0.0.1:6379)
#   SOAK_PORT             the example's port (default 0: a free one, read from its log)
#   SOAK_RATE             requests per second, all workers together (default 60)
#   SOAK_USERS, SOAK_WORKERS  the fixed user pool and the worker threads (default 16, 16)
#   SOAK_JAVA_OPTS        JVM options of the example (default none: the JVM's own heap sizing)
#   SOAK_BUILD=1          build the jar even when examples/target/gatehouse-example.jar exists
#
# Writes examples/target/soak/: minutes.csv (one row a period), summary.txt (the verdict),
# example.log (the service's output). Exit code 0 when the verdict is PASS.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/gatehouse-example.jar"
out="$here/target/soak"
minutes="${SOAK_MINUTES:-10}"
sample="${SOAK_SAMPLE_SECONDS:-60}"
redis="${SOAK_REDIS_URL:-${GATEHOUSE_REDIS_URL:-redis://127.0.0.1:6379}}"
port="${SOAK_PORT:-0}"

if [[ ! -f "$jar" || "${SOAK_BUILD:-0}" == 1 ]]; then
  (cd "$root" && mvn -B -q -pl examples -am package -DskipTests)
fi
mkdir -p "$out"
rm -f "$out"/minutes.csv "$out"/summary.txt "$out"/example.log

# rate limits out of the way of a load that all comes from 127.0.0.1; everything else as shipped
export GATEHOUSE_REDIS_URL="$redis"
export GATEHOUSE_JWT_SECRET="$(head -c 32 /dev/urandom | base64)"
export GATEHOUSE_RATELIMIT_LOGIN_LIMIT=1000000
export GATEHOUSE_RATELIMIT_REFRESH_LIMIT=1000000
export GATEHOUSE_RATELIMIT_REGISTER_LIMIT=1000000
export PORT="$port" HOST=127.0.0.1

# shellcheck disable=SC2086
java ${SOAK_JAVA_OPTS:-} -jar "$jar" >"$out/example.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT

for _ in $(seq 1 240); do
  if grep -q "Gatehouse example listening on" "$out/example.log"; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then
    cat "$out/example.log"; echo "the example ended" >&2; exit 1
  fi
  sleep 0.5
done
if ! grep -q "Gatehouse example listening on" "$out/example.log"; then
  echo "the example did not start in 120 s" >&2; exit 1
fi

port="$(sed -n 's/.*Gatehouse example listening on [^ ]*:\([0-9]*\).*/\1/p' "$out/example.log" | head -1)"
echo "soak: example pid $pid on port $port, Redis $redis, $minutes periods of $sample s"
echo "soak: results in $out"
java -Dsoak.rate="${SOAK_RATE:-60}" -Dsoak.users="${SOAK_USERS:-16}" \
  -Dsoak.workers="${SOAK_WORKERS:-16}" "$here/soak/Soak.java" \
  "http://127.0.0.1:$port" "$pid" "$redis" "$minutes" "$out" "$sample" | tee "$out/driver.log"
exit "${PIPESTATUS[0]}"
