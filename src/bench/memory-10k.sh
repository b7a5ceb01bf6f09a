#!/usr/bin/env bash
# Peak memory per container at POOLS /24 pools (default 10,000 × 241 addresses), measured in memory
# cgroups, with the real processes of the embedded run: `bin/netbox-dhcpd serve` (the listener: its
# JVM and its `dhcpd -t` / `kea-dhcp4 -t` of both roles in parallel) and the local pair's two peers
# (each: the real agent JVM and the server it supervises, and the agent's own check of a new bundle
# before it stops the working server). One cgroup per container:
#   nbd-mem-listener   serve and the children it forks (the checks; also dhcrelay, see below)
#   nbd-mem-primary    every process of the primary's namespace (agent JVM, dhcpd or kea-dhcp4 +
#   nbd-mem-secondary  kea-ctrl-agent, and their checks, forked after the agent was moved there)
# Phases: startup (launch → startup rollout on both peers: the peers go from the tiny bootstrap
# bundle to POOLS pools) and edit (one more prefix → the roller applies it to each peer while the
# POOLS-pool server is running: running server + agent JVM + the agent's check at once).
# Peak = the kernel's high-water mark (cgroup v1 memory.max_usage_in_bytes, reset per phase; cgroup v2
# memory.peak where the kernel has it, else the largest memory.current sampled). It counts page cache
# (the lease file, the config files), which the kernel reclaims before an OOM kill, so the sampled
# largest anon (+ shmem) figure, what cannot be reclaimed without swap, is printed beside it.
# Groups have no limit unless MEMORY_LIMIT_<GROUP> is set (e.g. MEMORY_LIMIT_PRIMARY=1536M), to show
# whether a manifest's limit holds (failcnt / OOM kills printed).
# Differences from a pod, stated in the report: the embedded agents' heap is -Xmx192m (the images
# say 256m); serve also runs the embedded Kafka broker and the pair's supervision in its JVM; the
# dhcrelay of the client namespace stays in the listener's group (a few MB). serve's JVM gets
# LISTENER_JAVA_OPTS (default: the heap the listener image's -XX:MaxRAMPercentage=75 gives it
# under the 1 Gi limit; without it the JVM would size its heap from the whole machine).
# As root, under the lab lock (namespaces):
#   flock /tmp/nbd-lab.lock src/bench/memory-10k.sh dhcpd|kea [POOLS]
set -euo pipefail
backend="${1:?usage: memory-10k.sh dhcpd|kea [POOLS]}"
pools="${2:-10000}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
data="$(mktemp -d /tmp/memory-10k-XXXX)"
port=18580
# dhcpd at 10,000 pools took 96 s to start on this machine (the lease file of 2.4 M addresses): the
# default 60 s start-timeout rolled the startup back; the run is about memory, so time bounds are wide
export NETBOX_DHCPD_AGENT_START_TIMEOUT="${NETBOX_DHCPD_AGENT_START_TIMEOUT:-PT5M}" \
  NETBOX_DHCPD_ROLLOUT_RESTART_DEADLINE="${NETBOX_DHCPD_ROLLOUT_RESTART_DEADLINE:-PT8M}" \
  NETBOX_DHCPD_ROLLOUT_DIRECTORY_RESTART_TIMEOUT="${NETBOX_DHCPD_ROLLOUT_DIRECTORY_RESTART_TIMEOUT:-PT8M}"
export JAVA_OPTS="${LISTENER_JAVA_OPTS:--XX:MaxRAM=1g -XX:MaxRAMPercentage=75}"
export NETBOX_DHCPD_BACKEND="$backend" NETBOX_WEBHOOK_SECRET="bench-secret-$RANDOM$RANDOM" \
  QUARKUS_HTTP_PORT=$port NETBOX_DHCPD_BROKER_PORT=18592 NETBOX_DHCPD_BROKER_CONTROLLER_PORT=18593 \
  NETBOX_DHCPD_BROKER_DATA_DIR="$data/kafka" NETBOX_DHCPD_EMBEDDED_DATA_DIR="$data"
keep="${MEMORY_BENCH_KEEP:-/tmp/memory-10k-results}/$backend-$pools-$(date -u +%H%M%S)"
mkdir -p "$keep"
groups=(listener primary secondary)

# where the memory controller is: cgroup v2 (root or a hybrid's unified mount) if it offers memory,
# else the v1 memory hierarchy
if grep -qw memory /sys/fs/cgroup/cgroup.controllers 2> /dev/null; then
  mode=v2 base=/sys/fs/cgroup
elif grep -qw memory /sys/fs/cgroup/unified/cgroup.controllers 2> /dev/null; then
  mode=v2 base=/sys/fs/cgroup/unified
elif [[ -d /sys/fs/cgroup/memory ]]; then
  mode=v1 base=/sys/fs/cgroup/memory
else
  echo "no memory cgroup controller on this machine" >&2
  exit 1
