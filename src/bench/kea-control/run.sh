#!/usr/bin/env bash
# Kea control-channel times through KeaControlClient at 200 and 10,000 /24 subnets (241-address pool
# each; every run adds one subnet), plus kea-dhcp4 and kea-ctrl-agent RSS. Real kea-dhcp4 2.2 on lo
# with a free high port, everything in a JUnit temp dir; no namespaces, no port 67.
#   src/bench/kea-control/run.sh          (result also in target/kea-control-bench.txt)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
uptime
./mvnw -B -q -o test-compile
./mvnw -B -q -o surefire:test@default-test -Dtest=KeaControlBenchmark -Dkea.bench=true
cat target/kea-control-bench.txt
uptime
