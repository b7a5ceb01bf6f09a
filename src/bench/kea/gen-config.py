#!/usr/bin/env python3
"""Writes the Dhcp4 config of one peer of the Kea HA lab (src/bench/kea/pair.sh).

N /24 subnets 10.x.y.0/24 (subnet id = index 1..N, one 241-address pool .10-.250 each) plus the client
subnet behind the relay (198.18.200.0/24, id N+1), the HA hook in hot-standby or load-balancing mode, a
memfile lease file and the control socket in the peer's directory. In load-balancing mode every pool is
split in two halves bound to the HA_server1 / HA_server2 classes, as the ARM requires (otherwise both
peers could hand out one address to two clients).

    gen-config.py --dir DIR --role primary|standby [--pools N] [--mode hot-standby|load-balancing]
                  [--heartbeat-delay MS] [--no-sync-leases] [--extra-subnets K] [--client-pool-start N]
                  [--client-pool-end N]

--extra-subnets K appends K more subnets (ids N+2..), --client-pool-start/-end move the client pool's
bounds (default .10-.250): the kinds of change the apply measurements use.
"""
import argparse
import json
import sys

HOOKS = "/usr/lib/x86_64-linux-gnu/kea/hooks"
SERVER_LAN = "198.18.201"
CLIENT_NET = "198.18.200"
PEERS = {"primary": ("server1", f"{SERVER_LAN}.2"), "standby": ("server2", f"{SERVER_LAN}.3")}


def pools(first, last, prefix, mode):
    if mode == "hot-standby":
        return [{"pool": f"{prefix}.{first} - {prefix}.{last}"}]
    middle = (first + last) // 2
    return [
        {"pool": f"{prefix}.{first} - {prefix}.{middle}", "client-class": "HA_server1"},
        {"pool": f"{prefix}.{middle + 1} - {prefix}.{last}", "client-class": "HA_server2"},
    ]


def subnet(index, mode):
    prefix = f"10.{index // 256}.{index % 256}"
    return {"id": index, "subnet": f"{prefix}.0/24", "pools": pools(10, 250, prefix, mode),
            "option-data": [{"name": "routers", "data": f"{prefix}.1"}]}


def config(args):
    second_role = "standby" if args.mode == "hot-standby" else "secondary"
    peers = [
        {"name": PEERS["primary"][0], "url": f"http://{PEERS['primary'][1]}:8000/", "role": "primary",
         "auto-failover": True},
        {"name": PEERS["standby"][0], "url": f"http://{PEERS['standby'][1]}:8000/", "role": second_role,
         "auto-failover": True},
    ]
    ha = {"this-server-name": PEERS[args.role][0], "mode": args.mode,
          "heartbeat-delay": args.heartbeat_delay, "max-response-delay": max(60000, 6 * args.heartbeat_delay),
          "max-ack-delay": 5000, "max-unacked-clients": 5, "peers": peers}
    if args.no_sync_leases:
        # waiting goes straight to ready: no dhcp-disable of the partner for a lease sync
        ha["sync-leases"] = False
    # ids 1..N stay put when subnets are added (Kea keys leases by subnet id)
    subnets = [subnet(i, args.mode) for i in range(1, args.pools + 1)]
    client = {"id": args.pools + 1, "subnet": f"{CLIENT_NET}.0/24",
              "pools": pools(args.client_pool_start, args.client_pool_end, CLIENT_NET, args.mode),
              "option-data": [{"name": "routers", "data": f"{CLIENT_NET}.1"}]}
    extra = [subnet(args.pools + 1 + k, args.mode) for k in range(1, args.extra_subnets + 1)]
    peer_dir = f"{args.dir}/{args.role}"
    return {"Dhcp4": {
        "interfaces-config": {"interfaces": ["eth0"], "dhcp-socket-type": "udp"},
        "control-socket": {"socket-type": "unix", "socket-name": f"{peer_dir}/kea4.sock"},
        "lease-database": {"type": "memfile", "persist": True, "name": f"{peer_dir}/leases4.csv",
                           "lfc-interval": 0},
        "valid-lifetime": 3600, "renew-timer": 900, "rebind-timer": 1800,
        "hooks-libraries": [
            {"library": f"{HOOKS}/libdhcp_lease_cmds.so"},
            {"library": f"{HOOKS}/libdhcp_ha.so", "parameters": {"high-availability": [ha]}},
        ],
        "subnet4": subnets + [client] + extra,
        "loggers": [{"name": "kea-dhcp4", "severity": "INFO",
                     "output_options": [{"output": f"{peer_dir}/kea-dhcp4.log"}]}],
    }}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--role", required=True, choices=PEERS)
    parser.add_argument("--pools", type=int, default=200)
    parser.add_argument("--mode", default="hot-standby", choices=("hot-standby", "load-balancing"))
    parser.add_argument("--heartbeat-delay", type=int, default=10000)
    parser.add_argument("--no-sync-leases", action="store_true")
    parser.add_argument("--extra-subnets", type=int, default=0)
    parser.add_argument("--client-pool-start", type=int, default=10)
    parser.add_argument("--client-pool-end", type=int, default=250)
    args = parser.parse_args()
    if not 0 < args.pools + args.extra_subnets < 65000:
        parser.error("--pools plus --extra-subnets must be 1..64999 (10.x.y.0/24 space)")
    json.dump(config(args), sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