fi
[[ $mode == v2 ]] && echo +memory > "$base/cgroup.subtree_control" 2> /dev/null || true
for g in "${groups[@]}"; do
  dir="$base/nbd-mem-$g"
  [[ -d $dir ]] && rmdir "$dir" 2> /dev/null || true
  mkdir -p "$dir"
  # v1: charges move with a process where the kernel still allows it (deprecated in 6.x); the agent
  # JVM starts in serve's group and is moved within 0.1 s, before it has allocated much
  [[ $mode == v1 ]] && { echo 3 > "$dir/memory.move_charge_at_immigrate"; } 2> /dev/null || true
  var="MEMORY_LIMIT_${g^^}"
  if [[ -n ${!var:-} ]]; then
    if [[ $mode == v1 ]]; then echo "${!var}" > "$dir/memory.limit_in_bytes"; else echo "${!var}" > "$dir/memory.max"; fi
  fi
done

sampler=""
server=""
cleanup() {
  [[ -n $sampler ]] && { kill "$sampler" 2> /dev/null || true; wait "$sampler" 2> /dev/null || true; }
  cp "$data/serve.log" "$keep/" 2> /dev/null || true
  [[ -n $server ]] && { kill "$server" 2> /dev/null || true; wait "$server" 2> /dev/null || true; }
  sleep 1
  for g in "${groups[@]}"; do
    dir="$base/nbd-mem-$g"
    # anything still in it goes back to the root group, so the group can go
    for pid in $(cat "$dir/cgroup.procs" 2> /dev/null); do echo "$pid" > "$base/cgroup.procs" 2> /dev/null || true; done
    rmdir "$dir" 2> /dev/null || echo "left behind: $dir" >&2
  done
  rm -rf "$data"
}
trap cleanup EXIT

now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f} s')" "$1" "$(now)"; }
status() { curl -sf "http://127.0.0.1:$port/status" 2> /dev/null || echo '{}'; }
# the published hash runs on both peers, both normal and ready, and (if given) it is not $1
both_serve() {
  status | python3 -c '
import json, sys
normal = {"normal", "hot-standby", "load-balancing"}
s = json.load(sys.stdin); h = s.get("publishedHash"); peers = s.get("peers", [])
ok = h and h != (sys.argv[1] if len(sys.argv) > 1 else None) and len(peers) == 2 and all(
    p.get("runningHash") == h and p.get("localState") in normal and p.get("partnerState") in normal
    and p.get("ready") for p in peers) and (s.get("lastReconcile") or {}).get("outcome") == "rolled-out"
sys.exit(0 if ok else 1)' "$@"
}
last_start() { status | python3 -c 'import json,sys; print((json.load(sys.stdin).get("lastReconcile") or {}).get("startedAt", ""))'; }
# the edit has been applied to both (success), or a reconcile that started after $1 ended otherwise
# having restarted a peer (rolled back / halted: the apply, and so the peak, happened)
edit_over() {
  status | python3 -c '
import json, sys
s = json.load(sys.stdin); r = s.get("lastReconcile") or {}
applied = any(st["step"].startswith("restart") for st in r.get("steps", []))
sys.exit(0 if r.get("startedAt", "") not in ("", sys.argv[1]) and applied else 1)' "$1"
}
wait_for() { for _ in $(seq 1 2400); do "$@" && return 0; sleep 0.5; done; echo "timed out: $*" >&2; return 1; }

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

# every 0.1 s: moves each process of a peer's namespace into that peer's group, reads each group's
# usage and anon (+ shmem), and each process's RSS; on SIGUSR1 writes the phase's figures to
# $data/phase-<n>.json and starts a new phase (the v1 high-water marks are reset)
python3 - "$mode" "$base" "$data" << 'EOF' &
import json, os, signal, subprocess, sys, time
mode, base, out = sys.argv[1:4]
ns = {"primary": "nbd-local-p", "secondary": "nbd-local-s"}
groups = ["listener", "primary", "secondary"]
def path(g, f): return os.path.join(base, "nbd-mem-" + g, f)
def read(g, f):
    try:
        with open(path(g, f)) as h: return h.read()
    except OSError: return ""
def stat(g):
    s = dict(l.split() for l in read(g, "memory.stat").splitlines() if len(l.split()) == 2)
    if mode == "v1":
        return int(s.get("total_rss", 0)) + int(s.get("total_shmem", 0)), int(read(g, "memory.usage_in_bytes") or 0)
    return int(s.get("anon", 0)) + int(s.get("shmem", 0)), int(read(g, "memory.current") or 0)
def reset():
    for g in groups:
        if mode == "v1":
            try:
                with open(path(g, "memory.max_usage_in_bytes"), "w") as h: h.write("0")
            except OSError: pass
