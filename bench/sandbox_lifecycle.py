"""A sandbox's life per backend, in one run: start, one `bash_exec("true")`, teardown.

    .venv/bin/python bench/sandbox_lifecycle.py [--samples 20] [--calls 200] [--backends bwrap,docker]

For each backend, ``--samples`` times: open a sandbox with a small project in it (start: until the
exec server answers), time ``--calls`` ``bash_exec("true")`` through ``Tools.call``, then close it
(teardown: processes gone, workspace removed; for docker the container removed). Prints a markdown
table of medians and p95s in milliseconds (docs/benchmarks.md, "Sandbox backends"). The docker row
needs an engine and ``mle-env-sandbox:latest`` (docker/engine.sh, docker/build-images.sh).
Not a test: numbers vary by machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import time

from mle_env.sandbox import make_config, open_sandbox
from mle_env.tools import Tools

FILES = {"src/train.py": "print('ok')\n", "data/train.csv": "a,b\n1,2\n" * 100}


def ms(samples: list[float]) -> tuple[float, float]:
    s = sorted(samples)
    return statistics.median(s) * 1000, s[min(len(s) - 1, int(len(s) * 0.95))] * 1000


async def one(kind: str, calls: int) -> tuple[float, list[float], float]:
    t0 = time.perf_counter()
    cm = open_sandbox(make_config(kind), files=FILES)
    sb = await cm.__aenter__()
    started = time.perf_counter() - t0
    tools = Tools(sb)
    per_call = []
    for _ in range(calls):
        t = time.perf_counter()
        res = await tools.call("bash_exec", {"command": "true"})
        per_call.append(time.perf_counter() - t)
        assert res.success, res
    t = time.perf_counter()
    await cm.__aexit__(None, None, None)
    return started, per_call, time.perf_counter() - t


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--samples", type=int, default=20)
    ap.add_argument("--calls", type=int, default=200)
    ap.add_argument("--backends", default="bwrap,docker")
    args = ap.parse_args()
    rows = []
    for kind in args.backends.split(","):
        try:
            await one(kind, 5)  # warm: imports, page cache, the image's layers
        except Exception as e:  # a backend that cannot run here is reported, not fatal
            print(f"({kind}: skipped: {type(e).__name__}: {e})")
            continue
        starts, calls, downs = [], [], []
        for _ in range(args.samples):
            s, c, d = await one(kind, args.calls)
            starts.append(s)
            calls += c
            downs.append(d)
        rows.append((kind, ms(starts), ms(calls), ms(downs), len(starts), len(calls)))
    print(f"{platform.machine()}, {os.cpu_count()} CPUs, Linux {platform.release()}, Python {platform.python_version()}\n")
    print("| backend | start median / p95 ms | bash_exec(\"true\") median / p95 ms | teardown median / p95 ms | sandboxes | calls |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind, s, c, d, n, nc in rows:
        print(f"| {kind} | {s[0]:.0f} / {s[1]:.0f} | {c[0]:.2f} / {c[1]:.2f} | {d[0]:.0f} / {d[1]:.0f} | {n} | {nc} |")


if __name__ == "__main__":
    asyncio.run(main())
