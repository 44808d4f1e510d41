"""Schemathesis against the API's own OpenAPI spec, over a real server: no request it can make yields a 5xx."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from fakes.server import Server
from fakes.tasks import tiny_task


@pytest.mark.timeout(900)
def test_no_generated_request_gets_a_server_error(tmp_path: Path):
    tasks = tmp_path / "tasks"
    tasks.mkdir()
    (tasks / "tiny-0.json").write_text(json.dumps(tiny_task(0, "NONE")))
    token = "schema-token"
    s = Server(tmp_path / "data", tasks, "--workers", "2", "--token", token, "--max-turns-cap", "5").start()
    try:
        spec = httpx.get(f"{s.url}/openapi.json").json()
        assert {"/run", "/run-sync", "/run-async", "/jobs/{job_id}", "/jobs", "/tasks", "/health"} <= set(spec["paths"])
        st = shutil.which("st", path=str(Path(sys.executable).parent)) or "st"
        r = subprocess.run(
            [st, "run", f"{s.url}/openapi.json", "--checks", "not_a_server_error", "--max-examples", "25",
             "--phases", "examples,fuzzing", "--seed", "7", "--workers", "2", "--request-timeout", "120",
             "-H", f"Authorization: Bearer {token}", "--no-color"],  # fmt: skip
            capture_output=True, text=True, timeout=840, cwd=tmp_path,
        )
        assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-2000:]
        # it did exercise the API: jobs were run and recorded
        assert httpx.get(f"{s.url}/health").json()["status"] == "ok"
    finally:
        if s.proc and s.proc.poll() is None:
            s.proc.kill()
            s.proc.wait(10)
