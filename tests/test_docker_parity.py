"""The docker backend grades like bwrap (issue 15): a batch of bundled tasks with ``oracle`` and
``baseline`` gives the same scores on both, and on docker the grader's own runs (the fix, the
hidden verification) are containers too, not bwrap sandboxes.

Needs a Docker engine and ``mle-env-sandbox:latest`` (``./dev test`` makes both where it can).
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from mle_env.runner.config import LocalExecutor, RunConfig
from mle_env.runner.orchestrate import run_batch
from mle_env.sandbox import make_config
from mle_env.sandbox.docker import engine_available

ROOT = Path(__file__).parents[1]
TASKS = [ROOT / "tasks" / f"{t}.json" for t in ("wine-lot-authentication", "bakery-demand-planner")]
IMAGE = make_config("docker").image


def _unusable() -> str | None:
    why = engine_available()
    if why:
        return why
    res = subprocess.run(["docker", "image", "inspect", IMAGE], capture_output=True, timeout=30)
    return None if res.returncode == 0 else f"no image {IMAGE} (docker/build-images.sh builds it)"


WHY = _unusable()
pytestmark = [pytest.mark.docker, pytest.mark.skipif(WHY is not None, reason=f"docker: {WHY}")]


def _scores(rows: list[dict]) -> dict[tuple, tuple]:
    return {(r["model"], r["task_id"]): (r["status"], r["score"], r["benchmark"], r["percentage"]) for r in rows}


def _containers_started(since: float, until: float) -> int:
    res = subprocess.run(["docker", "events", "--since", f"{since:.3f}", "--until", f"{until:.3f}", "--filter",
                          "type=container", "--filter", "event=start", "--filter", f"image={IMAGE}",
                          "--format", "{{.ID}}"], capture_output=True, text=True, timeout=60)  # fmt: skip
    assert res.returncode == 0, res.stderr
    return len(res.stdout.split())


async def test_oracle_and_baseline_score_the_same_on_docker_as_on_bwrap(tmp_path):
    def config(kind: str) -> RunConfig:
        return RunConfig(tasks=TASKS, models=["oracle", "baseline"], sandbox=make_config(kind),
                         executor=LocalExecutor(), concurrency=2, output_dir=tmp_path, run_name=kind)  # fmt: skip

    on_bwrap = await run_batch(config("bwrap"))
    t0 = time.time()
    on_docker = await run_batch(config("docker"))
    started = _containers_started(t0 - 1, time.time() + 1)
    assert all(r["status"] == "completed" for r in on_docker.rows), on_docker.rows
    assert len(on_docker.rows) == 4
    assert _scores(on_docker.rows) == _scores(on_bwrap.rows)
    assert all(r["benchmark"] == 100.0 for r in on_docker.rows if r["model"] == "oracle")
    # each sample: its own container, then the grader's fix run and hidden verification, each in
    # a fresh container of its own on the same backend
    assert started >= 3 * len(on_docker.rows), started
