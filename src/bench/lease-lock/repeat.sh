#!/usr/bin/env bash
# LeaseRolloutLockTest (race, hand-over on release, takeover behind our back) N times in a row, each
# a fresh surefire JVM as the build runs it; prints one line per run and "<green>/<N> green".
#   src/bench/lease-lock/repeat.sh [N, default 50]
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
n="${1:-50}"
./mvnw -B -q -o test-compile -Dspotless.check.skip=true || exit 1
green=0
for i in $(seq 1 "$n"); do
  started=$(date +%s.%N)
  if ./mvnw -B -q -o surefire:test -Dtest=LeaseRolloutLockTest > "target/lease-lock-run-$i.log" 2>&1; then
    green=$((green + 1)); verdict=green
  else
    verdict="FAILED (target/lease-lock-run-$i.log)"
  fi
  printf 'run %d: %s, %.1f s\n' "$i" "$verdict" "$(echo "$(date +%s.%N) - $started" | bc)"
done
echo "$green/$n green"
[ "$green" -eq "$n" ]
