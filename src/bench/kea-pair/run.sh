#!/usr/bin/env bash
# NetBox change → both peers serving it, through the README's run command with either backend:
# `[NETBOX_DHCPD_BACKEND=kea] bin/netbox-dhcpd serve` on embedded defaults, with an inventory of the
# sample plus POOLS /24 prefixes (10.128.0.0/9). Prints: launch → startup rollout on both peers; an
# inventory edit (one more prefix) → /status showing the new published hash running on both peers,
# both in their normal pair state and ready; the real dhclient in nbd-client (behind dhcrelay) asking
# for a lease again and again the whole time (`dhclient -1`, 20 s per attempt, stopped with -x):
# attempts and failed ones; the RSS of the agent and the server processes of each peer; the load
# average before and after. As root, under the lab lock:
#   flock /tmp/nbd-lab.lock src/bench/kea-pair/run.sh dhcpd|kea POOLS
set -euo pipefail
backend="${1:?usage: run.sh dhcpd|kea POOLS}"
pools="${2:?usage: run.sh dhcpd|kea POOLS}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
data="$(mktemp -d /tmp/kea-pair-bench-XXXX)"
port=18580
export NETBOX_DHCPD_BACKEND="$backend" NETBOX_WEBHOOK_SECRET="bench-secret-$RANDOM$RANDOM" \
  QUARKUS_HTTP_PORT=$port NETBOX_DHCPD_BROKER_PORT=18592 NETBOX_DHCPD_BROKER_CONTROLLER_PORT=18593 \
  NETBOX_DHCPD_BROKER_DATA_DIR="$data/kafka" NETBOX_DHCPD_EMBEDDED_DATA_DIR="$data"
lease=(-cf "$data/dhclient.conf" -lf "$data/dhclient.leases" -pf "$data/dhclient.pid")
printf 'timeout 20;\nretry 1;\ninitial-interval 1;\nrequest subnet-mask, routers;\n' > "$data/dhclient.conf"
# what explains the figures stays: /status after each rollout, serve.log, the agents' logs
keep="${KEA_PAIR_BENCH_KEEP:-/tmp/kea-pair-results}/$backend-$pools-$(date -u +%H%M%S)"
mkdir -p "$keep"
# before serve stops: it removes the pair's directory, agents' logs included
save() {
  cp "$data/serve.log" "$data/attempts" "$keep/" 2> /dev/null || true
  (cd "$data" && find local-pair -name 'agent-*.log' -exec cp --parents {} "$keep/" \;) 2> /dev/null || true
}
cleanup() {
  [[ -n "${loop:-}" ]] && kill "$loop" 2> /dev/null || true
  save
  [[ -n "${server:-}" ]] && { kill "$server" 2> /dev/null || true; wait "$server" 2> /dev/null || true; }
  rm -rf "$data"
}
trap cleanup EXIT

