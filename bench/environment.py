"""Environment API throughput: a scripted policy playing episodes over the bundled suite.

    .venv/bin/python bench/environment.py [--episodes 32] [--concurrency 1,4,16] [--policy explore]
    .venv/bin/python bench/environment.py --executor ray [--nodes 2] [--episodes 32] [--concurrency 4]

For each concurrency level, ``--episodes`` episodes (tasks drawn with seeds 0..N-1 over tasks/)
run with at most that many open at once. The ``explore`` policy looks around and delivers a
report without a fix (list_files ., list_files src, read_file of the first script, bash_exec
``ls -la data``, write_file response/report.json, then the final answer), so grading is the
benchmark's grader on a fix-less response (about 0.4 s); ``oracle`` writes the task's reference
solution, so grading re-runs training on perturbed data (14–80 s per task) and episodes/hour
is the grader's throughput. Prints a markdown table: episodes/hour, reset (until the sandbox
answers, task files written), per-step overhead (time inside ``step`` minus the tools' own
time, non-final steps), and grading time (docs/benchmarks.md, "Environment API").
With ``--executor ray`` the episodes are spread over a Ray cluster started here
(``ray.cluster_utils.Cluster``, ``--nodes`` nodes of 1 CPU on 127.0.0.1, no dashboard, no usage
statistics): one Ray task per node plays its share of the episodes through its own
``Environment`` at that concurrency — the way a trainer runs rollout workers — and the table
adds a row per level for the cluster as a whole.
Not a test: numbers vary by machine and load.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import time
from pathlib import Path

from mle_env.environment import Action, EnvConfig, Environment, Episode, StepResult
from mle_env.sandbox import make_config, open_sandbox
from mle_env.task import find_tasks, load_task

TASKS = Path(__file__).parents[1] / "tasks"
REPORT = '{"error_type": "NONE", "locations": [], "explanation": "no bug found", "proposed_fix": "none"}'


def stats(xs: list[float]) -> tuple[float, float]:
    s = sorted(xs)
    return statistics.median(s), s[min(len(s) - 1, int(len(s) * 0.95))]


async def explore(ep: Episode) -> list[StepResult]:
    out = [await ep.step(Action.call("list_files", path=".")), await ep.step(Action.call("list_files", path="src"))]
    script = next((line for line in out[-1].observations[0].result.splitlines() if line.endswith(".py")), None)
    if script:
        out.append(await ep.step(Action.call("read_file", path=f"src/{script}")))
    out.append(await ep.step(Action.call("bash_exec", command="ls -la data")))
    out.append(await ep.step(Action.call("write_file", path="response/report.json", content=REPORT)))
    out.append(await ep.step(Action.final("NONE")))
    return out


async def oracle(ep: Episode) -> list[StepResult]:
    assert ep.task is not None
    calls = [("write_file", {"path": p, "content": c}) for p, c in sorted(ep.task.ext.solution.items())]
    return [await ep.step(Action.calls(*calls)), await ep.step(Action.final("the reference solution"))]


POLICIES = {"explore": explore, "oracle": oracle}


async def play(seeds: list[int], concurrency: int, policy: str, kind: str) -> dict[str, list[float]]:
    """Play one episode per seed, at most ``concurrency`` at once; the raw timings."""
    env = Environment(TASKS, EnvConfig(sandbox=make_config(kind)))
    gate = asyncio.Semaphore(concurrency)
    resets: list[float] = []
    overheads: list[float] = []
    grades: list[float] = []
    rewards: list[float] = []

    async def one(i: int) -> None:
        async with gate:
            ep = env.episode()
            t = time.perf_counter()
            await ep.reset(seed=i)
            resets.append(time.perf_counter() - t)
            results = await POLICIES[policy](ep)
            for r in results[:-1]:
                overheads.append(r.seconds - sum(o.seconds for o in r.observations))
            last = results[-1]
            assert last.outcome is not None, "the policy's last step must end the episode"
            grades.append(last.outcome.cost.grade_seconds)
            if last.reward is not None:
                rewards.append(last.reward)

    async with env:
        await asyncio.gather(*(one(i) for i in seeds))
    return {"resets": resets, "overheads": overheads, "grades": grades, "rewards": rewards}


def row(concurrency: int, episodes: int, elapsed: float, got: dict[str, list[float]]) -> dict[str, float]:
    resets, overheads, grades, rewards = got["resets"], got["overheads"], got["grades"], got["rewards"]
    r50, r95 = stats(resets)
    o50, o95 = stats(overheads)
    g50, _ = stats(grades)
    return {"concurrency": concurrency, "episodes": episodes, "per_hour": episodes / elapsed * 3600,
            "reset_p50": r50 * 1000, "reset_p95": r95 * 1000, "over_p50": o50 * 1000, "over_p95": o95 * 1000,
            "grade_p50": g50, "steps": len(overheads),
            "reward": statistics.mean(rewards) if rewards else float("nan")}  # fmt: skip


async def level(concurrency: int, episodes: int, policy: str, kind: str) -> dict[str, float]:
    t0 = time.perf_counter()
    got = await play(list(range(episodes)), concurrency, policy, kind)
    return row(concurrency, episodes, time.perf_counter() - t0, got)


def ray_levels(args: argparse.Namespace, levels: list[int]) -> list[dict[str, float]]:
    """Each level on a fresh-enough cluster: one Ray task per node plays seeds i, i+nodes, …"""
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"  # before Ray is imported: nothing reported home
    os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"  # every node on loopback, not the host's address
    import ray
    from ray.cluster_utils import Cluster

    loopback = {"include_dashboard": False, "node_ip_address": "127.0.0.1", "object_store_memory": 150 * 1024**2}
    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1, **loopback})
    for _ in range(args.nodes - 1):
        cluster.add_node(num_cpus=1, **loopback)
    ray.init(address=cluster.address, include_dashboard=False, logging_level="ERROR", log_to_driver=False)
    try:

        @ray.remote(num_cpus=1)
        def worker(seeds: list[int], concurrency: int, policy: str, kind: str) -> dict:
            got = asyncio.run(play(seeds, concurrency, policy, kind))
            return {**got, "node": ray.get_runtime_context().get_node_id()}

        ray.get([worker.remote([0], 1, args.policy, args.sandbox) for _ in range(args.nodes)])  # warm
        rows = []
        for c in levels:
            t0 = time.perf_counter()
            parts = ray.get([worker.remote(list(range(n, args.episodes, args.nodes)), c, args.policy, args.sandbox)
                             for n in range(args.nodes)])  # fmt: skip
            elapsed = time.perf_counter() - t0
            merged = {k: [x for p in parts for x in p[k]] for k in ("resets", "overheads", "grades", "rewards")}
            r = row(c, args.episodes, elapsed, merged)
            r["label"] = f"ray {args.nodes}×1 CPU, {c}/node ({len({p['node'] for p in parts})} nodes used)"
            rows.append(r)
        return rows
    finally:
        ray.shutdown()
        cluster.shutdown()


async def bare_starts(kind: str, n: int) -> tuple[float, float]:
    """``open_sandbox`` alone on the same tasks, one at a time: what a reset cannot go below."""
    tasks = [load_task(p) for p in find_tasks(TASKS)]
    took = []
    for i in range(n):
        t = time.perf_counter()
        async with open_sandbox(make_config(kind), tasks[i % len(tasks)]):
            took.append(time.perf_counter() - t)
    return stats(took)


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--episodes", type=int, default=32, help="episodes per concurrency level")
    ap.add_argument("--concurrency", default="1,4,16")
    ap.add_argument("--policy", choices=sorted(POLICIES), default="explore")
    ap.add_argument("--sandbox", default="bwrap")
    ap.add_argument("--executor", choices=("local", "ray"), default="local")
    ap.add_argument("--nodes", type=int, default=2, help="Ray nodes of 1 CPU each (--executor ray)")
    args = ap.parse_args()
    levels = [int(c) for c in args.concurrency.split(",")]
    if args.executor == "ray":
        rows = ray_levels(args, levels)
    else:
        await level(1, 2, args.policy, args.sandbox)  # warm: imports, page cache
        rows = [await level(c, args.episodes, args.policy, args.sandbox) for c in levels]
    b50, b95 = await bare_starts(args.sandbox, args.episodes)
    load = os.getloadavg()[0]
    print(f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"sandbox {args.sandbox}, policy {args.policy}, load average {load:.1f}\n")  # fmt: skip
    print("| concurrency | episodes | episodes/hour | reset p50 / p95 (ms) | step overhead p50 / p95 (ms) "
          "| grading p50 (s) | mean reward |")  # fmt: skip
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r.get('label', r['concurrency'])} | {r['episodes']} | {r['per_hour']:,.0f} "
              f"| {r['reset_p50']:.0f} / {r['reset_p95']:.0f} | {r['over_p50']:.3f} / {r['over_p95']:.3f} "
              f"| {r['grade_p50']:.2f} | {r['reward']:.3f} |")  # fmt: skip
    print(f"\nopen_sandbox alone on the same tasks, one at a time: p50 {b50 * 1000:.0f} ms, p95 {b95 * 1000:.0f} ms")


if __name__ == "__main__":
    asyncio.run(main())
