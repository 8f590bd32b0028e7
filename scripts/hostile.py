#!/usr/bin/env python3
"""Writes the hostile view file of the README's performance table and times `validate` on it.

The file is one line of about 12 MB: 100,000 Buttons in one Container, each raising an action
the view does not list (the same text as connect_views::view::generate::hostile_view_file).

    scripts/hostile.py [BINARY] [RUNS]     # default: target/release/connect-views, 5 runs
"""
import os
import subprocess
import sys
import tempfile
import time


def hostile_view_file(components: int, target_bytes: int) -> str:
    head = ('{"Name":"Hostile","Actions":[],"Template":{"Head":{"Title":"Hostile",'
            '"Configuration":{}},"Body":[{"_id":"root","Type":"Container","Props":{},"Content":[')
    tail = "]}]}}"

    def button(i: int, pad: str) -> str:
        return ('{"_id":"b%d","Type":"Button","Props":{"Action":"Act%d"},"Content":["Go%s"]}'
                % (i, i, pad))

    bare = sum(len(button(i, "")) + 1 for i in range(components))
    room = max(0, target_bytes - (len(head) + len(tail) + bare))
    pad = "x" * (room // max(components, 1))
    return head + ",".join(button(i, pad) for i in range(components)) + tail


def main() -> None:
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/connect-views"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "hostile.view.json")
        with open(path, "w") as f:
            f.write(hostile_view_file(100_000, 12_000_000))
        print(f"{path}: {os.path.getsize(path):,} bytes, one line")
        for fmt in ("text", "json"):
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                out = subprocess.run([binary, "validate", "--format", fmt, path],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                times.append(time.perf_counter() - start)
            times.sort()
            print(f"validate --format {fmt}: median {times[len(times) // 2]:.3f} s "
                  f"(min {times[0]:.3f} s, {len(out.stdout):,} bytes of output, exit {out.returncode})")


if __name__ == "__main__":
    main()
