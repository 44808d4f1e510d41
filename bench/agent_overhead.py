"""Harness overhead per agent turn: time outside the model and outside the tools.

    .venv/bin/python bench/agent_overhead.py [--turns 2000]

A scripted model answers instantly; the trajectory is written to a real file as in a run.
Overhead per turn = (run wall time − time inside model calls − time inside tool calls) / turns,
with model and tool times taken from the trajectory's own measurements. Not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import tempfile
import time
from pathlib import Path

from mle_env.agent import LLMAgent
from mle_env.models import ScriptedModel, turn
from mle_env.sandbox import make_config, open_sandbox
from mle_env.task import validate_data
from mle_env.tools import Tools
from mle_env.trajectory import Trajectory

TASK, _ = validate_data({"task_id": "bench", "prompt": "x", "task_files": {"a.txt": "hello\n"}, "max_turns": 100000})


async def one(kind: str, turns: int) -> tuple[float, float, float]:
    if kind == "text only":
        script = [turn("thinking")] * (turns - 1)
    else:
        script = [turn(None, ("read_file", {"path": "a.txt"}))] * (turns - 1)
    script.append(turn("FINAL ANSWER: done"))
    async with open_sandbox(make_config("bwrap"), TASK) as sb:
        tools = Tools(sb)
        with tempfile.TemporaryDirectory() as d, Trajectory(Path(d) / "t.jsonl") as traj:
            t0 = time.perf_counter()
            res = await LLMAgent(ScriptedModel(script)).run(TASK, tools, traj)
            wall = time.perf_counter() - t0
    assert res.metadata["status"] == "completed", res.metadata
    model = sum(e["seconds"] for e in res.trace if e["event"] == "model_response")
    tool = sum(e["seconds"] for e in res.trace if e["event"] == "tool_call")
    return wall, model, tool


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--turns", type=int, default=2000)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, python {platform.python_version()}; {args.turns} turns × {args.repeats} runs")
    print()
    print("| turns of | wall ms/turn | in model ms/turn | in tools ms/turn | harness overhead ms/turn (median of runs) |")
    print("|---|---:|---:|---:|---:|")
    for kind in ("text only", "one read_file call"):
        runs = [asyncio.run(one(kind, args.turns)) for _ in range(args.repeats)]
        per = lambda i: statistics.median(r[i] for r in runs) / args.turns * 1000  # noqa: E731
        overhead = statistics.median((w - m - t) for w, m, t in runs) / args.turns * 1000
        print(f"| {kind} | {per(0):.3f} | {per(1):.3f} | {per(2):.3f} | {overhead:.3f} |")


if __name__ == "__main__":
    main()
