#!/usr/bin/env bash
# Intake throughput and latency on loopback: signed NetBox webhooks (verify → parse → Kafka ack → 202)
# next to the same server's bare 202 endpoint. Uses wrk (apt-get install -y wrk) and the embedded broker.
#   src/bench/webhook/run.sh [duration, default 30s] [connections, default 64]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
duration="${1:-30s}"
connections="${2:-64}"
secret="bench-secret-$RANDOM"
body="$root/src/test/resources/netbox/wire/prefix_updated.body"
signature="$(openssl dgst -sha512 -hmac "$secret" -r < "$body" | cut -d' ' -f1)"
data="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$data"' EXIT

./mvnw -B -q package -DskipTests -Dnetbox-dhcpd.bench.endpoints=true
NETBOX_WEBHOOK_SECRET="$secret" NETBOX_DHCPD_BROKER_DATA_DIR="$data/kafka" QUARKUS_LOG_LEVEL=WARN \
  java -Xmx512m -jar target/quarkus-app/quarkus-run.jar serve > "$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -sf -o /dev/null http://127.0.0.1:8080/q/health/ready && break
  sleep 0.5
done
export BODY="$body" SIGNATURE="$signature"
# warm-up: JIT, topic creation, producer metadata
wrk -t2 -c"$connections" -d10s -s src/bench/webhook/post-signed.lua http://127.0.0.1:8080/webhooks/netbox > /dev/null
wrk -t2 -c"$connections" -d10s -s src/bench/webhook/post-signed.lua http://127.0.0.1:8080/bench/accept > /dev/null
echo "signed webhooks (/webhooks/netbox), $connections connections, $duration:"
wrk -t2 -c"$connections" -d"$duration" --latency -s src/bench/webhook/post-signed.lua http://127.0.0.1:8080/webhooks/netbox | grep RESULT
echo "bare 202 (/bench/accept), $connections connections, $duration:"
wrk -t2 -c"$connections" -d"$duration" --latency -s src/bench/webhook/post-signed.lua http://127.0.0.1:8080/bench/accept | grep RESULT
echo "server RSS after the runs: $(ps -o rss= -p "$server") KiB"
# leave target/ as a normal build
./mvnw -B -q package -DskipTests
