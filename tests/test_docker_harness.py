"""The harness as an image (issue 15): ``mle-env-harness:latest`` serves a job end to end over
its HTTP API, in each supported mode, bound to 127.0.0.1 only (host networking: the engine
these tests start has no bridge).

* (a) sibling containers: the host's Docker socket mounted in, ``--sandbox docker``, the
  sandboxes' directory shared at the same path (``MLE_ENV_WORKSPACE_ROOT``);
* (b) bwrap inside the container: ``--security-opt seccomp=unconfined
  --security-opt systempaths=unconfined`` (user namespaces and a fresh /proc);
* (c) one episode per container: ``mle-env agent`` as the command, no server.

Needs a Docker engine and the images (``./dev test`` makes both where it can:
docker/engine.sh, docker/build-images.sh); skipped with the reason where they are missing.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import pytest
from fakes.providers import Call, FakeOpenAI, Reply

from mle_env.sandbox.docker import engine_available

HARNESS = "mle-env-harness:latest"
SANDBOX = "mle-env-sandbox:latest"
TASK = "bakery-demand-planner"


def _unusable() -> str | None:
    why = engine_available()
    if why:
        return why
    for image in (HARNESS, SANDBOX):
        res = subprocess.run(["docker", "image", "inspect", image], capture_output=True, text=True, timeout=30)
        if res.returncode != 0:
            return f"the Docker engine has no image {image} (docker/build-images.sh builds it)"
    return None


WHY = _unusable()
pytestmark = [pytest.mark.docker, pytest.mark.skipif(WHY is not None, reason=f"docker harness: {WHY}")]

BWRAP_IN_DOCKER = ["--security-opt", "seccomp=unconfined", "--security-opt", "systempaths=unconfined"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _socket_path() -> str:
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    assert host.startswith("unix://"), f"these tests mount the engine's unix socket, not {host}"
    return host.removeprefix("unix://")


class Harness:
    """One harness container serving on 127.0.0.1:PORT; removed afterwards."""

    def __init__(self, docker_args: list[str], serve_args: list[str] = ()) -> None:
        self.name = f"mle-env-harness-test-{uuid.uuid4().hex[:8]}"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        argv = ["docker", "run", "-d", "--rm", "--name", self.name, "--network", "host", *docker_args, HARNESS,
                "serve", "--host", "127.0.0.1", "--port", str(self.port), "--tasks-dir", "/opt/mle-env/tasks",
                *serve_args]  # fmt: skip
        subprocess.run(argv, check=True, capture_output=True, text=True, timeout=60)
        end = time.monotonic() + 90
        while True:
            try:
                if httpx.get(self.url + "/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > end:
                raise AssertionError(f"the harness did not answer /health within 90 s:\n{self.logs()}")
            time.sleep(0.5)

    def logs(self) -> str:
        res = subprocess.run(["docker", "logs", self.name], capture_output=True, text=True, timeout=30)
        return (res.stdout + res.stderr)[-4000:]

    def job(self, body: dict, within: float = 300) -> dict:
        r = httpx.post(self.url + "/run-async", json=body, timeout=30)
        assert r.status_code == 202, r.text
        job_id = r.json()["job_id"]
        end = time.monotonic() + within
        while True:
            doc = httpx.get(f"{self.url}/jobs/{job_id}", timeout=30).json()
            if doc["status"] in ("completed", "failed", "cancelled"):
                return doc
            assert time.monotonic() < end, f"job {job_id} still {doc['status']} after {within} s\n{self.logs()}"
            time.sleep(1)

    def close(self) -> None:
        subprocess.run(["docker", "rm", "-f", self.name], capture_output=True, timeout=60)


def _assert_graded_oracle(doc: dict, harness: Harness) -> None:
    assert doc["status"] == "completed", (doc.get("error"), harness.logs())
    result = doc["result"]
    assert result["task_id"] == TASK and result["model"] == "oracle"
    ev = result["evaluation"]
    assert "error" not in ev, ev
    # the oracle's fix runs and passes the hidden verification on this backend
    ran = [r for r in ev["results"] if r.get("method") == "verify"]
    assert ran and all(r["passed"] for r in ran), ran
    assert ev["benchmark"]["percentage"] == 100.0, ev["benchmark"]


@pytest.fixture
def shared_dir():
    """A host directory mounted into the harness at the same path: the sandboxes' base
    directories live here, so the host's engine can mount what the harness prepared."""
    d = Path(tempfile.mkdtemp(prefix="mle-env-shared-"))
    d.chmod(0o777)  # the harness runs as uid 1000
    try:
        yield d
    finally:
        shutil.rmtree(d, ignore_errors=True)


