#!/usr/bin/env bash
# The HTTP case of issue 13: the example service with every module in the request path against
# the same endpoint with no Gatehouse, on the same embedded runtime, driven by wrk in interleaved
# rounds (bare, Gatehouse, bare, Gatehouse, ...); median and spread (min-max) over the rounds.
#
#   benchmarks/http.sh [rounds] [seconds per run]        (default 5 rounds of 15 s)
#
# Environment: CONNECTIONS (16), THREADS (wrk threads, 1), SKIP_BUILD=1 to reuse the jars,
# GATEHOUSE_PORT (18080). Needs wrk (Debian: apt-get install -y wrk), openssl and curl.
#
# Candidate: examples/target/gatehouse-example.jar, GET /health with a valid HS256 bearer token
# (verified by the bearer filter: a tampered one is refused before measuring), an Origin the CORS
# policy allows, and a default rate-limit policy of a million calls a second per address (every
# request takes a decision, none is refused). Baseline: dev.gatehouse.bench.http.BareHealth, the
# same JSON body, on the example's own Jetty/Jersey/Weld jars without any Gatehouse jar, with the
# example's server limits against slow clients (--limits production), so only Gatehouse differs.
# Writes benchmarks/target/http.json and appends a section to benchmarks/target/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${1:-5}
DURATION=${2:-15}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
PORT_G=${GATEHOUSE_PORT:-18080}
ORIGIN=https://app.example.com
OUT=benchmarks/target
mkdir -p "$OUT"

for tool in wrk openssl curl java; do
  command -v "$tool" >/dev/null || { echo "http.sh: $tool is missing (wrk: apt-get install -y wrk)" >&2; exit 2; }
done

if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q -Pbench -pl examples,benchmarks -am -DskipTests -Dbench.skip package
fi
[ -f examples/target/gatehouse-example.jar ] || { echo "http.sh: build the example first" >&2; exit 2; }

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# --- the key and its tokens (RFC 7519, HS256), minted here so nothing has to log in
HEX=$(openssl rand -hex 32)
SECRET=$(printf '%b' "$(echo "$HEX" | sed 's/../\\x&/g')" | base64 -w0)
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
mint() {
  local now header payload sig
  now=$(date +%s)
  header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"iss":"gatehouse-example","aud":"gatehouse-example","sub":"1","iat":%d,"exp":%d,"jti":"%s"}' \
    "$now" "$((now + 600))" "$(cat /proc/sys/kernel/random/uuid)" | b64url)
  sig=$(printf '%s' "$header.$payload" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$HEX" -binary | b64url)
  echo "$header.$payload.$sig"
}

# --- the two servers
PORT=$PORT_G HOST=127.0.0.1 GATEHOUSE_JWT_SECRET=$SECRET \
  GATEHOUSE_RATELIMIT_DEFAULT_LIMIT=1000000 GATEHOUSE_RATELIMIT_DEFAULT_PERIOD=PT1S \
  GATEHOUSE_CORS_ALLOWED_ORIGINS=$ORIGIN \
  java -jar examples/target/gatehouse-example.jar > "$OUT/http-gatehouse.log" 2>&1 &