now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f} s')" "$1" "$(now)"; }
# the published hash runs on both peers, both normal as both see it, ready, and (if given) it is not $1
both_serve() {
  { curl -sf "http://127.0.0.1:$port/status" 2> /dev/null || echo '{}'; } | python3 -c '
import json, sys
normal = {"normal", "hot-standby", "load-balancing"}
s = json.load(sys.stdin); h = s.get("publishedHash"); peers = s.get("peers", [])
ok = h and h != (sys.argv[1] if len(sys.argv) > 1 else None) and len(peers) == 2 and all(
    p.get("runningHash") == h and p.get("localState") in normal and p.get("partnerState") in normal
    and p.get("ready") for p in peers) and (s.get("lastReconcile") or {}).get("outcome") == "rolled-out"
sys.exit(0 if ok else 1)' "$@"
}
# the rollout's steps, from /status once the reconcile of the published hash has ended (the peers
# serve it a poll or two before the roller's gate has held for gate-stable-for), saved to $keep/$1.json
reported() {
  curl -sf "http://127.0.0.1:$port/status" | python3 -c '
import json, sys
s = json.load(sys.stdin)
sys.exit(0 if (s.get("lastReconcile") or {}).get("hash") == s.get("publishedHash") else 1)'
}
steps() {
  wait_for reported
  curl -sf "http://127.0.0.1:$port/status" > "$keep/$1.json" || return 0
  python3 - "$keep/$1.json" << 'EOF'
import json, sys
r = json.load(open(sys.argv[1])).get("lastReconcile") or {}
print(f"  reconcile {r.get('outcome')} in {r.get('durationMillis', 0) / 1000:.1f} s; steps:")
for s in r.get("steps", []):
    print(f"    {s['step']:<22} {s.get('peer') or '':<10} {s['durationMillis'] / 1000:6.1f} s  {s.get('outcome')}")
EOF
}
published() { curl -sf "http://127.0.0.1:$port/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["publishedHash"])'; }
# /status every 0.5 s: each one asks both agents for /state, and at 0.2 s that was ten /state a
# second on a 10,000-pool pair, itself a load no operator puts on it
wait_for() { for _ in $(seq 1 2400); do "$@" && return 0; sleep 0.5; done; echo "timed out: $*" >&2; exit 1; }
rss_kb() { ps -o rss= -p "$1" 2> /dev/null | tr -d ' ' || echo 0; }

# the sample inventory plus POOLS dhcp-tagged /24s copied from its first prefix
python3 - "$root/src/main/resources/embedded/inventory.json" "$data/inventory.json" "$pools" << 'EOF'
import copy, json, sys
inventory = json.load(open(sys.argv[1]))
template = inventory["prefixes"][0]
for i in range(int(sys.argv[3])):
    cidr = f"10.{128 + i // 256}.{i % 256}.0/24"
    prefix = copy.deepcopy(template)
    prefix.update(id=100000 + i, prefix=cidr, display=cidr, description=f"bench pool {i}")
    inventory["prefixes"].append(prefix)
json.dump(inventory, open(sys.argv[2], "w"))
EOF

echo "backend=$backend pools=$pools; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
[[ -f target/quarkus-app/quarkus-run.jar ]] || ./mvnw -B -q package -DskipTests
bin/netbox-dhcpd help > /dev/null
start=$(now)
# no copy of the lab lock's descriptor in what runs on: a leftover would hold the lock for good
bin/netbox-dhcpd serve > "$data/serve.log" 2>&1 3>&- 4>&- 5>&- &
server=$!
wait_for both_serve
echo "launch → startup rollout on both peers:        $(since "$start")"
steps startup

# the client loop: one line per dhclient -1 attempt, "<exit code> <seconds>"
(
  while :; do
    t=$(now)
    rc=0
    timeout 40 ip netns exec nbd-client dhclient -1 "${lease[@]}" eth0 > /dev/null 2>&1 || rc=$?
    echo "$rc $(since "$t")"
    ip netns exec nbd-client dhclient -x "${lease[@]}" eth0 > /dev/null 2>&1 || true
  done
) > "$data/attempts" 3>&- 4>&- 5>&- &
loop=$!
sleep 5

before="$(published)"
t=$(now)
python3 - "$data/inventory.json" << 'EOF'
import copy, json, sys
inventory = json.load(open(sys.argv[1]))
added = copy.deepcopy(inventory["prefixes"][0])
added.update(id=99999, prefix="10.9.21.0/24", display="10.9.21.0/24", description="bench edit")
inventory["prefixes"].append(added)
json.dump(inventory, open(sys.argv[1], "w"))
EOF
wait_for both_serve "$before"
echo "inventory saved → both peers serve the new hash: $(since "$t")"
steps edit
sleep 5
kill "$loop" 2> /dev/null || true
wait "$loop" 2> /dev/null || true
loop=""
awk '{n++; if ($1 != 0) f++; if ($2 + 0 > max) max = $2 + 0}
  END {printf "dhclient attempts through the edit: %d, failed: %d, slowest: %.1f s\n", n, f + 0, max}' "$data/attempts"

echo "RSS after the rollouts (agent JVM + its servers):"
for ns in nbd-local-p nbd-local-s; do
  line="" total=0
  for pid in $(ip netns pids "$ns"); do
    kb=$(rss_kb "$pid")
    total=$((total + kb))
    line+=" $(ps -o comm= -p "$pid")=$((kb / 1024))MB"
  done
  echo "  $ns:$line, total $((total / 1024)) MB"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
save
kill -TERM "$server"
wait "$server" || true
server=""
left="$(ip netns list | grep -E 'nbd-local-|nbd-client' || true)"
echo "namespaces left behind: ${left:-none}"
echo "kept: $keep"
