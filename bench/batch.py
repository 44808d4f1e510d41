"""Batch throughput: the whole bundled suite through `mle-env run` at several concurrencies.

    .venv/bin/python bench/batch.py [--tasks-dir tasks] [--concurrency 1 2 4] [--work 1.0] [--latency 0.5]

Two scripted workloads, each sample in its own bwrap sandbox, grading off (--no-eval: the
grader's verification runs are the tasks' cost, not the harness's):

* cpu    — a scripted model whose agent runs ~WORK seconds of pure-Python CPU work in the
           sandbox (`bash_exec`), writes a report and answers: samples are CPU-bound;
* model  — a local OpenAI-format server (tests/fakes) that answers each turn after LATENCY
           seconds, through LiteLLM: samples wait on the model.

Per concurrency: the batch's wall time (from run.json: planning done to last sample
recorded), speed-up over concurrency 1, the whole process's wall time (adds start-up:
imports, task loading, the sandbox probe), harness overhead per
sample (the sample's wall time minus the time its trajectory spent inside model calls and
tool calls: sandbox start and teardown, result and index writes, the agent loop) and the
peak RSS of the harness process. Not a test: prints a markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

RUNNER = """
import resource, sys
from mle_env.cli import main
code = main(sys.argv[1:])
print("PEAK_RSS_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def cpu_script(work: float, path: Path) -> None:
    loops = int(work * 9_000_000)  # about WORK seconds of `sum` on this kind of machine; measured below
    report = json.dumps({"error_type": "NONE", "locations": [], "explanation": "e", "proposed_fix": "f"})
    turns = [
        {"text": "", "tool_calls": [{"id": "c1", "name": "bash_exec", "arguments": json.dumps(
            {"command": f"python -c 'sum(i * i for i in range({loops}))'", "timeout": 600})}]},
        {"text": "", "tool_calls": [{"id": "c2", "name": "write_file", "arguments": json.dumps(
            {"path": "/app/response/report.json", "content": report})}]},
        {"text": "FINAL ANSWER: NONE"},
    ]  # fmt: skip
    path.write_text(json.dumps(turns))


def run(args: list[str], env: dict[str, str]) -> tuple[float, int, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", RUNNER, *args], capture_output=True, text=True, env=env, timeout=3600)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"run failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    rss = int(next(line.split()[1] for line in proc.stderr.splitlines() if line.startswith("PEAK_RSS_KB")))
    return wall, rss, proc


def overheads(run_dir: Path) -> tuple[float, float]:
    """Mean harness overhead per sample (s) and mean sample wall time (s), from the run's files."""
    db = sqlite3.connect(run_dir / "index.sqlite")
    rows = db.execute("SELECT duration, result_path FROM samples WHERE status = 'completed'").fetchall()
    db.close()
    over = []
    for duration, rel in rows:
        trace = json.loads((run_dir / rel).read_text())["trace"]
        inside = sum(e.get("seconds", 0) for e in trace if e["event"] in ("model_response", "tool_call"))
        over.append(duration - inside)
    return sum(over) / len(over), sum(r[0] for r in rows) / len(rows)


def bench(kind: str, extra: list[str], tasks_dir: str, levels: list[int], env: dict[str, str]) -> None:
    n = len(list(Path(tasks_dir).glob("*.json")))
    base = None
    print(f"\n**{kind}** — {n} samples\n")
    print("| concurrency | batch wall s | speed-up | process wall s | sample s (mean) | harness overhead / sample "
          "| overhead % | peak RSS MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for c in levels:
        with tempfile.TemporaryDirectory() as out:
            wall, rss, _ = run(["run", "--tasks-dir", tasks_dir, *extra, "--no-eval", "--concurrency", str(c),
                                "--output-dir", out, "--run-name", "b"], env)  # fmt: skip
            over, sample = overheads(Path(out) / "b")
            batch = json.loads((Path(out) / "b" / "run.json").read_text())["sessions"][-1]["seconds"]
        base = base or batch
        print(f"| {c} | {batch:.1f} | {base / batch:.2f} | {wall:.1f} | {sample:.2f} | {over * 1000:.0f} ms "
              f"| {100 * over / sample:.1f} % | {rss / 1024:.0f} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks-dir", default=str(ROOT / "tasks"))
    ap.add_argument("--concurrency", type=int, nargs="+", default=[1, 2, 4])
    ap.add_argument("--work", type=float, default=1.0, help="seconds of CPU work per sample (cpu workload)")
    ap.add_argument("--latency", type=float, default=0.5, help="seconds per model turn (model workload)")
    ap.add_argument("--only", choices=["cpu", "model"])
    args = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "MLE_ENV_SANDBOX"}
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        if args.only in (None, "cpu"):
            script = Path(tmp) / "cpu.json"
            cpu_script(args.work, script)
            loops = json.loads(json.loads(script.read_text())[0]["tool_calls"][0]["arguments"])["command"]
            t0 = time.perf_counter()
            subprocess.run(["python3", "-c", loops.split("'")[1]], check=True)
            print(f"the CPU job alone, outside the harness: {time.perf_counter() - t0:.2f} s")
            bench(f"cpu: scripted model, {args.work:g} s of CPU work per sample", ["--model", f"scripted:{script}"],
                  args.tasks_dir, args.concurrency, env)  # fmt: skip
        if args.only in (None, "model"):
            from fakes.providers import Call, FakeOpenAI, Reply

            report = json.dumps({"error_type": "NONE", "locations": [], "explanation": "e", "proposed_fix": "f"})

            def handle(req):
                if not any(m["role"] == "tool" for m in req["messages"]):
                    return Reply(tool_calls=[Call("write_file", {"path": "/app/response/report.json", "content": report})],
                                 usage=(1000, 50), delay=args.latency)  # fmt: skip
                return Reply(text="FINAL ANSWER: NONE", usage=(1100, 10), delay=args.latency)

            with FakeOpenAI([handle] * 10_000) as srv:
                bench(f"model: LiteLLM to a local server answering after {args.latency:g} s per turn (2 turns a sample)",
                      ["--model", "openai/bench-model", "--api-base", srv.api_base], args.tasks_dir, args.concurrency,
                      {**env, "OPENAI_API_KEY": "sk-bench"})  # fmt: skip


if __name__ == "__main__":
    main()
