#!/usr/bin/env bash
# The README's run command, timed and weighed: `bin/netbox-dhcpd serve` on embedded defaults (embedded
# broker, sample inventory, local failover pair, nbd-client behind dhcrelay), as root. Prints:
# launch → ready, → startup rollout done; one real dhclient lease; an inventory edit → both peers on the
# new hash; the RSS of every process of the run (serve JVM with its broker, both agents, both dhcpd,
# dhcrelay); SIGTERM → stopped, and whether anything was left behind.
#   sudo src/bench/embedded/run.sh            (needs curl, python3, isc-dhcp-server/-client/-relay, iproute2)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
data="$(mktemp -d /tmp/nbd-bench-embedded-XXXX)"
port=18480
export NETBOX_WEBHOOK_SECRET="bench-secret-$RANDOM" QUARKUS_HTTP_PORT=$port \
  NETBOX_DHCPD_BROKER_PORT=18492 NETBOX_DHCPD_BROKER_CONTROLLER_PORT=18493 \
  NETBOX_DHCPD_BROKER_DATA_DIR="$data/kafka" NETBOX_DHCPD_EMBEDDED_DATA_DIR="$data"
dhclient_files=(-lf "$data/dhclient.leases" -pf "$data/dhclient.pid")
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$data"' EXIT

now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{(float(sys.argv[2]) - float(sys.argv[1])):.1f} s')" "$1" "$(now)"; }
status() { curl -sf "http://127.0.0.1:$port/status" || echo '{}'; }
# both peers normal/normal, ready, and running the published hash (and, if given, not that hash)
pair_runs_published() {
  status | python3 -c '
import json, sys
s = json.load(sys.stdin); h = s.get("publishedHash"); peers = s.get("peers", [])
ok = h and h != (sys.argv[1] if len(sys.argv) > 1 else None) and len(peers) == 2 and all(
    p.get("runningHash") == h and p.get("localState") == "normal" and p.get("partnerState") == "normal"
    and p.get("ready") for p in peers) and (s.get("lastReconcile") or {}).get("outcome") == "rolled-out"
sys.exit(0 if ok else 1)' "$@"
}
wait_for() { for _ in $(seq 1 1200); do "$@" && return 0; sleep 0.2; done; echo "timed out: $*" >&2; exit 1; }
rss() { ps -o rss= -p "$1" | awk '{printf "%.1f MB", $1 / 1024}'; }

[[ -f target/quarkus-app/quarkus-run.jar ]] || ./mvnw -B -q package -DskipTests
bin/netbox-dhcpd help > /dev/null   # builds the app and the launcher's class-data archive, untimed
start=$(now)
bin/netbox-dhcpd serve > "$data/serve.log" 2>&1 &
server=$!
wait_for curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"
echo "launch → /q/health/ready UP:         $(since "$start")"
wait_for pair_runs_published
echo "launch → startup rollout on the pair: $(since "$start")"

t=$(now)
ip netns exec nbd-client dhclient -1 "${dhclient_files[@]}" eth0
echo "dhclient -1 in nbd-client → bound:    $(since "$t") ($(ip -n nbd-client -4 -o addr show eth0 | awk '{print $4}'))"
ip netns exec nbd-client dhclient -x "${dhclient_files[@]}" eth0

before="$(status | python3 -c 'import json,sys; print(json.load(sys.stdin)["publishedHash"])')"
t=$(now)
python3 - "$data/inventory.json" <<'EOF'
import copy, json, sys
inventory = json.load(open(sys.argv[1]))
added = copy.deepcopy(inventory["prefixes"][0])
added.update(id=9903, prefix="10.9.11.0/24", display="10.9.11.0/24", description="bench")
inventory["prefixes"].append(added)
json.dump(inventory, open(sys.argv[1], "w"), indent=2)
EOF
wait_for pair_runs_published "$before"
echo "inventory saved → both peers on it:   $(since "$t")"

echo "RSS, idle after the rollouts:"
echo "  serve JVM (with the embedded broker): $(rss "$server")"
for ns in nbd-local-p nbd-local-s; do
  for pid in $(ip netns pids "$ns"); do
    echo "  $ns $(ps -o comm= -p "$pid"): $(rss "$pid")"
  done
done
for pid in $(ip netns pids nbd-local-relay); do echo "  nbd-local-relay $(ps -o comm= -p "$pid"): $(rss "$pid")"; done
total=$(( $(ps -o rss= -p "$server") ))
for ns in nbd-local-p nbd-local-s nbd-local-relay; do
  for pid in $(ip netns pids "$ns"); do total=$(( total + $(ps -o rss= -p "$pid") )); done
done
echo "  total: $(awk -v k="$total" 'BEGIN{printf "%.1f MB", k / 1024}')"

t=$(now)
kill -TERM "$server"
wait "$server" || true
echo "SIGTERM → stopped and cleaned up:     $(since "$t")"
left="$(ip netns list | grep -E 'nbd-local-|nbd-client' || true)"
echo "namespaces left behind: ${left:-none}"
