"""Running a batch's samples on a Ray cluster (``mle-env run --executor ray``).

Each sample is one Ray task that opens its sandbox on the worker node it lands on, runs the
agent and the grading there, and returns the result record with its trajectory and response
files. The driver alone writes the run directory and ``index.sqlite`` (``batch.execute`` with
a ``run_one`` that calls the cluster), so resume, summary and leaderboard work unchanged.

* **Data.** The task (hidden data included) goes to the workers through Ray's object store,
  once per task file; on the worker it reaches the grader, never the agent's sandbox.
* **Provider keys.** The driver's provider credentials (``*_API_KEY`` and the like) are passed
  as an argument of each Ray task — held in the object store, not in a ``runtime_env`` (which
  Ray's dashboard and job metadata show) and never logged — and set in the worker process's
  environment for the sample.
* **Faults.** A worker process or node dying mid-sample: Ray runs the task again on another
  worker (``max_retries``, system failures only; the agent's own errors are results, not
  retried). Retries exhausted: the sample is an infra error, rerun by ``--resume``. A sample is
  written by the driver once, when its one successful attempt returns: never twice.
* **Placement.** ``num_cpus`` and ``memory`` are requested per sample; ``--concurrency`` still
  bounds samples in flight.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import socket
import tempfile
from pathlib import Path
from typing import Any

from mle_env.errors import ConfigError
from mle_env.runner.config import JudgeSettings, RayExecutor

MAX_RETRIES = 2
"""Times a sample is run again after its worker or node died (system failures only)."""
_SECRET = re.compile(r"_(API_KEY|API_BASE|BASE_URL|API_VERSION|TOKEN|SECRET_ACCESS_KEY|ACCESS_KEY_ID)$"
                     r"|^(AZURE|AWS|VERTEX)_")


def _quiet_ray(local: bool) -> None:
    """Nothing leaves the machine: no usage statistics; a Ray started here stays on loopback
    (without it Ray binds the address it would reach the internet from)."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    if local:
        os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")


