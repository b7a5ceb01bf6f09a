#!/usr/bin/env bash
# kill -9 of a listener: time until the next listener has the event the killed one had not finished,
# with Kafka's default dynamic membership (session 45 s) and with the static membership the app now
# uses (group.instance.id, session 10 s). Listener processes on the test kit's in-JVM broker; no root.
#   src/bench/listener-handover/run.sh [rounds per case, default 3] [static|dynamic, default both]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
./mvnw -B -q -o test-compile -Dspotless.check.skip=true
./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt > /dev/null
cp="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
java -Xmx512m -cp "$cp" dk.npflan.dhcp.pipeline.ListenerHandoverBenchmark "${1:-3}" ${2:-} 2> target/listener-handover.log
