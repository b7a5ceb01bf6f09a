#!/usr/bin/env python3
"""Polls the HA state of both lab peers every 100 ms and logs each change, until SIGTERM.

    ha-watch.py DIR LOG [--interval 0.1]

One thread per peer sends ha-heartbeat to DIR/<role>/kea4.sock (0.5 s timeout: a server busy with a
config-set shows as "-"); a line `<epoch> <role> <state>` is written when a peer's state changes.
"""
import argparse
import importlib.util
import os
import signal
import threading
import time

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("kea_cmd", os.path.join(here, "kea-cmd.py"))
kea_cmd = importlib.util.module_from_spec(spec)
spec.loader.exec_module(kea_cmd)


def state(sock):
    try:
        return kea_cmd.send(sock, "ha-heartbeat", timeout=0.5).get("arguments", {}).get("state", "?")
    except (OSError, ValueError):
        return "-"


def watch(role, sock, log, lock, stop, interval):
    last = None
    while not stop.is_set():
        polled = time.time()
        now = state(sock)
        if now != last:
            with lock:
                log.write(f"{polled:.3f} {role} {now}\n")
            last = now
        stop.wait(max(0.0, interval - (time.time() - polled)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir")
    parser.add_argument("log")
    parser.add_argument("--interval", type=float, default=0.1)
    args = parser.parse_args()
    stop, lock = threading.Event(), threading.Lock()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    with open(args.log, "a", buffering=1) as log:
        threads = [threading.Thread(target=watch, args=(role, f"{args.dir}/{role}/kea4.sock", log, lock, stop,
                                                        args.interval)) for role in ("primary", "standby")]
        for thread in threads:
            thread.start()
        while not stop.is_set():
            stop.wait(0.5)
        for thread in threads:
            thread.join()


if __name__ == "__main__":
    main()
