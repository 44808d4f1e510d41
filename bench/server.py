"""The HTTP API under a burst: N async submissions at once, then the pool drains them.

    .venv/bin/python bench/server.py [--jobs 200] [--workers 1 2 4] [--model none]

Each job is a task run with the `none` agent (no LLM, evaluation off), so a job costs one
bwrap sandbox start and teardown plus the job's bookkeeping (SQLite rows, result and
trajectory files): what the server itself adds to every job. Per worker count: submission
latency (p50, p99 of the POST /run-async round trip, all N in flight at once), how long
the burst took to be accepted, how long until every job finished, jobs per second, and
the server's peak RSS. Not a test: prints a markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fakes.server import Server  # noqa: E402
from fakes.tasks import tiny_task  # noqa: E402


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def burst(url: str, n: int, model: str) -> tuple[list[float], float]:
    body = {"task_ref": "tiny-0", "model": model, "run_evaluation": False}
    async with httpx.AsyncClient(base_url=url, limits=httpx.Limits(max_connections=n), timeout=120) as c:

        async def one() -> float:
            t = time.perf_counter()
            r = await c.post("/run-async", json=body)
            assert r.status_code == 202, r.text
            return time.perf_counter() - t

        t0 = time.perf_counter()
        lat = await asyncio.gather(*(one() for _ in range(n)))
        return list(lat), time.perf_counter() - t0


def measure(n: int, workers: int, model: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        tasks = Path(tmp) / "tasks"
        tasks.mkdir()
        (tasks / "tiny-0.json").write_text(json.dumps(tiny_task(0, "NONE")))
        s = Server(Path(tmp) / "data", tasks, "--workers", str(workers)).start()
        try:
            t0 = time.perf_counter()
            lat, accepted = asyncio.run(burst(s.url, n, model))
            while True:
                jobs = httpx.get(f"{s.url}/health").json()["jobs"]
                if jobs["completed"] + jobs["failed"] == n:
                    break
                time.sleep(0.05)
            drained = time.perf_counter() - t0
            rss = peak_rss_mb(s.proc.pid)
        finally:
            s.stop()
    lat.sort()
    return {"workers": workers, "p50": statistics.median(lat) * 1000, "p99": lat[int(0.99 * (len(lat) - 1))] * 1000,
            "accepted": accepted, "drained": drained, "rate": n / drained, "failed": jobs["failed"], "rss": rss}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=200)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    ap.add_argument("--model", default="none")
    args = ap.parse_args()
    print(f"{args.jobs} async jobs submitted at once (model {args.model}, no evaluation)\n")
    print("| workers | submit p50 | submit p99 | all accepted | all finished | jobs/s | failed | server peak RSS |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for w in args.workers:
        m = measure(args.jobs, w, args.model)
        print(f"| {w} | {m['p50']:.0f} ms | {m['p99']:.0f} ms | {m['accepted']:.2f} s | {m['drained']:.1f} s | "
              f"{m['rate']:.1f} | {m['failed']} | {m['rss']:.0f} MB |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
