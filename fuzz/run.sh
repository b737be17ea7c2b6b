#!/usr/bin/env bash
# Fuzzes every Gatehouse parser with Jazzer, one target after the other (Jazzer fuzzes one
# @FuzzTest per JVM), and prints the executions each got.
#
#   fuzz/run.sh [seconds per target] [pattern]
#
#   seconds  fuzzing time of each target (default: FUZZ_SECONDS, else 300)
#   pattern  only the targets whose line below matches this extended regex, e.g. 'jwt|Origin'
#
# Each target runs as  mvn -B -o -Pfuzz -pl <module> -am verify -Dtest=<Class>#<method>  with the
# packages listed here instrumented for coverage; its log is target/fuzz/<Class>-<method>.log.
# A finding fails that run and is written by Jazzer next to the seeds, under
# <module>/src/test/resources/<package>/<Class>Inputs/<method>/crash-<sha1>: fix the code, rename
# the file after what it shows, and it stays a regression seed of mvn -B verify.
# Figures: the "Done N runs in T second(s)" line libFuzzer prints at the end.
set -uo pipefail

seconds=${1:-${FUZZ_SECONDS:-300}}
pattern=${2:-.}
cd "$(dirname "$0")/.." || exit 2
mkdir -p target/fuzz

# module  test class#method  instrumented packages (beyond Gatehouse's own)
targets=(
  "core dev.gatehouse.core.internal.StrictJsonReaderFuzzTest#bodiesAreReadIntoTheRecordOrRefusedWithA4xx com.fasterxml.jackson.core.**"
  "core dev.gatehouse.core.internal.ClientAddressFuzzTest#forwardingHeadersNameTheClientOnlyWhenATrustedProxySentThem -"
  "core dev.gatehouse.core.internal.CidrFuzzTest#aParsedNetworkContainsTheAddressItWasWrittenWith -"
  "core dev.gatehouse.core.internal.PagingFuzzTest#pageAndSizeAreWholeNumbersWithinTheirBoundsOrA400 -"
  "core dev.gatehouse.core.internal.PagingFuzzTest#anAcceptedSortFieldIsTheAllowlistsOwnString -"
  "jwt dev.gatehouse.jwt.internal.BearerTokenFuzzTest#anAuthorizationHeaderAuthenticatesOnlyWithATokenSignedByTheKey org.jose4j.**,io.smallrye.jwt.**"
  "jwt dev.gatehouse.jwt.internal.BearerTokenFuzzTest#signedClaimsVerifyToThemselvesOrAreRefused org.jose4j.**,io.smallrye.jwt.**"
  "jwt dev.gatehouse.jwt.internal.RefreshTokensFuzzTest#aPresentedRefreshTokenParsesOnlyInItsCanonicalForm -"
  "jwt dev.gatehouse.jwt.internal.VerificationKeysFuzzTest#verificationKeysAreCheckedOrRefusedAtStartUp org.jose4j.**,io.smallrye.jwt.**"
  "cors dev.gatehouse.cors.internal.OriginFuzzTest#anOriginIsGrantedOnlyWhenItIsExactlyAnAllowedOne -"
)

printf '%-95s %8s %12s %10s  %s\n' target seconds execs execs/s result
status=0
for line in "${targets[@]}"; do
  [[ $line =~ $pattern ]] || continue
  read -r module test extra <<<"$line"
  instrument="dev.gatehouse.**"
  [[ $extra != - ]] && instrument="$instrument,$extra"
  log="target/fuzz/${test##*.}.log"
  log="${log//#/-}"
  mvn -B -o -Pfuzz -pl "$module" -am verify -Dtest="$test" -Dfuzz.seconds="$seconds" \
    -Dfuzz.instrument="$instrument" -Dit.test=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfailsafe.failIfNoSpecifiedTests=false >"$log" 2>&1
  rc=$?
  done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1)
  execs=$(sed -E 's/^Done ([0-9]+) runs in ([0-9]+) second.*/\1/' <<<"$done_line")
  took=$(sed -E 's/^Done ([0-9]+) runs in ([0-9]+) second.*/\2/' <<<"$done_line")
  rate=-
  [[ -n $execs && -n $took && $took -gt 0 ]] && rate=$((execs / took))
  if [[ $rc -eq 0 ]]; then
    result="no finding"
  else
    status=1
    crash=$(grep -oE 'Test unit written to [^ ]+' "$log" | tail -1 | sed 's/Test unit written to //')
    result="FAILED${crash:+: $crash} (see $log)"
  fi
  alloc=$(grep -E '^allocation: ' "$log" | tail -1)
  printf '%-95s %8s %12s %10s  %s\n' "$test" "${took:--}" "${execs:--}" "$rate" "$result"
  [[ -n $alloc ]] && printf '    %s\n' "$alloc"
done
exit $status
