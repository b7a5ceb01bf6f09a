#!/usr/bin/env bash
# A Kea 2.2 HA pair in network namespaces, for measuring what an apply does (docs/kea.md). As root, under
# the lab lock (`flock /tmp/nbd-lab.lock src/bench/kea/pair.sh up`):
#
#   kea-ha-p (primary, 198.18.201.2)  ─┐
#   kea-ha-s (standby, 198.18.201.3)  ─┴─ br0 198.18.201.1 [kea-ha-r: dhcrelay] 198.18.200.1 ── kea-ha-c (client, eth0)
#
# each server namespace runs kea-dhcp4 (memfile leases, unix control socket) and kea-ctrl-agent on :8000
# (the HA hook talks to its partner through the partner's agent); state lives in $KEA_HA_DIR.
#
#   pair.sh up [--pools N] [--mode hot-standby|load-balancing] [--heartbeat-delay MS] [--no-sync-leases]
#   pair.sh apply ROLE FILE     config-test, then config-set of FILE ({"Dhcp4": ...}) on primary|standby
#   pair.sh state               ha-heartbeat of both peers, one line
#   pair.sh config ROLE [gen-config.py options]   print ROLE's config as `up` wrote it, with changes
#   pair.sh down                stop everything, remove the namespaces and $KEA_HA_DIR (idempotent)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="${KEA_HA_DIR:-/tmp/kea-ha-lab}"
namespaces=(kea-ha-p kea-ha-s kea-ha-r kea-ha-c)
declare -A ns=([primary]=kea-ha-p [standby]=kea-ha-s) address=([primary]=198.18.201.2 [standby]=198.18.201.3)

die() { echo "pair.sh: $*" >&2; exit 2; }
cmd() { python3 "$here/kea-cmd.py" "$@"; }
sock() { echo "$dir/$1/kea4.sock"; }
role_ok() { [[ -n "${ns[$1]:-}" ]] || die "role must be primary or standby, not '$1'"; }

# heartbeat state of one peer, or "-" when it does not answer within 2 s
ha_state() {
  python3 "$here/kea-cmd.py" --timeout 2 "$(sock "$1")" ha-heartbeat 2> /dev/null |
    sed -n 's/.*"state": "\([a-z-]*\)".*/\1/p' | grep . || echo -
}

# starts "$@" in the background without the caller's open files beyond stdio: a daemon that inherited
# flock's descriptor would hold /tmp/nbd-lab.lock for as long as it runs
daemon() {
  (
    for fd in /proc/$BASHPID/fd/*; do
      fd="${fd##*/}"
      ((fd > 2)) && eval "exec $fd>&-"
    done
    exec "$@"
  ) &
}

generate() { # ROLE [more gen-config.py options]
  local role="$1"; shift
  # shellcheck disable=SC1091
  source "$dir/params"
  # shellcheck disable=SC2154,SC2086
  python3 "$here/gen-config.py" --dir "$dir" --role "$role" --pools "$pools" --mode "$mode" \
    --heartbeat-delay "$heartbeat" $sync "$@"
}

start_server() { # ROLE
  local role="$1" d="$dir/$1"
  mkdir -p "$d"
  generate "$role" > "$d/kea-dhcp4.json"
  cat > "$d/kea-ctrl-agent.json" << EOF
{"Control-agent": {"http-host": "${address[$role]}", "http-port": 8000,
  "control-sockets": {"dhcp4": {"socket-type": "unix", "socket-name": "$d/kea4.sock"}},
  "loggers": [{"name": "kea-ctrl-agent", "severity": "WARN", "output_options": [{"output": "$d/kea-ctrl-agent.log"}]}]}}
EOF
  kea-dhcp4 -t "$d/kea-dhcp4.json" > "$d/check.log" 2>&1 || { cat "$d/check.log" >&2; die "$role config rejected"; }
  # pid and lock files per server: both daemons would otherwise share /run/kea
  KEA_PIDFILE_DIR="$d" KEA_LOCKFILE_DIR="$d" daemon ip netns exec "${ns[$role]}" \
    kea-dhcp4 -c "$d/kea-dhcp4.json" > "$d/kea-dhcp4.out" 2>&1
  KEA_PIDFILE_DIR="$d" KEA_LOCKFILE_DIR="$d" daemon ip netns exec "${ns[$role]}" \
    kea-ctrl-agent -c "$d/kea-ctrl-agent.json" > "$d/kea-ctrl-agent.out" 2>&1
}