PIDS+=($!)
BARE_CP=benchmarks/target/classes
for jar in examples/target/lib/*.jar; do
  case "$(basename "$jar")" in
    gatehouse-embedded*) BARE_CP="$BARE_CP:$jar" ;;
    gatehouse-*) ;;                                   # no Gatehouse module in the baseline
    *) BARE_CP="$BARE_CP:$jar" ;;
  esac
done
java -cp "$BARE_CP" dev.gatehouse.embedded.EmbeddedServerMain --limits production \
  --register dev.gatehouse.bench.http.BareHealth > "$OUT/http-bare.log" 2>&1 &
PIDS+=($!)

for _ in $(seq 1 120); do
  PORT_B=$(sed -n 's/^GATEHOUSE-EMBEDDED-PORT=//p' "$OUT/http-bare.log" | head -1)
  if [ -n "$PORT_B" ] && curl -sf -o /dev/null "http://127.0.0.1:$PORT_G/health"; then break; fi
  sleep 0.5
done
[ -n "${PORT_B:-}" ] || { echo "http.sh: the bare server did not start, see $OUT/http-bare.log" >&2; exit 1; }
URL_G=http://127.0.0.1:$PORT_G/health
URL_B=http://127.0.0.1:$PORT_B/health

# --- the candidate really runs the Gatehouse path: a good token passes, a tampered one does not
TOKEN=$(mint)
check() { curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $1" -H "Origin: $ORIGIN" "$URL_G"; }
[ "$(check "$TOKEN")" = 200 ] || { echo "http.sh: the example refused a valid token, see $OUT/http-gatehouse.log" >&2; exit 1; }
[ "$(check "${TOKEN%?}A")" = 401 ] || { echo "http.sh: a tampered token was not refused with 401" >&2; exit 1; }
HEADERS=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $TOKEN" -H "Origin: $ORIGIN" "$URL_G")
echo "$HEADERS" | grep -qi '^access-control-allow-origin:' || { echo "http.sh: no CORS header on the candidate" >&2; exit 1; }
echo "$HEADERS" | grep -qi '^ratelimit:' || { echo "http.sh: no rate-limit decision on the candidate" >&2; exit 1; }

# --- interleaved rounds; the first run of each is warm-up and not recorded
ROWS=$OUT/http-rounds.tsv
printf 'round\tcase\trps\tp50_ms\tp99_ms\tnon2xx\n' > "$ROWS"
ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); v/=1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v) } else if (v ~ /s$/) { sub(/s$/,"",v); v*=1000 } printf "%.3f", v }'; }
run() { # round case url
  local t f
  t=$(mint)
  f=$OUT/wrk-$2-$1.txt
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    -H "Authorization: Bearer $t" -H "Origin: $ORIGIN" "$3" > "$f"
  [ "$1" = 0 ] && return
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" \
    "$(awk '/^Requests\/sec:/ { print $2 }' "$f")" \
    "$(awk '$1 == "50%" { print $2 }' "$f" | ms)" \
    "$(awk '$1 == "99%" { print $2 }' "$f" | ms)" \
    "$(awk '/Non-2xx/ { print $NF }' "$f" | grep . || echo 0)" >> "$ROWS"
}
run 0 bare "$URL_B"; run 0 gatehouse "$URL_G"
for r in $(seq 1 "$ROUNDS"); do
  echo "http.sh: round $r/$ROUNDS" >&2
  run "$r" bare "$URL_B"
  run "$r" gatehouse "$URL_G"
done

# --- median and spread over rounds, ratios round by round
SUMMARY=$(awk -F'\t' '
  NR == 1 { next }
  { v[$2, "rps", $1] = $3; v[$2, "p50", $1] = $4; v[$2, "p99", $1] = $5; bad[$2] += $6; n = ($1 > n ? $1 : n) }
  function stats(arr, k,   i, j, t, m) {   # median, min, max of arr[1..k]
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (arr[j] < arr[i]) { t = arr[i]; arr[i] = arr[j]; arr[j] = t }
    m = (k % 2) ? arr[(k + 1) / 2] : (arr[k / 2] + arr[k / 2 + 1]) / 2
    return sprintf("%.4f %.4f %.4f", m, arr[1], arr[k])
  }
  END {
    for (c = 1; c <= 2; c++) {
      name = (c == 1 ? "bare" : "gatehouse")
      for (m = 1; m <= 3; m++) {
        metric = (m == 1 ? "rps" : m == 2 ? "p50" : "p99")
        for (i = 1; i <= n; i++) a[i] = v[name, metric, i]
        print name, metric, stats(a, n)
      }
    }
    for (i = 1; i <= n; i++) a[i] = v["gatehouse", "rps", i] / v["bare", "rps", i]
    print "ratio", "rps", stats(a, n)
    for (i = 1; i <= n; i++) a[i] = v["gatehouse", "p99", i] / v["bare", "p99", i]
    print "ratio", "p99", stats(a, n)
    print "non2xx", "total", bad["bare"] + bad["gatehouse"], 0, 0
  }' "$ROWS")
get() { echo "$SUMMARY" | awk -v a="$1" -v b="$2" -v f="$3" '$1 == a && $2 == b { print $(2 + f) }'; }

if [ "$(get non2xx total 1)" != 0 ]; then
  echo "http.sh: some answers were not 2xx (see $OUT/wrk-*.txt); the figures would mislead" >&2
  exit 1
fi

cat > "$OUT/http.json" <<JSON
{
  "command": "benchmarks/http.sh $ROUNDS $DURATION",
  "wrk": {"threads": $THREADS, "connections": $CONNECTIONS, "seconds": $DURATION},
  "rounds": $ROUNDS,
  "bare": {"rps": $(get bare rps 1), "rpsMin": $(get bare rps 2), "rpsMax": $(get bare rps 3), "p50Ms": $(get bare p50 1), "p99Ms": $(get bare p99 1)},
  "gatehouse": {"rps": $(get gatehouse rps 1), "rpsMin": $(get gatehouse rps 2), "rpsMax": $(get gatehouse rps 3), "p50Ms": $(get gatehouse p50 1), "p99Ms": $(get gatehouse p99 1)},
  "throughputRatio": {"median": $(get ratio rps 1), "min": $(get ratio rps 2), "max": $(get ratio rps 3), "goal": 0.9},
  "p99Ratio": {"median": $(get ratio p99 1), "min": $(get ratio p99 2), "max": $(get ratio p99 3), "goal": 1.2}
}
JSON

{
  echo
  echo "## HTTP: GET /health, every module on vs no Gatehouse (wrk -t$THREADS -c$CONNECTIONS, $ROUNDS interleaved rounds of ${DURATION} s)"
  echo
  echo "| measure | Gatehouse | bare endpoint, same run | ratio (median) | spread | goal |"
  echo "|---|---|---|---|---|---|"
  printf '| throughput | %.0f req/s | %.0f req/s | **%.2f×** | %.2f×–%.2f× | ≥ 0.90× |\n' \
    "$(get gatehouse rps 1)" "$(get bare rps 1)" "$(get ratio rps 1)" "$(get ratio rps 2)" "$(get ratio rps 3)"
  printf '| p50 latency | %.2f ms | %.2f ms | | | |\n' "$(get gatehouse p50 1)" "$(get bare p50 1)"
  printf '| p99 latency | %.2f ms | %.2f ms | **%.2f×** | %.2f×–%.2f× | ≤ 1.20× |\n' \
    "$(get gatehouse p99 1)" "$(get bare p99 1)" "$(get ratio p99 1)" "$(get ratio p99 2)" "$(get ratio p99 3)"
} >> "$OUT/results.md"
echo "http.sh: wrote $OUT/http.json and appended to $OUT/results.md" >&2