def test_mode_a_sibling_containers_through_the_socket(shared_dir):
    sock = _socket_path()
    h = Harness(["-v", f"{sock}:/var/run/docker.sock", "--group-add", str(os.stat(sock).st_gid),
                 "-v", f"{shared_dir}:{shared_dir}", "-e", f"MLE_ENV_WORKSPACE_ROOT={shared_dir}"],
                ["--sandbox", "docker"])  # fmt: skip
    try:
        doc = h.job({"task_ref": TASK, "model": "oracle"})
        # graded, so the agent's and the grader's sandboxes ran: as sibling containers (this harness
        # has Docker's default seccomp profile, under which bwrap cannot start at all)
        _assert_graded_oracle(doc, h)
    finally:
        h.close()
    left = subprocess.run(["docker", "ps", "-aq", "--filter", "name=^mle-env-[0-9a-f]{12}$"],
                          capture_output=True, text=True, timeout=30).stdout.split()  # fmt: skip
    assert left == [], f"sandbox containers left running: {left}"


def test_mode_b_bwrap_inside_the_container_and_the_key_stays_out_of_the_sandbox():
    secret = f"sk-test-{uuid.uuid4().hex}"
    probe = "env; cat /proc/1/environ /proc/self/environ 2>/dev/null | tr '\\0' '\\n'; ls -la /run /var/run 2>&1"
    with FakeOpenAI([
        Reply(text="probing", tool_calls=[Call("bash_exec", {"command": probe})]),
        Reply(text="FINAL ANSWER: NONE"),
    ]) as provider:  # fmt: skip
        h = Harness([*BWRAP_IN_DOCKER, "-e", f"OPENAI_API_KEY={secret}"], ["--api-base", provider.api_base])
        try:
            oracle = h.job({"task_ref": TASK, "model": "oracle"})
            _assert_graded_oracle(oracle, h)
            doc = h.job({"task_ref": TASK, "model": "openai/fake-model", "run_evaluation": False})
        finally:
            h.close()
        assert doc["status"] == "completed", (doc.get("error"), doc.get("result"))
        # the harness used the key to call the provider ...
        assert provider.requests and provider.requests[0].headers["authorization"] == f"Bearer {secret}"
        # ... and the agent's code, which printed its whole environment, never saw it
        outputs = [content for _, content in provider.tool_results(1)]
        assert outputs and "PATH=" in outputs[0], outputs
        assert secret not in json.dumps(outputs)
        assert "OPENAI_API_KEY" not in outputs[0]


def test_mode_c_one_episode_per_container(tmp_path):
    out = tmp_path / "out"
    out.mkdir(mode=0o777)
    out.chmod(0o777)
    res = subprocess.run(
        ["docker", "run", "--rm", "--network", "none", *BWRAP_IN_DOCKER, "-v", f"{out}:/out",
         HARNESS, "agent", "--task-json", f"/opt/mle-env/tasks/{TASK}.json", "--model", "oracle",
         "--workdir", "/home/mle", "--output", "/out/agent_output.json"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr[-3000:]
    doc = json.loads((out / "agent_output.json").read_text())
    assert doc["metadata"].get("status") != "error", doc["metadata"]
    assert "answer" in doc and doc["answer"]
