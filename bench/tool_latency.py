"""Per-call time of the agent's process tools, per sandbox backend, beside the bare floor.

    .venv/bin/python bench/tool_latency.py [--calls 300] [--backends bwrap,local,docker]

Prints a markdown table (median and p95 in milliseconds) and the concurrency check:
four concurrent ``bash_exec("sleep 0.3")`` in one sandbox. Not a test: numbers vary by machine.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import subprocess
import sys
import time

from mle_env.sandbox import make_config, open_sandbox
from mle_env.tools import Tools


def stats(samples: list[float]) -> tuple[float, float]:
    s = sorted(samples)
    return statistics.median(s) * 1000, s[min(len(s) - 1, int(len(s) * 0.95))] * 1000


def fresh_bwrap_argv() -> list[str]:
    import os

    from mle_env.sandbox.bwrap import _top_level_mounts, find_bwrap

    argv = [find_bwrap(), "--unshare-pid", "--unshare-net", "--unshare-ipc", "--die-with-parent"]
    if os.geteuid() != 0:
        argv.append("--unshare-user")
    return argv + _top_level_mounts() + ["--proc", "/proc", "--dev", "/dev", "--", "/bin/true"]


def floor(argv: list[str], calls: int) -> list[float]:
    out = []
    for _ in range(calls):
        t = time.perf_counter()
        subprocess.run(argv, check=True)
        out.append(time.perf_counter() - t)
    return out


async def timed(tools: Tools, name: str, args: dict, calls: int) -> list[float]:
    out = []
    for _ in range(calls):
        t = time.perf_counter()
        res = await tools.call(name, args)
        out.append(time.perf_counter() - t)
        assert res.success, res
    return out


async def backend_rows(kind: str, calls: int) -> list[tuple[str, str, list[float]]]:
    files = {"empty.py": ""}
    async with open_sandbox(make_config(kind, force=True) if kind == "local" else make_config(kind), files=files) as sb:
        tools = Tools(sb)
        await timed(tools, "bash_exec", {"command": "true"}, 20)  # warm up
        rows = [
            (kind, 'bash_exec("true")', await timed(tools, "bash_exec", {"command": "true"}, calls)),
            (kind, 'bash_exec("true; true")  (via bash)', await timed(tools, "bash_exec", {"command": "true; true"}, calls)),
            (kind, "run_python(empty.py)", await timed(tools, "run_python", {"script_path": "empty.py"}, max(calls // 5, 20))),
            (kind, "read_file(empty.py)", await timed(tools, "read_file", {"path": "empty.py"}, calls)),
        ]
        t = time.perf_counter()
        await asyncio.gather(*(tools.call("bash_exec", {"command": "sleep 0.3"}) for _ in range(4)))
        rows.append((kind, '4 concurrent bash_exec("sleep 0.3"), wall', [time.perf_counter() - t]))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=300)
    ap.add_argument("--backends", default="bwrap,local")
    args = ap.parse_args()
    rows = [
        ("none", 'subprocess.run(["true"])', floor(["true"], args.calls)),
        ("none", "subprocess.run([python, -c, pass])", floor([sys.executable, "-c", "pass"], max(args.calls // 5, 20))),
    ]
    try:  # what a fresh sandbox per call would cost: one bwrap start for each
        rows.append(("bwrap", "fresh `bwrap ... true` per call", floor(fresh_bwrap_argv(), args.calls)))
    except Exception as e:
        print(f"(fresh bwrap: skipped: {e})", file=sys.stderr)
    for kind in args.backends.split(","):
        try:
            rows += asyncio.run(backend_rows(kind, args.calls))
        except Exception as e:  # a backend that cannot run here is reported, not fatal
            print(f"({kind}: skipped: {e})", file=sys.stderr)
    print(f"machine: {platform.machine()}, {platform.system()} {platform.release()}, python {platform.python_version()}")
    print()
    print("| sandbox | call | n | median ms | p95 ms | × floor |")
    print("|---|---|---:|---:|---:|---:|")
    floors = {"true": stats(rows[0][2])[0], "python": stats(rows[1][2])[0]}
    for kind, what, samples in rows:
        med, p95 = stats(samples)
        base = floors["python"] if "python" in what else floors["true"] if "true" in what else None
        ratio = f"{med / base:.2f}" if base and kind != "none" and "concurrent" not in what else ""
        print(f"| {kind} | {what} | {len(samples)} | {med:.2f} | {p95:.2f} | {ratio} |")


if __name__ == "__main__":
    main()
