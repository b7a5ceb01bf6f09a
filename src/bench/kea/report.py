#!/usr/bin/env python3
"""Summarises one apply-under-load run: per apply the answers and their times, the HA state timeline of
both peers, the time back to serving, and failed/total client exchanges in each window.

    report.py RUN-DIR      (events.log, ha.log, dora.log as apply-under-load.sh writes them)

events.log lines: `<epoch> <what> [text]`, where <what> is `apply-start ROLE`, `send ROLE COMMAND`,
`answer ROLE TEXT`, `serving ROLE`, `end`. An apply's window runs from its apply-start to its serving
mark; exchanges are counted by their start time. Times in the timeline are relative to the moment the
config-set was sent (t=0).
"""
import datetime
import os
import re
import sys

# what the servers' own logs say about the HA service (kea-dhcp4.<role>.log, INFO)
SERVER_LOG = re.compile(r"^(\S+ \S+) INFO\s+\S+ (?:HA_STATE_TRANSITION server transitions from (\S+) to (\S+) state"
                        r"|COMMAND_RECEIVED Received command '(dhcp-disable|dhcp-enable|ha-sync-complete-notify|"
                        r"ha-scopes|ha-maintenance-notify)'"
                        r"|HA_LOCAL_DHCP_(DISABLE|ENABLE) local DHCP service is \S+ while the \S+ is in the (\S+) state)")


def read(path):
    with open(path) as f:
        return [line.split() for line in f if line.strip()]


def server_log(run):
    """(epoch, role, what) for every HA state transition and every service switch a partner asked for."""
    found = []
    for role in ("primary", "standby"):
        path = f"{run}/kea-dhcp4.{role}.log"
        if not os.path.exists(path):
            continue
        with open(path) as f:
            for line in f:
                m = SERVER_LOG.match(line)
                if m:
                    t = datetime.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S.%f").timestamp()
                    if m.group(3):
                        what = m.group(3).lower()
                    elif m.group(4):
                        what = f"got {m.group(4)}"
                    else:
                        what = f"service {'off' if m.group(5) == 'DISABLE' else 'on'} ({m.group(6).lower()})"
                    found.append((t, role, what))
    return sorted(found, key=lambda entry: entry[0])  # stable: a log's own order within one millisecond


def main(run):
    events = read(f"{run}/events.log")
    ha = [(float(t), role, state) for t, role, state in read(f"{run}/ha.log")]
    # (start, end, ok|failed, address or reason, server id, mac)
    exchanges = [(float(r[0]), float(r[1]), r[2], r[4], r[5], r[3]) for r in read(f"{run}/dora.log")]
    first = float(events[0][0])
    logged = server_log(run)
    windows = []
    for i, event in enumerate(events):
        if event[1] != "apply-start":
            continue
        start, role = float(event[0]), event[2]
        served = next(float(e[0]) for e in events[i + 1:] if e[1] == "serving" and e[2] == role)
        answers, zero = [], start
        for e in events[i + 1:]:
            if e[1] == "serving" and e[2] == role:
                break
            if e[1] == "send" and e[2] == role and e[3] == "config-set":
                zero = float(e[0])
            if e[1] in ("send", "answer"):
                answers.append((float(e[0]), " ".join(e[1:])))
        windows.append((role, start, served, answers, zero))
    for role, start, served, answers, zero in windows:
        print(f"== apply to the {role} (t=0: config-set sent, {zero - first:.1f} s into the run)")
        for t, answer in answers:
            print(f"   {t - zero:+.2f} {answer}")
        print("   timeline:", ", ".join(f"{t - zero:+.1f} {r}={s}" for t, r, s in ha if start - 0.2 <= t <= served + 0.5))
        print("   server logs:", ", ".join(f"{t - zero:+.2f} {r} {w}" for t, r, w in logged if start - 0.2 <= t <= served + 0.5))
        off = next((t for t, r, w in logged if r == role and zero <= t <= served + 0.5 and w.startswith("service off")), None)
        on = next((t for t, r, w in logged if r == role and off and off <= t <= served + 0.5 and w.startswith("service on")), None)
        if off and on:
            print(f"   the {role}'s DHCP service was off {on - off:.2f} s (from {off - zero:+.2f} s, its own log)")
        inside = [x for x in exchanges if start <= x[0] <= served]
        failed = [x for x in inside if x[2] != "ok"]
        servers = sorted({x[4] for x in inside if x[2] == "ok"})
        print(f"   both serving again {served - zero:+.1f} s; exchanges failed/total in the window: "
              f"{len(failed)}/{len(inside)} (served by {', '.join(servers) or 'nobody'})")
        if failed:
            print(f"   failures from {failed[0][0] - zero:+.1f} to {failed[-1][0] - zero:+.1f} s: "
                  + ", ".join(sorted({x[3] for x in failed})))
    outside = [x for x in exchanges if not any(s <= x[0] <= e for _, s, e, _, _ in windows)]
    print(f"== outside the windows: failed/total {sum(1 for x in outside if x[2] != 'ok')}/{len(outside)}; "
          f"whole run {sum(1 for x in exchanges if x[2] != 'ok')}/{len(exchanges)}")
    holders = {}
    for x in exchanges:
        if x[2] == "ok":
            holders.setdefault(x[3], set()).add(x[5])
    shared = {a: m for a, m in holders.items() if len(m) > 1}
    print(f"   addresses: {len(holders)} handed out, {len(shared)} to more than one client"
          + (f" ({shared})" if shared else ""))
    oks = sorted(x[1] - x[0] for x in exchanges if x[2] == "ok")
    if oks:
        print(f"   exchange time (ok): median {oks[len(oks) // 2] * 1000:.0f} ms, max {oks[-1] * 1000:.0f} ms")


if __name__ == "__main__":
    main(sys.argv[1])
