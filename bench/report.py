"""How big the report of the full bundled suite is and how fast it opens: `mle-env report` over
every task in tasks/ × 2 agents without an LLM, opened in headless Chromium.

    .venv/bin/python bench/report.py [--run RUN_DIR | --keep DIR] [--models oracle baseline] [--tabs 5]

Makes the run first (``mle-env run --tasks-dir tasks --model oracle --model baseline``: real
trajectories, tool outputs, responses and grading, no network; ~15 min on two busy cores) unless
``--run`` names one, or ``--keep DIR`` already holds it. Then writes the report (timed, the CLI
as a user runs it), and opens it in ``--tabs`` fresh tabs of one headless Chromium (DevTools over a
pipe, ``mle_env.view.browser``), reading the page's own Navigation and Paint Timing entries.
Prints a markdown table: samples, report size, time to write it, and the medians over the tabs of
DOMContentLoaded, first contentful paint and the load event (ms from navigation start), beside
the targets (< 10 MB, opens < 2 s). Not a test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mle_env.view.browser import CHROMIUM, Browser, leaves_loopback

ROOT = Path(__file__).resolve().parents[1]
NAME = "report-bench"


def mle(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "mle_env.cli", *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def make_run(work: Path, models: list[str], sandbox: str) -> tuple[Path, float | None]:
    run = work / NAME
    if (run / "index.sqlite").exists():
        return run, None
    t = time.perf_counter()
    mle("run", "--tasks-dir", str(ROOT / "tasks"), *(a for m in models for a in ("--model", m)), "--sandbox", sandbox,
        "--output-dir", str(work), "--run-name", NAME)  # fmt: skip
    return run, time.perf_counter() - t


def open_times(url: str, tabs: int, profile: Path) -> tuple[dict[str, list[float]], list[str]]:
    """Per timing, its value in each fresh tab; and any console error or request off the machine."""
    out: dict[str, list[float]] = {}
    problems: list[str] = []
    with Browser(profile) as b:
        for _ in range(tabs):
            b.new_tab()
            t = time.perf_counter()
            b.goto(url)
            out.setdefault("goto_wall", []).append(1000 * (time.perf_counter() - t))
            for k, v in b.timings().items():
                if v is not None:
                    out.setdefault(k, []).append(v)
            problems += b.problems() + [f"request {u}" for u in leaves_loopback(b.requests())]
    return out, problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--run", help="an existing run directory to report on (default: make one)")
    ap.add_argument("--keep", help="make the run here and keep it (default: a temporary directory)")
    ap.add_argument("--models", nargs="+", default=["oracle", "baseline"])
    ap.add_argument("--sandbox", default="bwrap", choices=["bwrap", "local", "docker"])
    ap.add_argument("--tabs", type=int, default=5)
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.keep or tmp)
        work.mkdir(parents=True, exist_ok=True)
        if args.run:
            run, run_s = Path(args.run), None
        else:
            print(f"making the run in {work} ...", file=sys.stderr, flush=True)
            run, run_s = make_run(work, args.models, args.sandbox)
        models = json.loads((run / "run.json").read_text())["config"]["models"]
        db = sqlite3.connect(run / "index.sqlite")
        samples = db.execute("SELECT count(*) FROM samples").fetchone()[0]
        db.close()
        report = Path(tmp) / "report.html"
        t = time.perf_counter()
        mle("report", str(run), "-o", str(report))
        write_s = time.perf_counter() - t
        size = report.stat().st_size / 1e6
        times, problems = open_times(report.as_uri(), args.tabs, Path(tmp) / "profile")

    def med(k: str) -> str:
        return f"{statistics.median(times[k]):.0f}" if times.get(k) else "-"

    opened = statistics.median(times["load"]) / 1000 if times.get("load") else float("inf")
    print(f"# mle-env report: {samples} samples ({', '.join(models)} × the bundled suite), {platform.machine()}, "
          f"{os.cpu_count()} CPUs, Chromium headless, median of {args.tabs} fresh tabs\n")  # fmt: skip
    print("| samples | report MB | write s | DOMContentLoaded ms | first contentful paint ms | load ms | "
          "navigate→load wall ms | < 10 MB | opens < 2 s |")
    print("|---:|---:|---:|---:|---:|---:|---:|:-:|:-:|")
    print(f"| {samples} | {size:.2f} | {write_s:.2f} | {med('dom_content_loaded')} | {med('first_contentful_paint')} | "
          f"{med('load')} | {med('goto_wall')} | {'yes' if size < 10 else 'NO'} | {'yes' if opened < 2 else 'NO'} |")
    if run_s is not None:
        print(f"\n(the run itself took {run_s:.0f} s; write s = `mle-env report` wall time, interpreter start "
              "included)")
    if problems:
        print("\nproblems in the page:", *sorted(set(problems)), sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
