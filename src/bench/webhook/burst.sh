#!/usr/bin/env bash
# The acceptance burst of issue 10 against a real `bin/netbox-dhcpd serve` (embedded broker, the seed
# inventory file, target none): 1,000 signed webhooks over 8 connections with wrk, three times (the
# first on a fresh server), each followed by the reconcile it coalesces into (from the log). The time
# is from starting wrk to the last of the 1,000 answers; a few more requests may be in flight when
# the threads stop, so the reconcile may count a few more events than 1,000.
#   src/bench/webhook/burst.sh [webhooks, default 1000] [connections, default 8] [bursts, default 3]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
count="${1:-1000}"
connections="${2:-8}"
bursts="${3:-3}"
threads=2
secret="bench-secret-$RANDOM"
body="$root/src/test/resources/netbox/wire/prefix_updated.body"
signature="$(openssl dgst -sha512 -hmac "$secret" -r < "$body" | cut -d' ' -f1)"
data="$(mktemp -d)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http="$(free_port)"; broker="$(free_port)"; controller="$(free_port)"
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$data"' EXIT

NETBOX_WEBHOOK_SECRET="$secret" NETBOX_DHCPD_INVENTORY_FILE="$root/src/test/resources/inventory/seed-npflan.json" \
  NETBOX_DHCPD_ROLLOUT_TARGET=none QUARKUS_HTTP_PORT="$http" NETBOX_DHCPD_BROKER_PORT="$broker" \
  NETBOX_DHCPD_BROKER_CONTROLLER_PORT="$controller" NETBOX_DHCPD_BROKER_DATA_DIR="$data/kafka" \
  bin/netbox-dhcpd serve > "$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 240); do
  curl -sf -o /dev/null "http://127.0.0.1:$http/q/health/ready" && break
  sleep 0.25
done
curl -sf -o /dev/null "http://127.0.0.1:$http/q/health/ready" || { echo "serve did not get ready"; tail -20 "$data/server.log"; exit 1; }
sleep 2 # the startup reconcile
export BODY="$body" SIGNATURE="$signature" PER_THREAD=$((count / threads))
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$bursts"); do
  before="$(grep -c 'reconcile .* events): ' "$data/server.log" || true)"
  export END_FILE="$data/end-$run"
  start="$(date +%s%N)"
  result="$(wrk -t"$threads" -c"$connections" -d15s --latency -s src/bench/webhook/burst.lua \
    "http://127.0.0.1:$http/webhooks/netbox" | grep RESULT)"
  end="$(sort -n "$END_FILE" | tail -1)"
  echo "burst $run: $count webhooks answered in $(( (end - start) / 1000000 )) ms; $result"
  for _ in $(seq 1 40); do # quiet period 3 s, then the reconcile
    [[ "$(grep -c 'reconcile .* events): ' "$data/server.log" || true)" -gt "$before" ]] && break
    sleep 0.25
  done
  grep 'reconcile .* events): ' "$data/server.log" | tail -n +$((before + 1)) | sed -E 's/^.*(reconcile [^ ]+)/  \1/'
  sleep 1
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server RSS: $(ps -o rss= -p "$server") KiB"
