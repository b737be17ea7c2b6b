#!/usr/bin/env bash
# Reproducible artifacts (issue 15): builds the checked-out commit twice, each time in a fresh
# clone in its own directory, and compares the SHA-256 of every jar and war the modules build
# (<module>/target/*.jar|*.war; not target/lib, which holds copies of dependencies). Exits 1 and
# lists the files that differ when any does.
#
#   .ci/reproducible.sh            # the whole reactor, tests skipped
#   MVN_ARGS=-o .ci/reproducible.sh   # offline, once the dependencies are downloaded
#
# The gates that do not change an artifact's bytes (dependency lock, SBOM, enforcer) are skipped
# to keep the two builds short; build-checks' ReproducibleJarsIT does the same for three modules
# inside mvn verify.
set -euo pipefail

root=$(git rev-parse --show-toplevel)
commit=$(git -C "$root" rev-parse HEAD)
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
  echo "note: uncommitted changes are not built; comparing commit $commit" >&2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-reproducible.XXXXXX")
trap 'rm -rf "$work"' EXIT

for run in first second; do
  git clone -q --no-local "$root" "$work/$run"
  git -C "$work/$run" checkout -q "$commit"
  echo "building $commit in $work/$run ..."
  start=$(date +%s)
  if ! (cd "$work/$run" && mvn -B ${MVN_ARGS:-} -DskipTests -Dgatehouse.lock.skip=true \
      -Dcyclonedx.skip=true -Denforcer.skip=true package) > "$work/$run.log" 2>&1; then
    tail -50 "$work/$run.log"
    echo "the $run build failed (log above)" >&2
    exit 2
  fi
  echo "  built in $(( $(date +%s) - start )) s"
  (cd "$work/$run" && find . -path ./.git -prune -o -type f \( -name '*.jar' -o -name '*.war' \) \
      -path '*/target/*' -not -path '*/target/*/*' -print | sort | xargs sha256sum) > "$work/$run.sha256"
done

count=$(wc -l < "$work/first.sha256")
if [ "$count" -eq 0 ]; then
  echo "no artifacts found: nothing was compared" >&2
  exit 2
fi
if diff <(awk '{print $2}' "$work/first.sha256") <(awk '{print $2}' "$work/second.sha256") >/dev/null \
    && diff "$work/first.sha256" "$work/second.sha256" >/dev/null; then
  cat "$work/first.sha256"
  echo "reproducible: all $count artifacts of $commit are byte-identical in two builds"
else
  echo "NOT reproducible: artifacts of $commit that differ between two builds:"
  diff "$work/first.sha256" "$work/second.sha256" || true
  exit 1
fi
