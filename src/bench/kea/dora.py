#!/usr/bin/env python3
"""A small DHCPv4 client for the Kea HA lab: timed DORA exchanges through the relay, one log line each.

    dora.py load --log FILE [--interface eth0] [--clients 50] [--interval 0.1] [--deadline 1.0]
        runs until SIGTERM/SIGINT: every INTERVAL one DISCOVER/OFFER/REQUEST/ACK for the next of CLIENTS
        fixed MACs (so the pool never runs dry), each with DEADLINE seconds for the whole exchange.
        Log line: `<start epoch> <end epoch> ok|failed <mac> <address|reason> <server id>`.
    dora.py once MAC [--deadline S]                 one DORA; prints `ok ADDRESS SERVER` or `failed REASON`
    dora.py init-reboot MAC ADDRESS [--deadline S]  REQUEST of ADDRESS without a server id (RFC 2131
        INIT-REBOOT, as a rebooted client checks its lease): `ack ADDRESS SERVER`, `nak SERVER` or `failed`

dhclient needs seconds per exchange (its backoff); this one does an exchange in milliseconds, so a
one-heartbeat outage shows up as a run of failures with their times. The broadcast flag is set, so
dhcrelay broadcasts the answers and a plain UDP socket on :68 receives them (no raw socket).
"""
import argparse
import random
import signal
import socket
import struct
import sys
import time

COOKIE = b"\x63\x82\x53\x63"
DISCOVER, OFFER, REQUEST, ACK, NAK = 1, 2, 3, 5, 6


def mac_bytes(mac):
    return bytes(int(part, 16) for part in mac.split(":"))


def packet(kind, mac, xid, requested=None, server=None):
    header = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 1, 1, 6, 0, xid, 0, 0x8000, bytes(4), bytes(4),
                         bytes(4), bytes(4), mac_bytes(mac), b"", b"")
    options = bytes([53, 1, kind, 61, 7, 1]) + mac_bytes(mac) + bytes([55, 3, 1, 3, 51])
    if requested:
        options += bytes([50, 4]) + socket.inet_aton(requested)
    if server:
        options += bytes([54, 4]) + socket.inet_aton(server)
    return header + COOKIE + options + b"\xff"


def parse(data):
    """(xid, yiaddr, message type, server id) of a BOOTREPLY, or None."""
    if len(data) < 240 or data[0] != 2 or data[236:240] != COOKIE:
        return None
    xid = struct.unpack("!I", data[4:8])[0]
    yiaddr = socket.inet_ntoa(data[16:20])
    kind, server, i = None, None, 240
    while i < len(data) and data[i] != 255:
        if data[i] == 0:
            i += 1
            continue
        code, length = data[i], data[i + 1]
        value = data[i + 2:i + 2 + length]
        if code == 53:
            kind = value[0]
        elif code == 54 and length == 4:
            server = socket.inet_ntoa(value)
        i += 2 + length
    return xid, yiaddr, kind, server


class Client:
    def __init__(self, interface):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, interface.encode())
        self.sock.bind(("", 68))

    def ask(self, payload, xid, wanted, until):
        """Sends payload, returns the first reply with this xid and a type in wanted, or None at until."""
        self.sock.sendto(payload, ("255.255.255.255", 67))
        while True:
            left = until - time.monotonic()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                data = self.sock.recv(4096)
            except socket.timeout:
                return None
            reply = parse(data)
            if reply and reply[0] == xid and reply[2] in wanted:
                return reply

    def dora(self, mac, deadline):
        """('ok', address, server) or ('failed', reason, '-')."""
        until = time.monotonic() + deadline
        xid = random.getrandbits(32)
        offer = self.ask(packet(DISCOVER, mac, xid), xid, {OFFER}, until)
        if not offer:
            return "failed", "no-offer", "-"
        answer = self.ask(packet(REQUEST, mac, xid, offer[1], offer[3]), xid, {ACK, NAK}, until)
        if not answer:
            return "failed", "no-ack", offer[3] or "-"
        if answer[2] == NAK:
            return "failed", "nak", answer[3] or "-"
        return "ok", answer[1], answer[3] or "-"

    def init_reboot(self, mac, address, deadline):
        xid = random.getrandbits(32)
        answer = self.ask(packet(REQUEST, mac, xid, address), xid, {ACK, NAK}, time.monotonic() + deadline)
        if not answer:
            return ("failed",)
        return ("ack", answer[1], answer[3]) if answer[2] == ACK else ("nak", answer[3])


def load(client, args):
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    macs = [f"02:00:00:00:{i // 256:02x}:{i % 256:02x}" for i in range(1, args.clients + 1)]
    with open(args.log, "a", buffering=1) as log:
        n = 0
        while not stop:
            started = time.time()
            result = client.dora(macs[n % len(macs)], args.deadline)
            log.write(f"{started:.3f} {time.time():.3f} {result[0]} {macs[n % len(macs)]} {result[1]} {result[2]}\n")
            n += 1
            time.sleep(max(0.0, args.interval - (time.time() - started)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("load", "once", "init-reboot"))
    parser.add_argument("mac", nargs="?")
    parser.add_argument("address", nargs="?")
    parser.add_argument("--interface", default="eth0")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--interval", type=float, default=0.1)
    parser.add_argument("--deadline", type=float, default=1.0)
    parser.add_argument("--log")
    args = parser.parse_args()
    client = Client(args.interface)
    if args.mode == "load":
        if not args.log:
            parser.error("load needs --log FILE")
        load(client, args)
    elif args.mode == "once":
        print(" ".join(client.dora(args.mac, args.deadline)))
    else:
        print(" ".join(client.init_reboot(args.mac, args.address, args.deadline)))


if __name__ == "__main__":
    main()
