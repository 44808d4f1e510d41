"""The Ray executor on a real two-node Ray cluster on this machine (issue 14).

Nodes are bound to 127.0.0.1, usage statistics are off and no dashboard runs: nothing leaves
loopback. Skipped with a reason where Ray is not installed (``pip install 'mle-env[ray]'``).
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
from pathlib import Path

import pytest

os.environ["RAY_USAGE_STATS_ENABLED"] = "0"  # before Ray is imported: nothing reported home
os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"  # every node on loopback, not the host's public address
ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'mle-env[ray]')")

from mle_env.errors import ConfigError  # noqa: E402
from mle_env.runner.config import LocalExecutor, RayExecutor, RunConfig  # noqa: E402
from mle_env.runner.orchestrate import run_batch  # noqa: E402
from mle_env.sandbox import make_config  # noqa: E402
from mle_env.store.index import Index  # noqa: E402

ROOT = Path(__file__).parents[1]
TASKS = [ROOT / "tasks" / f"{t}.json" for t in ("wine-lot-authentication", "fna-cytology-triage")]
LOOPBACK = {"include_dashboard": False, "node_ip_address": "127.0.0.1", "object_store_memory": 150 * 1024**2}


@pytest.fixture(scope="module")
def cluster():
    from ray.cluster_utils import Cluster

    c = Cluster(initialize_head=True, head_node_args={"num_cpus": 1, **LOOPBACK})
    c.add_node(num_cpus=1, **LOOPBACK)
    ray.init(address=c.address, include_dashboard=False, logging_level="WARNING", log_to_driver=False)
    yield c
    ray.shutdown()
    c.shutdown()


def _config(tmp_path: Path, name: str, executor, **kw) -> RunConfig:
    return RunConfig(tasks=kw.pop("tasks", TASKS), models=kw.pop("models", ["oracle", "baseline"]),
                     sandbox=make_config("bwrap"), executor=executor, concurrency=kw.pop("concurrency", 2),
                     output_dir=tmp_path, run_name=name, **kw)  # fmt: skip


def _scores(rows: list[dict]) -> dict[tuple, tuple]:
    return {(r["model"], r["task_id"]): (r["status"], r["score"], r["benchmark"], r["percentage"]) for r in rows}


async def test_a_batch_on_two_nodes_matches_the_local_executor(cluster, tmp_path):
    local = await run_batch(_config(tmp_path, "local", LocalExecutor()))
    on_ray = await run_batch(_config(tmp_path, "ray", RayExecutor(address=cluster.address)))
    assert _scores(on_ray.rows) == _scores(local.rows)
    assert all(r["status"] == "completed" for r in on_ray.rows) and len(on_ray.rows) == 4
    # samples ran on both nodes, and each says where: the index and the result file
    nodes = {r["node"] for r in on_ray.rows}
    assert len(nodes) == 2 and None not in nodes, nodes
    assert {r["node"] for r in local.rows} == {None}
    for r in on_ray.rows:
        result = json.loads((on_ray.root / r["result_path"]).read_text())
        assert result["metadata"]["node"]["node_id"].startswith(r["node"].split("/")[1])
        traj = on_ray.root / Path(r["result_path"]).parent / result["trajectory"]
        assert traj.is_file() and traj.stat().st_size > 0  # the files came back to the driver
    # the oracle's hidden data reached the grader, not the agent's view: same as local
    oracle = [r for r in on_ray.rows if r["model"] == "oracle"]
    assert all(r["benchmark"] == 100.0 for r in oracle)


async def test_killing_a_node_mid_batch_loses_no_sample_and_runs_none_twice(cluster, tmp_path):
    """A third node takes samples; it is killed while they run. Ray runs them again elsewhere;
    the driver writes each sample once."""
    script = tmp_path / "slow.json"
    script.write_text(json.dumps([
        {"text": "working", "tool_calls": [{"id": "c1", "name": "bash_exec",
                                            "arguments": json.dumps({"command": "sleep 6; echo done", "timeout": 60})}]},
        {"text": "FINAL ANSWER: NONE", "tool_calls": []},
    ]))  # fmt: skip
    victim = cluster.add_node(num_cpus=1, **LOOPBACK)
    cluster.wait_for_nodes()
    cfg = _config(tmp_path, "kill", RayExecutor(address=cluster.address), models=[f"scripted:{script}"],
                  tasks=TASKS + [ROOT / "tasks" / "bakery-demand-planner.json"], concurrency=3, evaluate=False)

    def kill_soon() -> None:
        time.sleep(4)  # all three samples are running, one on each node
        cluster.remove_node(victim, allow_graceful=False)

    killer = threading.Thread(target=kill_soon)
    killer.start()
    out = await run_batch(cfg)
    killer.join()
    assert len(out.rows) == 3 and all(r["status"] == "completed" for r in out.rows), out.rows
    results = sorted(p.name for p in out.root.rglob("result_*.json"))
    assert len(results) == 3 == len(set(results))
    with Index(out.root / "index.sqlite") as index:
        assert len(index.rows()) == 3
    victim_id = victim.node_id[:12]
    assert all(not (r["node"] or "").endswith(victim_id) for r in out.rows), "a sample recorded on the dead node"


async def test_an_unreachable_cluster_is_one_clear_error_and_no_run(tmp_path):
    cfg = _config(tmp_path, "nowhere", RayExecutor(address="127.0.0.1:9"))
    with pytest.raises(ConfigError, match=r"cannot reach the Ray cluster at 127\.0\.0\.1:9"):
        await asyncio.wait_for(run_batch(cfg), 30)
    assert not (tmp_path / "nowhere").exists()


def test_the_http_server_runs_its_jobs_on_the_cluster(cluster, tmp_path):
    """`mle-env serve --executor ray --ray-address ADDR`: a job's sample runs on a worker node and
    its result (graded there) comes back through the API, with the node it ran on."""
    import sys

    import httpx

    sys.path.insert(0, str(Path(__file__).parent))
    from fakes.server import Server
    from fakes.tasks import tiny_task

    tasks = tmp_path / "tasks"
    tasks.mkdir()
    (tasks / "tiny-0.json").write_text(json.dumps(tiny_task(0, "DATA_LEAKAGE")))
    s = Server(tmp_path / "data", tasks, "--executor", "ray", "--ray-address", cluster.address,
               env={"RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0"}).start(timeout=120)  # fmt: skip
    try:
        got = httpx.post(f"{s.url}/run-sync", json={"task_ref": "tiny-0", "model": "oracle"}, timeout=300).json()
        assert got["status"] == "completed", got
        ev = got["evaluation"]
        assert ev["score"] == ev["graded_possible"] > 0
        node = got["metadata"]["node"]
        alive = {n["NodeID"] for n in ray.nodes() if n["Alive"]}
        assert node["node_id"] in alive and node["host"]
    finally:
        s.stop()


def test_ray_refused_by_the_server_when_the_cluster_is_unreachable(tmp_path):
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-m", "mle_env.cli", "serve", "--executor", "ray", "--ray-address",
                          "127.0.0.1:9", "--port", "0", "--data-dir", str(tmp_path / "d")],
                         capture_output=True, text=True, timeout=60, cwd=ROOT)  # fmt: skip
    assert res.returncode == 2 and "cannot reach the Ray cluster at 127.0.0.1:9" in res.stderr, res.stderr
