#!/usr/bin/env python3
"""Sends one command to kea-dhcp4 over its unix control socket and prints the answer with its time.

    kea-cmd.py SOCKET COMMAND [ARGUMENTS-JSON-FILE | -] [--timeout S] [--quiet]

Prints one line: `<ISO time> <command> <ms> ms <answer JSON>` (with --quiet the answer's "arguments" are
left out, for config-set/config-get of big configs). A file holding a whole config ({"Dhcp4": ...}) is
sent as the arguments of config-test/config-set as it is. Exit 0 when the answer's result is 0, 1 for
any other result, 2 when there was no answer (socket missing, timeout).
"""
import argparse
import datetime
import json
import socket
import sys
import time


def send(path, command, arguments=None, timeout=30.0):
    """One request per connection, as Kea 2.2's unix socket expects; returns the parsed answer."""
    request = {"command": command}
    if arguments is not None:
        request["arguments"] = arguments
    payload = json.dumps(request).encode()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        sock.connect(path)
        sock.sendall(payload)
        chunks = []
        while True:
            chunk = sock.recv(1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            try:
                return json.loads(b"".join(chunks))
            except ValueError:
                continue  # a partial answer: read on
    return json.loads(b"".join(chunks))


def main(argv):
    parser = argparse.ArgumentParser(description="one command to kea-dhcp4's unix control socket")
    parser.add_argument("socket")
    parser.add_argument("command")
    parser.add_argument("arguments", nargs="?", help="a JSON file (or - for stdin) sent as the arguments")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--quiet", action="store_true", help="leave the answer's arguments out")
    args = parser.parse_args(argv)
    arguments = None
    if args.arguments:
        with (sys.stdin if args.arguments == "-" else open(args.arguments)) as source:
            arguments = json.load(source)
    started = time.monotonic()
    stamp = datetime.datetime.now().isoformat(timespec="milliseconds")
    try:
        answer = send(args.socket, args.command, arguments, args.timeout)
    except (OSError, ValueError) as error:
        print(f"{stamp} {args.command} {(time.monotonic() - started) * 1000:.0f} ms no answer: {error}")
        return 2
    elapsed = (time.monotonic() - started) * 1000
    if isinstance(answer, list):  # the control agent's shape; the daemon's socket answers an object
        answer = answer[0]
    shown = {k: v for k, v in answer.items() if not (args.quiet and k == "arguments")}
    print(f"{stamp} {args.command} {elapsed:.0f} ms {json.dumps(shown)}")
    return 0 if answer.get("result") == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