def _reachable(address: str, timeout: float = 5.0) -> str | None:
    """Why ``host:port`` does not answer a TCP connection, or None (``ray.init`` would wait minutes)."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        return "not a host:port address"
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout):
            return None
    except OSError as e:
        return f"{type(e).__name__}: {e}"


def check_ray(executor: RayExecutor) -> None:
    """Ray is installed and its cluster answers (joined or started here); else one clear error."""
    _quiet_ray(local=executor.address is None)
    try:
        import ray
    except ImportError:
        raise ConfigError("--executor ray needs Ray: pip install 'mle-env[ray]'") from None
    if executor.address and executor.address != "auto":
        why = _reachable(executor.address.removeprefix("ray://"))
        if why:
            raise ConfigError(f"--executor ray: cannot reach the Ray cluster at {executor.address}: {why}")
    if ray.is_initialized():  # this process joined a cluster already (the server, tests): the same one?
        if executor.address in (None, "auto", ray.get_runtime_context().gcs_address):
            return
        ray.shutdown()
    try:
        if executor.address:
            ray.init(address=executor.address, include_dashboard=False, logging_level=logging.WARNING,
                     log_to_driver=False, configure_logging=False)  # fmt: skip
        else:
            ray.init(include_dashboard=False, logging_level=logging.WARNING, log_to_driver=False,
                     configure_logging=False, _node_ip_address="127.0.0.1")  # fmt: skip
    except Exception as e:  # ConnectionError, TimeoutError, RuntimeError: Ray's errors vary by version
        where = executor.address or "a local Ray"
        first = str(e).splitlines()[0][:300] if str(e) else ""
        raise ConfigError(f"--executor ray: cannot reach the Ray cluster at {where}: "
                          f"{type(e).__name__}: {first}") from None


def provider_secrets() -> dict[str, str]:
    """The driver's provider credentials and endpoints, for the workers' environment."""
    return {k: v for k, v in os.environ.items() if _SECRET.search(k) or k.startswith("MLE_ENV_")}


def _on_worker(task: Any, task_file: str, model: str, epoch: int, budget_left: float | None, cfg: dict[str, Any],
               sandbox: Any, judge: JudgeSettings, secrets: dict[str, str]) -> dict[str, Any]:  # fmt: skip
    """One sample on a worker node: agent, sandbox and grading here; the record and files returned."""
    import ray

    from mle_env.runner.factory import agent_factory, make_judge
    from mle_env.runner.sample import run_sample

    os.environ.update(secrets)
    agent = agent_factory(cfg)(model, epoch, budget_left)
    grader = make_judge(judge.model, samples=judge.samples, api_base=judge.api_base) if cfg["evaluate"] else None
    with tempfile.TemporaryDirectory(prefix="mle-env-ray-") as tmp:
        work = run_sample(task, task_file, agent, sandbox=sandbox, out_dir=Path(tmp),
                          temperature=cfg.get("temperature"), evaluate=cfg["evaluate"], judge=grader)
        result = asyncio.run(work)
        files = {str(p.relative_to(tmp)): p.read_bytes() for p in sorted(Path(tmp).rglob("*")) if p.is_file()}
    node = {"node_id": ray.get_runtime_context().get_node_id(), "host": socket.gethostname(), "pid": os.getpid()}
    return {"result": result, "files": files, "node": node}


_REMOTE: dict[tuple, Any] = {}


def _remote(executor: RayExecutor) -> Any:
    import ray

    key = (executor.cpus_per_sample, executor.memory_per_sample)
    if key not in _REMOTE:
        _REMOTE[key] = ray.remote(_on_worker).options(num_cpus=executor.cpus_per_sample,
                                                      memory=executor.memory_per_sample,
                                                      max_retries=MAX_RETRIES, retry_exceptions=False)  # fmt: skip
    return _REMOTE[key]


async def run_on_cluster(task: Any, task_file: str, model: str, epoch: int, budget_left: float | None,
                         cfg: dict[str, Any], sandbox: Any, judge: JudgeSettings, out_dir: Path, *,
                         executor: RayExecutor, secrets: Any = None) -> dict[str, Any]:  # fmt: skip
    """One sample as a Ray task; its trajectory, response files and result record written under
    ``out_dir`` here, as ``run_sample`` would have (the record last, atomically). ``task`` may be
    an object reference (a batch puts each task in the object store once)."""
    import ray

    from mle_env.store import write_json

    ref = _remote(executor).remote(task, task_file, model, epoch, budget_left, cfg, sandbox, judge,
                                   secrets if secrets is not None else provider_secrets())  # fmt: skip
    try:
        got = await ref
    except asyncio.CancelledError:
        ray.cancel(ref, force=True)
        raise
    result = got["result"]
    result.setdefault("metadata", {})["node"] = got["node"]
    name = f"result_{Path(task_file).name}"
    for rel, data in got["files"].items():  # trajectory and response files first, the record last
        if rel == name:
            continue
        dest = out_dir / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
    write_json(out_dir / name, result)
    return result


async def execute_on_ray(root: Path, run: dict[str, Any], samples: list[dict[str, Any]], *, executor: RayExecutor,
                         judge_settings: JudgeSettings, **options: Any) -> None:  # fmt: skip
    """``batch.execute`` with each sample run as a Ray task (see the module's docstring)."""
    import ray

    from mle_env.runner.batch import execute, load_tasks

    check_ray(executor)
    tasks = load_tasks(run)
    refs = {f: ray.put(t) for f, t in tasks.items()}
    cfg, sandbox, secrets = run["config"], options["sandbox"], ray.put(provider_secrets())

    async def on_cluster(s: dict[str, Any], out_dir: Path, budget_left: float | None) -> dict[str, Any]:
        return await run_on_cluster(refs[s["task_file"]], s["task_file"], s["model"], s["epoch"], budget_left, cfg,
                                    sandbox, judge_settings, out_dir, executor=executor, secrets=secrets)  # fmt: skip

    await execute(root, run, samples, run_one=on_cluster, **options)


__all__ = ["MAX_RETRIES", "check_ray", "execute_on_ray", "provider_secrets", "run_on_cluster"]
