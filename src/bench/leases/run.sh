#!/usr/bin/env bash
# Lease file at the 10,000 × 241 scale: full parse, incremental poll, Prometheus scrape, heap.
# Generates ~500 MB into /tmp (never commit it) unless it is there already.
#   src/bench/leases/run.sh [heap limit, default 256m] [SUBNETS|SUBNETS_AND_RANGES|parse, default
#   SUBNETS_AND_RANGES; parse = no registry, e.g. with 48m to show the parser's bound]
#   (data in /tmp/nbd-lease-bench)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
xmx="${1:-256m}"
detail="${2:-SUBNETS_AND_RANGES}"
dir=/tmp/nbd-lease-bench
./mvnw -B -q -o test-compile
./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt > /dev/null
cp="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
main=dk.npflan.dhcp.agent.leases.LeaseBenchmark
# generated once; the run appends 3 × 1,000 leases and truncates them again at the end
[ -s "$dir/dhcpd.leases" ] || java -cp "$cp" "$main" generate "$dir" 10000
if [ "$detail" = parse ]; then
  java -Xmx"$xmx" -XX:+UseSerialGC -cp "$cp" "$main" parse "$dir"
else
  java -Xmx"$xmx" -XX:+UseSerialGC -cp "$cp" "$main" run "$dir" "$detail"
fi
