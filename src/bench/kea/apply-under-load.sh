#!/usr/bin/env bash
# One measured apply of a changed config to a Kea HA pair under DHCP client load (docs/kea.md): brings
# the lab up (pair.sh), starts a DORA load in the client namespace (dora.py: 10 exchanges a second, 1 s
# deadline each unless --deadline) and an HA state poll of both peers (ha-watch.py, every 100 ms),
# applies to the standby, waits until both peers are back in their serving state, then the primary,
# and prints the report
# (report.py): per apply the answers with their times, the state timeline, the time back to serving and
# failed/total exchanges in each window. As root, under the lab lock, one run at a time:
#
#   flock /tmp/nbd-lab.lock src/bench/kea/apply-under-load.sh [--strategy naive|maintenance|scopes]
#       [--pools N] [--mode hot-standby|load-balancing] [--heartbeat-delay MS]
#       [--no-sync-leases] [--change add-subnet|identical|pool] [--deadline S] [--skip-config-test]
#       [--out DIR]
#
# naive: config-set on the peer. maintenance: ha-maintenance-start on its PARTNER (the peer that keeps
# serving; ARM "Controlled Shutdown and Maintenance"), wait for partner-in-maintenance/in-maintenance,
# config-set, wait until the changed peer is past its lease sync (ready), ha-maintenance-cancel on the
# partner. scopes: ha-scopes on the PARTNER so that it also serves the changed peer's scope (that peer
# serves none from config-set until its next heartbeat), config-set, wait until both are back in their
# serving state, ha-scopes on the partner back to its own scopes. In hot-standby the standby serves no
# scope, so its apply needs nothing.
# --skip-config-test leaves config-test out (the config is checked offline with kea-dhcp4 -t anyway):
# on a big config it blocks the server as long as config-set does.
# The run's logs stay in --out (default: a new /tmp/kea-ha-run-XXXX).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
strategy=naive pools=200 mode=hot-standby heartbeat=10000 change=add-subnet out="" sync=() deadline=1.0 config_test=yes
while (($#)); do
  case "$1" in
    --strategy) strategy="$2"; shift 2 ;;
    --pools) pools="$2"; shift 2 ;;
    --mode) mode="$2"; shift 2 ;;
    --heartbeat-delay) heartbeat="$2"; shift 2 ;;
    --change) change="$2"; shift 2 ;;
    --no-sync-leases) sync=(--no-sync-leases); shift ;;
    --deadline) deadline="$2"; shift 2 ;;
    --skip-config-test) config_test=no; shift ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -n "$out" ]] || out="$(mktemp -d /tmp/kea-ha-run-XXXX)"
mkdir -p "$out"
export KEA_HA_DIR=/tmp/kea-ha-lab
pair() { "$here/pair.sh" "$@"; }
sock() { echo "$KEA_HA_DIR/$1/kea4.sock"; }
partner() { [[ "$1" == primary ]] && echo standby || echo primary; }
serving=hot-standby
[[ "$mode" == load-balancing ]] && serving=load-balancing
event() { echo "$(date +%s.%3N) $*" >> "$out/events.log"; }
state_of() { python3 "$here/kea-cmd.py" --timeout 1 "$(sock "$1")" ha-heartbeat 2> /dev/null |
  sed -n 's/.*"state": "\([a-z-]*\)".*/\1/p' | grep . || echo -; }