up() {
  local pools=200 mode=hot-standby heartbeat=10000 sync=""
  while (($#)); do
    case "$1" in
      --pools) pools="$2"; shift 2 ;;
      --mode) mode="$2"; shift 2 ;;
      --heartbeat-delay) heartbeat="$2"; shift 2 ;;
      --no-sync-leases) sync=--no-sync-leases; shift ;;
      *) die "unknown option $1" ;;
    esac
  done
  [[ $EUID -eq 0 ]] || die "needs root (network namespaces)"
  for n in "${namespaces[@]}"; do ip netns list | grep -qw "$n" && die "$n exists: run pair.sh down first"; done
  mkdir -p "$dir"
  printf 'pools=%s\nmode=%s\nheartbeat=%s\nsync=%s\n' "$pools" "$mode" "$heartbeat" "$sync" > "$dir/params"
  for n in "${namespaces[@]}"; do ip netns add "$n"; ip -n "$n" link set lo up; done
  ip -n kea-ha-r link add br0 type bridge
  ip -n kea-ha-r addr add 198.18.201.1/24 dev br0
  ip -n kea-ha-r link set br0 up
  for role in primary standby; do
    local port="${role:0:1}0"
    ip link add kea-ha-tmp0 netns "${ns[$role]}" type veth peer name "$port" netns kea-ha-r
    ip -n "${ns[$role]}" link set kea-ha-tmp0 name eth0
    ip -n "${ns[$role]}" addr add "${address[$role]}/24" dev eth0
    ip -n "${ns[$role]}" link set eth0 up
    ip -n "${ns[$role]}" route add 198.18.200.0/24 via 198.18.201.1
    ip -n kea-ha-r link set "$port" master br0 up
  done
  ip link add kea-ha-tmp1 netns kea-ha-c type veth peer name c0 netns kea-ha-r
  ip -n kea-ha-c link set kea-ha-tmp1 name eth0
  ip -n kea-ha-c link set eth0 up
  ip -n kea-ha-r addr add 198.18.200.1/24 dev c0
  ip -n kea-ha-r link set c0 up
  mkdir -p "$dir/relay"
  daemon ip netns exec kea-ha-r dhcrelay -4 -d -q -id c0 -iu br0 \
    "${address[primary]}" "${address[standby]}" > "$dir/relay/dhcrelay.log" 2>&1
  start_server primary
  start_server standby
  local serving="hot-standby"
  [[ "$mode" == load-balancing ]] && serving=load-balancing
  for _ in $(seq 1 600); do
    [[ "$(ha_state primary) $(ha_state standby)" == "$serving $serving" ]] && { state; return 0; }
    sleep 0.1
  done
  state
  die "the pair did not reach $serving/$serving within 60 s (logs in $dir)"
}

apply() { # ROLE FILE
  role_ok "$1"
  [[ -f "$2" ]] || die "no such file: $2"
  cmd --quiet "$(sock "$1")" config-test "$2" || { echo "config-test failed: config-set not sent" >&2; return 1; }
  cmd --quiet "$(sock "$1")" config-set "$2"
}

state() { echo "$(date +%T.%3N) primary=$(ha_state primary) standby=$(ha_state standby)"; }

down() {
  local n pid
  for n in "${namespaces[@]}"; do
    ip netns list | grep -qw "$n" || continue
    for pid in $(ip netns pids "$n"); do kill "$pid" 2> /dev/null || true; done
  done
  for _ in $(seq 1 50); do
    local left=""
    for n in "${namespaces[@]}"; do ip netns list | grep -qw "$n" && left+="$(ip netns pids "$n")"; done
    [[ -z "$left" ]] && break
    sleep 0.1
  done
  for n in "${namespaces[@]}"; do
    ip netns list | grep -qw "$n" || continue
    for pid in $(ip netns pids "$n"); do kill -9 "$pid" 2> /dev/null || true; done
    ip netns delete "$n"
  done
  rm -rf "$dir"
  # verify: no namespace, no process and no state of the lab is left
  local left
  left="$(ip netns list | grep -E '^kea-ha-' || true)$(pgrep -f "$dir/" || true)$(ls -d "$dir" 2> /dev/null || true)"
  [[ -z "$left" ]] || die "left behind: $left"
  echo "down: nothing left"
}

case "${1:-}" in
  up) shift; up "$@" ;;
  apply) [[ $# -eq 3 ]] || die "usage: pair.sh apply primary|standby FILE"; apply "$2" "$3" ;;
  state) state ;;
  config) [[ $# -ge 2 ]] || die "usage: pair.sh config ROLE [options]"; role_ok "$2"; role="$2"; shift 2; generate "$role" "$@" ;;
  down) down ;;
  *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
