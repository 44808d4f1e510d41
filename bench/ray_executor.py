"""The Ray executor against the local one, on one machine (issue 14).

    .venv/bin/python bench/ray_executor.py [--samples 8] [--work 2.0]

Two measurements, in one run, each on a real Ray cluster started here
(``ray.cluster_utils.Cluster``, nodes on 127.0.0.1, no dashboard, no usage statistics):

* **overhead** — a batch of trivial samples (the ``none`` agent: an empty sandbox session,
  no grading) through ``run_batch`` with the local executor and with Ray (one node of 2 CPUs),
  concurrency 1: the extra wall time per sample the Ray executor adds (object store, task
  dispatch, shipping files back) beyond the sandbox both pay;
* **scaling** — CPU-bound samples (a scripted agent whose one tool call burns ``--work`` seconds
  of pure-Python CPU in its sandbox) on 1 single-CPU node, then on 2 single-CPU nodes, both at
  concurrency 2: the speed-up of the second node.

Prints a markdown table (docs/benchmarks.md records it). Not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
LOOPBACK = {"include_dashboard": False, "node_ip_address": "127.0.0.1", "object_store_memory": 150 * 1024**2}


def _tasks(tmp: Path, n: int) -> list[Path]:
    from fakes.tasks import tiny_task

    out = []
    for i in range(n):
        p = tmp / f"tiny-{i}.json"
        p.write_text(json.dumps(tiny_task(i, "DATA_LEAKAGE")))
        out.append(p)
    return out


def _cpu_script(tmp: Path, work: float) -> Path:
    burn = f"import time; t=time.process_time()\nwhile time.process_time()-t<{work}: sum(i*i for i in range(1000))"
    script = tmp / "cpu.json"
    script.write_text(json.dumps([
        {"text": "work", "tool_calls": [{"id": "c1", "name": "bash_exec",
                                         "arguments": json.dumps({"command": f"python -c '{burn}'", "timeout": 600})}]},
        {"text": "FINAL ANSWER: NONE", "tool_calls": []},
    ]))  # fmt: skip
    return script


async def _batch(tmp: Path, name: str, tasks: list[Path], model: str, executor, concurrency: int) -> tuple[float, list]:
    from mle_env.runner.config import RunConfig
    from mle_env.runner.orchestrate import run_batch
    from mle_env.sandbox import make_config

    cfg = RunConfig(tasks=tasks, models=[model], sandbox=make_config("bwrap"), executor=executor, evaluate=False,
                    concurrency=concurrency, output_dir=tmp, run_name=name)  # fmt: skip
    t0 = time.monotonic()
    out = await run_batch(cfg)
    wall = time.monotonic() - t0
    assert all(r["status"] == "completed" for r in out.rows), out.rows
    return wall, out.rows


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--samples", type=int, default=8)
    ap.add_argument("--work", type=float, default=2.0, help="CPU seconds each scaling sample burns")
    args = ap.parse_args()
    import ray
    from ray.cluster_utils import Cluster

    from mle_env.runner.config import LocalExecutor, RayExecutor

    rows = []
    with tempfile.TemporaryDirectory(prefix="mle-env-bench-ray-") as d:
        tmp = Path(d)
        tasks = _tasks(tmp, args.samples)
        # overhead: concurrency 1, trivial samples
        await _batch(tmp, "warm", tasks[:1], "none", LocalExecutor(), 1)  # imports, first sandbox
        local, lrows = await _batch(tmp, "local", tasks, "none", LocalExecutor(), 1)
        c = Cluster(initialize_head=True, head_node_args={"num_cpus": 2, **LOOPBACK})
        ray.init(address=c.address, include_dashboard=False, logging_level="ERROR", log_to_driver=False)
        await _batch(tmp, "rwarm", tasks[:2], "none", RayExecutor(address=c.address, cpus_per_sample=1), 1)
        on_ray, rrows = await _batch(tmp, "ray", tasks, "none", RayExecutor(address=c.address, cpus_per_sample=1), 1)
        ray.shutdown()
        c.shutdown()
        per_local = statistics.fmean(r["duration"] or 0 for r in lrows)
        rows.append(("overhead", f"{args.samples} trivial samples, concurrency 1",
                     f"local {local:.2f} s ({local / args.samples * 1000:.0f} ms/sample; sample itself "
                     f"{per_local * 1000:.0f} ms)", f"ray {on_ray:.2f} s ({on_ray / args.samples * 1000:.0f} ms/sample)",
                     f"+{(on_ray - local) / args.samples * 1000:.0f} ms/sample"))  # fmt: skip
        # scaling: 1 single-CPU node vs 2, CPU-bound samples, concurrency 2
        script = _cpu_script(tmp, args.work)
        walls = {}
        for nodes in (1, 2):
            c = Cluster(initialize_head=True, head_node_args={"num_cpus": 1, **LOOPBACK})
            for _ in range(nodes - 1):
                c.add_node(num_cpus=1, **LOOPBACK)
            ray.init(address=c.address, include_dashboard=False, logging_level="ERROR", log_to_driver=False)
            walls[nodes], srows = await _batch(tmp, f"scale{nodes}", tasks, f"scripted:{script}",
                                               RayExecutor(address=c.address), 2)  # fmt: skip
            used = len({r["node"] for r in srows})
            ray.shutdown()
            c.shutdown()
            rows.append(("scaling", f"{args.samples} samples × {args.work:g} CPU-s, concurrency 2",
                         f"{nodes} node(s) of 1 CPU", f"{walls[nodes]:.1f} s", f"{used} node(s) used"))  # fmt: skip
        rows.append(("scaling", "speed-up of the second node", "", f"{walls[1] / walls[2]:.2f}×", ""))
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, Ray {ray.__version__}\n")
    print("| what | workload | a | b | result |")
    print("|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    asyncio.run(main())