wait_states() { # PRIMARY-STATE STANDBY-STATE TIMEOUT-S: both at once, polled every 100 ms
  local deadline=$((SECONDS + $3))
  while ((SECONDS < deadline)); do
    [[ "$(state_of primary) $(state_of standby)" == "$1 $2" ]] && return 0
    sleep 0.1
  done
  echo "timed out waiting for primary=$1 standby=$2; last: primary=$(state_of primary) standby=$(state_of standby)" >&2
  return 1
}
wait_one() { # ROLE REGEX TIMEOUT-S: the peer's state matches REGEX
  local deadline=$((SECONDS + $3))
  while ((SECONDS < deadline)); do
    [[ "$(state_of "$1")" =~ ^($2)$ ]] && return 0
    sleep 0.1
  done
  echo "timed out waiting for $1 in $2; last: $(state_of "$1")" >&2
  return 1
}
name() { [[ "$1" == primary ]] && echo server1 || echo server2; }
own_scopes() { # ROLE: what the peer serves in its normal state
  if [[ "$mode" == load-balancing ]]; then echo "[\"$(name "$1")\"]"
  elif [[ "$1" == primary ]]; then echo '["server1"]'
  else echo '[]'; fi
}
scopes() { # ROLE JSON-LIST
  echo "{\"scopes\": $2}" > "$out/scopes.json"
  answer "$1" ha-scopes "$out/scopes.json"
}
answer() { # ROLE COMMAND [FILE]: send, log the answer line as an event
  local line
  event send "$1" "$2"
  line="$(python3 "$here/kea-cmd.py" --quiet "$(sock "$1")" "${@:2}" || true)"
  echo "   $1: $line"
  event answer "$1" "$(cut -d' ' -f2- <<< "$line")"
}
rss() { awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$(cat "$KEA_HA_DIR/$1"/*kea-dhcp4*.pid)/status"; }
cleanup() {
  [[ -n "${load_pid:-}" ]] && kill "$load_pid" 2> /dev/null || true
  [[ -n "${watch_pid:-}" ]] && kill "$watch_pid" 2> /dev/null || true
  wait 2> /dev/null || true
  for role in primary standby; do cp "$KEA_HA_DIR/$role/kea-dhcp4.log" "$out/kea-dhcp4.$role.log" 2> /dev/null || true; done
  pair down > /dev/null
}
trap cleanup EXIT

pair down > /dev/null
echo "== $(date -u +%FT%TZ) strategy=$strategy mode=$mode pools=$pools heartbeat-delay=$heartbeat ${sync[*]} change=$change deadline=${deadline}s config-test=$config_test; $(uptime | sed 's/.*load/load/')"
pair up --pools "$pools" --mode "$mode" --heartbeat-delay "$heartbeat" "${sync[@]}" > /dev/null
echo "   up: $(pair state); kea-dhcp4 RSS primary $(rss primary), standby $(rss standby)"
case "$change" in
  add-subnet) options=(--extra-subnets 1) ;;
  identical) options=() ;;
  pool) options=(--client-pool-end 240) ;;
  *) echo "unknown change $change" >&2; exit 2 ;;
esac
for role in primary standby; do pair config "$role" "${options[@]}" > "$out/$role.new.json"; done

python3 "$here/ha-watch.py" "$KEA_HA_DIR" "$out/ha.log" &
watch_pid=$!
ip netns exec kea-ha-c python3 "$here/dora.py" load --deadline "$deadline" --log "$out/dora.log" &
load_pid=$!
sleep 3
event start
for role in standby primary; do
  other="$(partner "$role")"
  event apply-start "$role"
  if [[ "$strategy" == maintenance ]]; then
    answer "$other" ha-maintenance-start
    if [[ "$other" == primary ]]; then wait_states partner-in-maintenance in-maintenance 15; else wait_states in-maintenance partner-in-maintenance 15; fi
    event answer "$other" "partner-in-maintenance reached"
  fi
  if [[ "$config_test" == yes ]]; then answer "$role" config-test "$out/$role.new.json"; fi
  takes_over=no
  if [[ "$strategy" == scopes && "$(own_scopes "$role")" != "[]" ]]; then
    if [[ "$mode" == load-balancing ]]; then scopes "$other" '["server1", "server2"]'; else scopes "$other" '["server1"]'; fi
    takes_over=yes
  fi
  answer "$role" config-set "$out/$role.new.json"
  if [[ "$strategy" == maintenance ]]; then
    # the changed peer restarts its HA service (waiting, syncing); the partner keeps serving everything
    # until the cancel, so cancel only once the changed peer is past its lease sync
    wait_one "$role" "ready|in-maintenance|hot-standby|load-balancing" 60 || true
    event answer "$role" "$(state_of "$role") reached"
    answer "$other" ha-maintenance-cancel
  fi
  wait_states "$serving" "$serving" 120 || true
  [[ "$takes_over" == yes ]] && scopes "$other" "$(own_scopes "$other")"
  event serving "$role"
  sleep 2
done
event end
kill "$load_pid" "$watch_pid"
wait "$load_pid" "$watch_pid" 2> /dev/null || true
load_pid="" watch_pid=""
echo "   after: kea-dhcp4 RSS primary $(rss primary), standby $(rss standby)"
for role in primary standby; do cp "$KEA_HA_DIR/$role/kea-dhcp4.log" "$out/kea-dhcp4.$role.log"; done
python3 "$here/report.py" "$out"
echo "   logs: $out"
