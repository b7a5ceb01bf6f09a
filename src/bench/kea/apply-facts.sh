#!/usr/bin/env bash
# Single facts about applying a config to a Kea 2.2 HA pair (docs/kea.md), no client load. As root,
# under the lab lock:
#
#   flock /tmp/nbd-lab.lock src/bench/kea/apply-facts.sh [--pools N]
#
# 1. config-set of an IDENTICAL config on the standby: does it go through waiting/syncing again?
# 2. a config-set that only changes the client pool (.10-.250 → .10-.240, then .20-.250) on both peers
#    (standby, then primary once the pair is back): is a client's lease taken before kept (INIT-REBOOT
#    REQUEST of its address answered with ACK, a new DORA gets the same address, lease4-get on both)?
# 3. config-write: its time, the file it writes (no filename: the -c file), and whether the written
#    file holds the config-set change.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pools=200
[[ "${1:-}" == --pools ]] && pools="$2"
export KEA_HA_DIR=/tmp/kea-ha-lab
pair() { "$here/pair.sh" "$@"; }
sock() { echo "$KEA_HA_DIR/$1/kea4.sock"; }
cmd() { python3 "$here/kea-cmd.py" "$@"; }
client() { ip netns exec kea-ha-c python3 "$here/dora.py" "$@"; }
mac=02:00:00:00:aa:01
out="$(mktemp -d /tmp/kea-ha-facts-XXXX)"
trap 'pair down > /dev/null' EXIT
state_of() { cmd --timeout 1 "$(sock "$1")" ha-heartbeat 2> /dev/null | sed -n 's/.*"state": "\([a-z-]*\)".*/\1/p' | grep . || echo -; }
# polls both peers every 100 ms for up to $1 s (or until both are hot-standby again after a change) and
# prints each change with the time since the start
watch() {
  local start=$SECONDS last="" now seen_other=no t0
  t0=$(date +%s.%N)
  while ((SECONDS - start < $1)); do
    now="primary=$(state_of primary) standby=$(state_of standby)"
    if [[ "$now" != "$last" ]]; then
      echo "     +$(python3 -c "import sys,time; print(f'{time.time() - float(sys.argv[1]):.1f}')" "$t0") s $now"
      last="$now"
    fi
    [[ "$now" != "primary=hot-standby standby=hot-standby" ]] && seen_other=yes
    [[ "$seen_other" == yes && "$now" == "primary=hot-standby standby=hot-standby" ]] && return 0
    sleep 0.1
  done
}
lease_on() { # ROLE ADDRESS
  cmd "$(sock "$1")" lease4-get <(echo "{\"ip-address\": \"$2\"}") |
    sed -n 's/.*"hw-address": "\([^"]*\)".*"subnet-id": \([0-9]*\).*/hw-address \1, subnet-id \2/p' | grep . || echo none
}
apply_both() { # gen-config options...: standby, wait until both serve, primary, wait
  local role
  for role in standby primary; do
    pair config "$role" "$@" > "$out/$role.json"
    echo "   $role: $(cmd --quiet "$(sock "$role")" config-set "$out/$role.json")"
    watch 30
  done
}

pair down > /dev/null
echo "== $(date -u +%FT%TZ) pools=$pools; $(uptime | sed 's/.*load/load/')"
pair up --pools "$pools" > /dev/null

echo "1. identical config-set on the standby:"
pair config standby > "$out/same.json"
cmp -s "$out/same.json" "$KEA_HA_DIR/standby/kea-dhcp4.json" && echo "   (byte-identical to the running config)"
echo "   $(cmd --quiet "$(sock standby)" config-set "$out/same.json")"
watch 20

echo "2. a client's lease across pool-only changes:"
first="$(client once "$mac")"
address="$(cut -d' ' -f2 <<< "$first")"
echo "   before: DORA $first; primary: $(lease_on primary "$address"); standby: $(lease_on standby "$address")"
apply_both --client-pool-end 240
echo "   pool .10-.240: INIT-REBOOT of $address: $(client init-reboot "$mac" "$address"); DORA: $(client once "$mac")"
echo "                  primary: $(lease_on primary "$address"); standby: $(lease_on standby "$address")"
apply_both --client-pool-start 20
echo "   pool .20-.250 ($address now outside): primary: $(lease_on primary "$address"); standby: $(lease_on standby "$address")"
echo "                  INIT-REBOOT: $(client init-reboot "$mac" "$address"); then primary: $(lease_on primary "$address")"
echo "                  DORA: $(client once "$mac"); then primary: $(lease_on primary "$address")"

echo "3. config-write on the primary:"
file="$KEA_HA_DIR/primary/kea-dhcp4.json"
before="$(stat -c '%s bytes, %y' "$file")"
echo "   -c file before: $before"
echo "   $(cmd "$(sock primary)" config-write)"
echo "   -c file after:  $(stat -c '%s bytes, %y' "$file"); pools in it: $(grep -c '"pool"' "$file"), client pool: $(grep -o '198.18.200.[0-9]* *- *198.18.200.[0-9]*' "$file")"
echo "   $(cmd "$(sock primary)" config-write <(echo "{\"filename\": \"$out/written.json\"}"))"
echo "   kea-dhcp4 -t of the written file: $(kea-dhcp4 -t "$out/written.json" > /dev/null 2>&1 && echo ok || echo rejected)"
rm -rf "$out"