phase = [0]
fresh = lambda: {g: {"usage": 0, "anon": 0, "procs": {}} for g in groups}
cur = [fresh()]
def dump(*_):
    res = {}
    for g in groups:
        r = dict(cur[0][g])
        if mode == "v1":
            r["kernel_peak"] = int(read(g, "memory.max_usage_in_bytes") or 0)
            r["failcnt"] = int(read(g, "memory.failcnt") or 0)
            oom = dict(l.split() for l in read(g, "memory.oom_control").splitlines())
            r["oom_kill"] = int(oom.get("oom_kill", 0))
        else:
            peak = read(g, "memory.peak")
            r["kernel_peak"] = int(peak) if peak.strip() else None
            ev = dict(l.split() for l in read(g, "memory.events").splitlines())
            r["failcnt"] = int(ev.get("max", 0)); r["oom_kill"] = int(ev.get("oom_kill", 0))
        res[g] = r
    with open(os.path.join(out, f"phase-{phase[0]}.json"), "w") as h: json.dump(res, h)
    phase[0] += 1; cur[0] = fresh(); reset()
signal.signal(signal.SIGUSR1, dump)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
reset()
while True:
    for g, n in ns.items():
        try: pids = subprocess.run(["ip", "netns", "pids", n], capture_output=True, text=True).stdout.split()
        except OSError: pids = []
        have = set(read(g, "cgroup.procs").split())
        for p in pids:
            if p not in have:
                try:
                    with open(path(g, "cgroup.procs"), "w") as h: h.write(p)
                except OSError: pass
    for g in groups:
        anon, usage = stat(g)
        c = cur[0][g]; c["anon"] = max(c["anon"], anon); c["usage"] = max(c["usage"], usage)
        for p in read(g, "cgroup.procs").split():
            try:
                with open(f"/proc/{p}/status") as h:
                    st = dict(l.split(":", 1) for l in h if ":" in l)
                with open(f"/proc/{p}/cmdline") as h:
                    args = h.read().split("\0")
            except OSError: continue
            name = st["Name"].strip()
            if name == "dhcpd" and "-t" in args: name = "dhcpd -t"
            if name == "kea-dhcp4" and "-t" in args: name = "kea-dhcp4 -t"
            kb = int(st.get("VmRSS", "0 kB").split()[0])
            c["procs"][name] = max(c["procs"].get(name, 0), kb)
    time.sleep(0.1)
EOF
sampler=$!

echo "backend=$backend pools=$pools cgroup=$mode ($base); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
[[ -f target/quarkus-app/quarkus-run.jar ]] || ./mvnw -B -q package -DskipTests
bin/netbox-dhcpd help > /dev/null
start=$(now)
# serve in the listener's group; no copy of the lab lock's descriptor in what runs on
sh -c 'echo $$ > "$1/cgroup.procs" && shift && exec "$@"' sh "$base/nbd-mem-listener" \
  bin/netbox-dhcpd serve > "$data/serve.log" 2>&1 3>&- 4>&- 5>&- &
server=$!
wait_for both_serve
echo "launch → startup rollout on both peers: $(since "$start")"
sleep 5
kill -USR1 "$sampler"
sleep 1

before="$(status | python3 -c 'import json,sys; print(json.load(sys.stdin)["publishedHash"])')"
started="$(last_start)"
t=$(now)
python3 - "$data/inventory.json" << 'EOF'
import copy, json, sys
inventory = json.load(open(sys.argv[1]))
added = copy.deepcopy(inventory["prefixes"][0])
added.update(id=99999, prefix="10.9.21.0/24", display="10.9.21.0/24", description="bench edit")
inventory["prefixes"].append(added)
json.dump(inventory, open(sys.argv[1], "w"))
EOF
outcome="both peers serve it"
wait_for edit_over "$started" || outcome="timed out"
both_serve "$before" || outcome="$(status | python3 -c 'import json,sys; print("reconcile " + str((json.load(sys.stdin).get("lastReconcile") or {}).get("outcome")))')"
echo "edit → $outcome: $(since "$t")"
status > "$keep/status.json"
sleep 3
kill -USR1 "$sampler"
sleep 1
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$data" "$keep" << 'EOF'
import json, os, shutil, sys
data, keep = sys.argv[1:3]
mib = lambda b: f"{b / 1048576:.0f}" if b is not None else "n/a"
print("| phase | container | kernel peak MiB (incl. page cache) | largest anon+shmem MiB | largest RSS per process MiB | limit hit / OOM kills |")
print("|---|---|---|---|---|---|")
for n, phase in enumerate(["startup", "edit"]):
    f = os.path.join(data, f"phase-{n}.json")
    if not os.path.exists(f): continue
    shutil.copy(f, os.path.join(keep, f"{phase}.json"))
    for g, r in json.load(open(f)).items():
        peak = r["kernel_peak"] if r["kernel_peak"] else r["usage"]
        procs = ", ".join(f"{k} {v / 1024:.0f}" for k, v in sorted(r["procs"].items(), key=lambda kv: -kv[1]))
        print(f"| {phase} | {g} | {mib(peak)} | {mib(r['anon'])} | {procs} | {r['failcnt']} / {r['oom_kill']} |")
EOF
echo "kept: $keep"
