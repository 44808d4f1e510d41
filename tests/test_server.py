"""The HTTP API over real sockets: `mle-env serve` (uvicorn) in a subprocess, httpx as the client."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from fakes.providers import Call, Fail, FakeOpenAI, Reply
from fakes.server import Server
from fakes.tasks import tiny_task

from mle_env.server.webhooks import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify_signature
from mle_env.store.jobs import JobStore

ROOT = Path(__file__).resolve().parents[1]
TASK_FILE = ROOT / "tasks" / "biopsy-response-classifier.json"
REAL_REF = "biopsy-response-classifier"  # a real task: its grading runs the fix and the hidden verification
TASK_REF = "tiny-0"  # grades in milliseconds


@pytest.fixture
def serve(tmp_path):
    tasks = tmp_path / "tasks"
    tasks.mkdir()
    for i in range(3):
        (tasks / f"tiny-{i}.json").write_text(json.dumps(tiny_task(i, "DATA_LEAKAGE")))
    (tasks / TASK_FILE.name).write_bytes(TASK_FILE.read_bytes())
    started: list[Server] = []

    def make(*flags: str, data_dir: Path | None = None, host: str = "127.0.0.1", env: dict | None = None) -> Server:
        s = Server(data_dir or tmp_path / "data", tasks, *flags, host=host, env=env).start()
        started.append(s)
        return s

    yield make
    for s in started:
        if s.proc and s.proc.poll() is None:
            s.proc.kill()
            s.proc.wait(10)


def wait_job(url: str, job_id: str, *, until=("completed", "failed"), timeout: float = 120, headers=None) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = httpx.get(f"{url}/jobs/{job_id}", headers=headers, timeout=10).json()
        if job["status"] in until:
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} still {job['status']} after {timeout} s")


def test_sync_and_async_runs_complete_with_graded_results(serve):
    s = serve("--workers", "2")
    # /run-sync on a bundled task, /run with the task's own fields (as the reference's clients send them)
    got = httpx.post(f"{s.url}/run-sync", json={"task_ref": REAL_REF, "model": "baseline",
                                                "metadata": {"episode": 7}}, timeout=180).json()  # fmt: skip
    assert got["status"] == "completed", got
    assert got["model"] == "baseline" and got["answer"]
    ev = got["evaluation"]
    assert ev["total_possible"] > 0 and 0 < ev["score"] <= ev["graded_possible"]
    task = tiny_task(5, "OUTLIER")
    got = httpx.post(f"{s.url}/run", json={**task, "model": "oracle"}, timeout=180).json()
    assert got["status"] == "completed" and got["evaluation"]["score"] == got["evaluation"]["graded_possible"]

    r = httpx.post(f"{s.url}/run-async", json={"task_ref": TASK_REF, "model": "baseline", "metadata": {"k": "v"}})
    assert r.status_code == 202
    job_id = r.json()["job_id"]
    assert r.json()["status_url"] == f"/jobs/{job_id}"
    job = wait_job(s.url, job_id)
    assert job["status"] == "completed", job
    assert job["result"]["evaluation"]["score"] > 0 and job["metadata"] == {"k": "v"}
    assert job["score"] == job["result"]["evaluation"]["score"]
    # every run is a job, newest first, paged
    page = httpx.get(f"{s.url}/jobs", params={"limit": 2}).json()
    assert page["total"] == 3 and len(page["jobs"]) == 2 and page["jobs"][0]["job_id"] == job_id
    assert httpx.get(f"{s.url}/jobs", params={"limit": 2, "offset": 2}).json()["jobs"][0]["kind"] == "sync"
    assert httpx.get(f"{s.url}/jobs/nope").status_code == 404
    # the job's files are kept with it
    assert (s.data_dir / "jobs" / job_id / "task" / "trajectory.jsonl").is_file()
    tasks = httpx.get(f"{s.url}/tasks").json()
    assert {t["task_id"] for t in tasks} == {"tiny-0", "tiny-1", "tiny-2", REAL_REF}
    assert "expected" not in json.dumps(tasks) and "DATA_LEAKAGE" not in json.dumps(tasks)  # no answers given away
    health = httpx.get(f"{s.url}/health").json()
    assert health["status"] == "ok" and health["jobs"]["completed"] == 3
    assert s.stop() in (0, -signal.SIGTERM)  # uvicorn shuts down gracefully, then re-raises the signal


def test_bad_requests_are_422_naming_the_field(serve):
    s = serve("--max-turns-cap", "60")
    task = json.loads(TASK_FILE.read_text())

    def errors(body: dict, path: str = "/run-async") -> list[dict]:
        r = httpx.post(s.url + path, json=body, timeout=30)
        assert r.status_code == 422, r.text
        return r.json()["detail"]

    bad = {**task, "rubrics": [{**task["rubrics"][0], "weight": "heavy"}, *task["rubrics"][1:]]}
    assert ["body", "rubrics", 0, "weight"] in [e["loc"] for e in errors(bad)]
    bad = {**task, "task_files": {**task["task_files"], "../escape.py": "x"}}
    assert any(e["loc"][:2] == ["body", "task_files"] and "escape" in json.dumps(e) for e in errors(bad))
    assert ["body", "prompt"] in [e["loc"] for e in errors({"task_id": "t"})]
    assert ["body", "modle"] in [e["loc"] for e in errors({"task_ref": TASK_REF, "modle": "x"})]
    assert ["body", "task_ref"] in [e["loc"] for e in errors({"task_ref": "no-such-task"})]
    e = errors({"task_ref": TASK_REF, "model": "scripted:/etc/passwd"})
    assert e[0]["loc"] == ["body", "model"] and "--allow-model" in e[0]["msg"]
    assert ["body", "max_turns"] in [e["loc"] for e in errors({**task, "max_turns": 500})]
    # a task_dir over the sandbox's own files (the exec server's mount) would run the caller's code as root
    e = errors({"task_id": "t", "prompt": "p", "task_dir": "/run/mle-env", "task_files": {"server.py": "print(1)"}})
    assert e[0]["loc"] == ["body", "task_dir"] and "not under an allowed root" in e[0]["msg"]
    e = errors({"task_ref": TASK_REF, "callback_url": "http://169.254.169.254/latest/meta-data"})
    assert e[0]["loc"] == ["body", "callback_url"]
    e = errors({"task_ref": TASK_REF, "callback_url": "https://hooks.example.com/x"}, "/run-sync")
    assert "run-async" in e[0]["msg"]
    r = httpx.post(s.url + "/run", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert httpx.get(s.url + "/jobs", params={"status": "bogus"}).status_code == 422
    assert httpx.get(s.url + "/jobs").json()["total"] == 0  # nothing refused was recorded as a job


def test_token_auth_body_limit_and_the_open_port_warning(serve, tmp_path):
    s = serve("--max-body-mb", "0.05", "--token", "s3cret")
    assert httpx.get(f"{s.url}/jobs").status_code == 401
    assert httpx.get(f"{s.url}/jobs", headers={"Authorization": "Bearer wrong"}).status_code == 401
    ok = {"Authorization": "Bearer s3cret"}
    assert httpx.get(f"{s.url}/jobs", headers=ok).status_code == 200
    assert httpx.get(f"{s.url}/health").json()["auth"] is True  # liveness and docs stay open
    assert httpx.get(f"{s.url}/openapi.json").status_code == 200
    assert httpx.post(f"{s.url}/run-async", json={"task_ref": TASK_REF}).status_code == 401
    big = {"task_id": "t", "prompt": "x" * 100_000}
    r = httpx.post(f"{s.url}/run-async", json=big, headers=ok)
    assert r.status_code == 413 and "larger than" in r.json()["detail"]

    def chunks():  # no Content-Length: counted as it streams
        for _ in range(20):
            yield b" " * 5000

    r = httpx.post(f"{s.url}/run-async", content=chunks(), headers={**ok, "content-type": "application/json"})
    assert r.status_code == 413
    s.stop()
    exposed = serve(host="0.0.0.0", data_dir=tmp_path / "exposed")
    exposed.stop()
    assert "WARNING" in exposed.log.read_text() and "NO token" in exposed.log.read_text()


SLOW_SCRIPT = [{"text": None, "tool_calls": [{"id": "c1", "name": "bash_exec",
                                               "arguments": json.dumps({"command": "sleep 60.31", "timeout": 120})}]},
               {"text": "FINAL ANSWER: NONE", "tool_calls": []}]  # fmt: skip


def test_a_killed_server_loses_no_job(serve, tmp_path):
    script = tmp_path / "slow.json"
    script.write_text(json.dumps(SLOW_SCRIPT))
    flags = ("--workers", "1", "--allow-model", "scripted:*", "--allow-model", "none")
    s = serve(*flags)
    slow = httpx.post(f"{s.url}/run-async", json={"task_ref": TASK_REF, "model": f"scripted:{script}"}).json()["job_id"]
    quick = [httpx.post(f"{s.url}/run-async", json={"task_ref": TASK_REF, "model": "none", "run_evaluation": False})
             .json()["job_id"] for _ in range(5)]  # fmt: skip
    wait_job(s.url, slow, until=("running",), timeout=30)
    s.kill()
    again = serve(*flags, data_dir=s.data_dir)
    assert again.port != s.port
    job = wait_job(again.url, slow)
    assert job["status"] == "failed" and job["reason"] == "interrupted"
    for job_id in quick:
        assert wait_job(again.url, job_id)["status"] == "completed"
    assert httpx.get(f"{again.url}/jobs").json()["total"] == 6
    leftover = subprocess.run(["pgrep", "-f", "sleep 60.31"], capture_output=True, text=True).stdout.split()
    assert not leftover, "the killed server's sandbox processes outlived it"
    # a second server on the same jobs is refused (it would take the first one's running jobs for dead)
    second = subprocess.run([sys.executable, "-m", "mle_env.cli", "serve", "--port", "0", "--data-dir", str(s.data_dir)],
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert second.returncode == 2 and "another mle-env server" in second.stderr


def test_requeue_interrupted_runs_the_job_again(serve, tmp_path):
    script = tmp_path / "slow.json"
    script.write_text(json.dumps(SLOW_SCRIPT[:1] + [{"text": "FINAL ANSWER: NONE", "tool_calls": []}]))
    s = serve("--workers", "1", "--allow-model", "scripted:*")
    job_id = httpx.post(f"{s.url}/run-async", json={"task_ref": TASK_REF, "model": f"scripted:{script}",
                                                     "run_evaluation": False}).json()["job_id"]  # fmt: skip
    wait_job(s.url, job_id, until=("running",), timeout=30)
    s.kill()
    # the same job runs again; with a quick script this time, so the test need not sleep 60 s
    script.write_text(json.dumps([{"text": "FINAL ANSWER: NONE", "tool_calls": []}]))
    again = serve("--workers", "1", "--allow-model", "scripted:*", "--requeue-interrupted", data_dir=s.data_dir)
    job = wait_job(again.url, job_id)
    assert job["status"] == "completed" and job["result"]["answer"].endswith("NONE")


def test_200_async_submissions_are_all_accounted_for(serve):
    s = serve("--workers", "4")
    body = {"task_ref": TASK_REF, "model": "none", "run_evaluation": False}

    async def submit_all() -> list[httpx.Response]:
        limits = httpx.Limits(max_connections=200)
        async with httpx.AsyncClient(base_url=s.url, limits=limits, timeout=60) as c:
            return await asyncio.gather(*(c.post("/run-async", json=body) for _ in range(200)))

    responses = asyncio.run(submit_all())
    assert [r.status_code for r in responses] == [202] * 200
    ids = {r.json()["job_id"] for r in responses}
    assert len(ids) == 200
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        counts = httpx.get(f"{s.url}/health").json()["jobs"]
        if counts["completed"] + counts["failed"] == 200:
            break
        time.sleep(1)
    assert counts == {"queued": 0, "running": 0, "completed": 200, "failed": 0, "cancelled": 0}
    listed = httpx.get(f"{s.url}/jobs", params={"limit": 500}).json()
    assert listed["total"] == 200 and {j["job_id"] for j in listed["jobs"]} == ids


class Receiver:
    """A webhook receiver on 127.0.0.1 that records what it is sent."""

    def __init__(self, fail_first: int = 0):
        self.got: list[tuple[dict, bytes]] = []
        self.fail_first = fail_first
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.got.append(({k.lower(): v for k, v in self.headers.items()}, body))
                code = 500 if len(receiver.got) <= receiver.fail_first else 200
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *a):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/hook"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


def test_webhooks_arrive_signed_and_their_deliveries_are_recorded(serve):
    rx = Receiver(fail_first=1)
    try:
        s = serve("--webhook-secret", "hook-key", "--webhook-allow-http", "--webhook-allow-private")
        r = httpx.post(f"{s.url}/run-async", json={"task_ref": TASK_REF, "model": "baseline",
                                                    "callback_url": rx.url, "metadata": {"run": "a"}})  # fmt: skip
        job_id = r.json()["job_id"]
        wait_job(s.url, job_id)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (len(rx.got) < 2 or httpx.get(f"{s.url}/jobs/{job_id}").json()
                                               ["webhook"]["status"] != "delivered"):  # fmt: skip
            time.sleep(0.2)
        assert len(rx.got) == 2  # one 500, then delivered
        headers, body = rx.got[-1]
        assert verify_signature(body, "hook-key", headers[TIMESTAMP_HEADER.lower()], headers[SIGNATURE_HEADER.lower()])
        assert not verify_signature(body, "other-key", headers[TIMESTAMP_HEADER.lower()],
                                    headers[SIGNATURE_HEADER.lower()])  # fmt: skip
        payload = json.loads(body)
        assert payload["job_id"] == job_id and payload["status"] == "completed"
        assert payload["metadata"] == {"run": "a"} and payload["result"]["evaluation"]["score"] > 0
        job = httpx.get(f"{s.url}/jobs/{job_id}").json()
        assert job["webhook"]["status"] == "delivered"
        assert [a["status_code"] for a in job["webhook"]["attempts"]] == [500, 200]
    finally:
        rx.close()


def test_finished_jobs_expire_after_their_ttl(serve):
    s = serve("--job-ttl", "1")
    job_id = httpx.post(f"{s.url}/run-async", json={"task_ref": TASK_REF, "model": "none",
                                                     "run_evaluation": False}).json()["job_id"]  # fmt: skip
    wait_job(s.url, job_id)
    assert (s.data_dir / "jobs" / job_id).is_dir()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and httpx.get(f"{s.url}/jobs/{job_id}").status_code == 200:
        time.sleep(0.25)
    r = httpx.get(f"{s.url}/jobs/{job_id}")
    assert r.status_code == 404 and "expired" in r.json()["detail"]
    assert not (s.data_dir / "jobs" / job_id).exists()


def test_jobs_can_be_cancelled_deleted_and_their_files_fetched(serve, tmp_path):
    script = tmp_path / "slow.json"
    script.write_text(json.dumps(SLOW_SCRIPT))
    s = serve("--workers", "1", "--allow-model", "scripted:*", "--allow-model", "baseline", "--allow-model", "none")
    slow = httpx.post(f"{s.url}/run-async", json={"task_ref": TASK_REF, "model": f"scripted:{script}"}).json()["job_id"]
    queued = httpx.post(f"{s.url}/run-async", json={"task_ref": TASK_REF, "model": "none"}).json()["job_id"]
    wait_job(s.url, slow, until=("running",), timeout=30)
    got = httpx.post(f"{s.url}/jobs/{queued}/cancel").json()
    assert got["status"] == "cancelled"
    t = time.monotonic()
    got = httpx.post(f"{s.url}/jobs/{slow}/cancel", timeout=30).json()
    assert got["status"] == "cancelled" and got["reason"] == "cancelled" and time.monotonic() - t < 10
    assert not subprocess.run(["pgrep", "-f", "sleep 60.31"], capture_output=True).stdout  # its sandbox is gone
    assert httpx.post(f"{s.url}/jobs/{slow}/cancel").status_code == 409
    # the worker lives on; a finished job's files can be listed and fetched, then the job deleted
    done = httpx.post(f"{s.url}/run-async", json={"task_ref": TASK_REF, "model": "baseline"}).json()["job_id"]
    assert wait_job(s.url, done)["status"] == "completed"
    files = httpx.get(f"{s.url}/jobs/{done}/files").json()
    assert {"result_task.json", "task/trajectory.jsonl", "task/response/report.json"} <= set(files)
    report = httpx.get(f"{s.url}/jobs/{done}/files/task/response/report.json")
    assert report.status_code == 200 and json.loads(report.content)["error_type"]
    traj = httpx.get(f"{s.url}/jobs/{done}/files/task/trajectory.jsonl")
    assert traj.headers["content-type"].startswith("application/x-ndjson") and b"run_start" in traj.content
    for escape in ("..%2F..%2Fjobs.sqlite", "%2E%2E/%2E%2E/webhook-secret", "task/..%2F..%2F..%2Fserver.lock"):
        assert httpx.get(f"{s.url}/jobs/{done}/files/{escape}").status_code == 404
    assert httpx.delete(f"{s.url}/jobs/{done}").status_code == 204
    assert httpx.get(f"{s.url}/jobs/{done}").status_code == 404 and not (s.data_dir / "jobs" / done).exists()
    assert httpx.get(f"{s.url}/health").json()["jobs"]["cancelled"] == 2


def test_an_llm_through_litellm_and_a_provider_that_gives_up(serve):
    """A LiteLLM model against a local OpenAI-format server: a graded job with its tokens; a provider
    that keeps failing makes the job failed with reason infra (never a model's zero)."""

    def handle(req):
        text = json.dumps(req["messages"])
        if "Project number 1." in text:
            return Fail(503, message="overloaded")
        if not any(m["role"] == "tool" for m in req["messages"]):
            report = json.dumps({"error_type": "DATA_LEAKAGE", "locations": [], "explanation": "e", "proposed_fix": "f"})
            return Reply(tool_calls=[Call("write_file", {"path": "/app/response/report.json", "content": report})],
                         usage=(120, 30))  # fmt: skip
        return Reply(text="FINAL ANSWER: DATA_LEAKAGE", usage=(200, 10))

    with FakeOpenAI([handle] * 20) as llm:
        s = serve("--api-base", llm.api_base, "--max-retries", "1", env={"OPENAI_API_KEY": "sk-test"})
        good = httpx.post(f"{s.url}/run-sync", json={"task_ref": "tiny-0", "model": "openai/fake-model"}, timeout=120).json()
        assert good["status"] == "completed", good
        assert good["evaluation"]["score"] == good["evaluation"]["graded_possible"] == 10
        assert good["metadata"]["usage"]["total_tokens"] == 360
        assert llm.requests[0].headers["authorization"] == "Bearer sk-test"  # the server's key, not the caller's
        bad = httpx.post(f"{s.url}/run-sync", json={"task_ref": "tiny-1", "model": "openai/fake-model"}, timeout=120).json()
        assert bad["status"] == "failed" and bad["reason"] == "infra" and "evaluation" not in bad
        assert "503" in bad["error"] or "overloaded" in bad["error"]
    missing = httpx.post(f"{s.url}/run-async", json={"task_ref": "tiny-0", "model": "anthropic/claude-x"})
    assert missing.status_code == 422 and "ANTHROPIC_API_KEY" in missing.text


def test_sigterm_stops_running_jobs_and_their_sandboxes(serve, tmp_path):
    script = tmp_path / "slow.json"
    script.write_text(json.dumps(SLOW_SCRIPT))
    s = serve("--workers", "1", "--allow-model", "scripted:*")
    job_id = httpx.post(f"{s.url}/run-async", json={"task_ref": TASK_REF, "model": f"scripted:{script}"}).json()["job_id"]
    wait_job(s.url, job_id, until=("running",), timeout=30)
    t = time.monotonic()
    assert s.stop() in (0, -signal.SIGTERM) and time.monotonic() - t < 20
    assert not subprocess.run(["pgrep", "-f", "sleep 60.31"], capture_output=True).stdout
    again = serve("--workers", "1", "--allow-model", "scripted:*", data_dir=s.data_dir)
    job = httpx.get(f"{again.url}/jobs/{job_id}").json()
    assert job["status"] == "failed" and job["reason"] == "interrupted"


def test_review_fixes_queue_bound_judge_allow_list_empty_prompt_and_one_webhook_per_cancel(serve, tmp_path):
    script = tmp_path / "slow.json"
    script.write_text(json.dumps(SLOW_SCRIPT))
    rx = Receiver()
    try:
        s = serve("--workers", "1", "--max-queue", "2", "--allow-model", "scripted:*", "--allow-model", "none",
                  "--webhook-allow-http", "--webhook-allow-private")  # fmt: skip
        slow = httpx.post(f"{s.url}/run-async", json={"task_ref": TASK_REF, "model": f"scripted:{script}"}).json()
        wait_job(s.url, slow["job_id"], until=("running",), timeout=30)
        body = {"task_ref": TASK_REF, "model": "none", "callback_url": rx.url}
        queued = [httpx.post(f"{s.url}/run-async", json=body).json()["job_id"] for _ in range(2)]
        assert httpx.post(f"{s.url}/run-async", json=body).status_code == 503  # the queue is full
        assert httpx.post(f"{s.url}/run-sync", json={**body, "callback_url": None}).status_code == 503  # sync too
        for job_id in queued:
            assert httpx.post(f"{s.url}/jobs/{job_id}/cancel").json()["status"] == "cancelled"
        assert httpx.post(f"{s.url}/run-async", json={**body, "callback_url": None}).status_code == 202  # room again
        httpx.post(f"{s.url}/jobs/{slow['job_id']}/cancel", timeout=30)
        time.sleep(2)  # the worker pops the cancelled ids: they must not be announced again
        events = sorted(h["x-mle-env-event"] + ":" + json.loads(b)["job_id"] for h, b in rx.got)
        assert events == sorted(f"job.cancelled:{j}" for j in queued)
        # a judge is a model too: the allow-list applies to it
        r = httpx.post(f"{s.url}/run-async", json={"task_ref": TASK_REF, "model": "none", "judge_model": "openai/o1"})
        assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "judge_model"]
        r = httpx.post(f"{s.url}/run-async", json={"task_id": "t", "prompt": [], "model": "none"})
        assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "prompt"]
    finally:
        rx.close()


def test_a_sync_job_cut_off_by_a_crash_is_not_run_again_for_nobody(serve, tmp_path):
    script = tmp_path / "slow.json"
    script.write_text(json.dumps(SLOW_SCRIPT))
    s = serve("--workers", "1", "--allow-model", "scripted:*", "--allow-model", "none")
    slow = httpx.post(f"{s.url}/run-async", json={"task_ref": TASK_REF, "model": f"scripted:{script}"}).json()["job_id"]
    wait_job(s.url, slow, until=("running",), timeout=30)
    waiting = threading.Thread(target=_ignore, args=(s.url,), daemon=True)
    waiting.start()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and httpx.get(f"{s.url}/health").json()["jobs"]["queued"] < 1:
        time.sleep(0.1)
    s.kill()
    again = serve("--workers", "1", "--allow-model", "scripted:*", "--allow-model", "none", data_dir=s.data_dir)
    jobs = httpx.get(f"{again.url}/jobs").json()["jobs"]
    sync = [j for j in jobs if j["kind"] == "sync"]
    assert len(sync) == 1 and sync[0]["status"] == "failed" and sync[0]["reason"] == "interrupted"
    time.sleep(1)
    assert httpx.get(f"{again.url}/jobs/{sync[0]['job_id']}").json()["started_at"] is None  # never ran


def _ignore(url: str) -> None:
    try:
        httpx.post(f"{url}/run-sync", json={"task_ref": TASK_REF, "model": "none"}, timeout=60)
    except httpx.HTTPError:
        pass  # the server is killed under it


# ---------------------------------------------------------------- hostile JSON, slow clients


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_hostile_json_is_a_422_naming_its_path_and_no_row_can_break_a_get(serve, tmp_path):
    # a row an older server stored: lone surrogates in the metadata and the result, a NaN score
    data_dir = tmp_path / "data"
    store = JobStore(data_dir / "jobs.sqlite")
    old = store.create({"task_ref": TASK_REF, "model": "none", "metadata": {"note": "\ud800"}}, kind="async",
                       task_id=TASK_REF, model="none", callback_url=None)  # fmt: skip
    store.finish(old, "completed", result={"answer": "x\udcff", "evaluation": {"score": float("nan")}})
    store.close()
    s = serve(data_dir=data_dir)
    got = httpx.get(f"{s.url}/jobs/{old}")
    assert got.status_code == 200, got.text
    job = got.json()
    assert job["metadata"] == {"note": "\ufffd"} and job["result"]["answer"] == "x\ufffd"
    assert job["result"]["evaluation"]["score"] is None
    assert httpx.get(f"{s.url}/jobs").status_code == 200

    def refused(body: str | bytes, path: str = "/run-async") -> dict:
        raw = body.encode() if isinstance(body, str) else body
        r = httpx.post(s.url + path, content=raw, headers={"content-type": "application/json"}, timeout=30)
        assert r.status_code == 422, r.text
        (err,) = r.json()["detail"]
        return err

    head = '{"task_ref": "tiny-0", "model": "none", '
    for depth in (65, 256, 300, 100_000):  # 256+ was a 500, 1000+ a 400 "error parsing the body"
        err = refused(head + '"metadata": {"a": ' + _nested(depth) + "}}")
        assert err["type"] == "json_too_deep" and err["msg"] == "nested deeper than 64 levels"
        assert err["path"] == "$.metadata.a" + "[0]" * 62 and err["loc"] == ["body", "metadata", "a", *[0] * 62]
    own = json.dumps({**tiny_task(7, "OUTLIER"), "model": "none", "extra": "DEEP"})  # the task's own fields
    assert refused(own.replace('"DEEP"', _nested(300)))["path"].startswith("$.extra[0][0]")
    mle_env = json.dumps({**tiny_task(7, "OUTLIER"), "model": "none"}).replace('"mle_env": {', '"mle_env": {"x": DEEP, ')
    assert refused(mle_env.replace("DEEP", _nested(1000)), "/run-sync")["path"].startswith("$.mle_env.x[0][0]")
    err = refused(head + '"metadata": {"a": "\\ud800"}}')  # accepted before, and then GET /jobs/{id} was a 500
    assert err["path"] == "$.metadata.a" and "lone surrogate" in err["msg"]
    assert refused(head + '"metadata": {"b": {"\\udcff": 1}}}')["path"] == "$.metadata.b"
    assert refused(head + '"metadata": {"c": [1, NaN]}}')["path"] == "$.metadata.c[1]"
    assert refused('{"task_id": "t", "prompt": "find \\udfff", "model": "none"}')["path"] == "$.prompt"
    assert refused(head.encode() + b'"metadata": {"a": "\xed\xa0\x80"}}')["type"] == "json_invalid"  # not UTF-8
    assert httpx.get(f"{s.url}/jobs").json()["total"] == 1  # nothing refused was stored
    deep_ok = json.loads(head + '"metadata": {"a": ' + _nested(50) + "}}")
    r = httpx.post(f"{s.url}/run-async", json=deep_ok)
    assert r.status_code == 202
    assert wait_job(s.url, r.json()["job_id"])["metadata"] == deep_ok["metadata"]


async def _slow_client(port: int, kind: str, pause: float = 0.25) -> tuple[float, bytes]:
    """A client that sends its headers (or, after prompt headers, its body) a byte every ``pause``
    seconds; returns how long the server kept the connection and what it answered."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    t0 = time.monotonic()
    if kind == "body":
        writer.write(b"POST /run-async HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 100000\r\n\r\n")  # fmt: skip
    drip = (b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: " if kind == "header" else b"{") + b"a" * 10_000

    async def feed() -> None:
        try:
            for byte in drip:
                writer.write(bytes([byte]))
                await writer.drain()
                await asyncio.sleep(pause)
        except OSError:
            pass  # the server hung up

    feeder = asyncio.create_task(feed())
    try:
        reply = await asyncio.wait_for(reader.read(), 30)  # to the server's EOF
    except (OSError, asyncio.IncompleteReadError):
        reply = b""  # reset: closed all the same
    held = time.monotonic() - t0
    feeder.cancel()
    writer.close()
    return held, reply


async def test_slow_clients_are_cut_off_and_the_server_keeps_answering(serve):
    """50 clients sending a byte every 0.25 s (25 headers, 25 bodies): each is cut at its bound
    (before: held for as long as it kept sending), and GET /health answers at once meanwhile."""
    s = serve(env={"MLE_ENV_HEADER_TIMEOUT": "2", "MLE_ENV_BODY_TIMEOUT": "3", "MLE_ENV_MAX_CONNECTIONS": "60"})
    slow = [asyncio.create_task(_slow_client(s.port, "header" if i % 2 else "body")) for i in range(50)]
    await asyncio.sleep(0.5)
    async with httpx.AsyncClient(base_url=s.url, timeout=5) as client:
        for _ in range(5):
            t = time.monotonic()
            assert (await client.get("/health")).status_code == 200
            assert time.monotonic() - t < 1.0
            await asyncio.sleep(0.2)
        # 20 more silent connections: over the limit, the ones waiting longest for headers make room
        extra = [await asyncio.open_connection("127.0.0.1", s.port) for _ in range(20)]
        await asyncio.sleep(0.2)
        assert (await client.get("/health")).status_code == 200
        results = await asyncio.gather(*slow)
        for held, reply in results:
            assert held < 3 + 1.5, held  # headers by 2 s, bodies by 3 s: not extended by the bytes that came
            assert not reply or reply.startswith(b"HTTP/1.1 408 "), reply[:60]
        assert sum(r.startswith(b"HTTP/1.1 408 ") for _, r in results) >= 40
    for _, w in extra:
        w.close()
    # every connection busy with a body: one more is a 503 at once, until the bodies' bound frees them
    await asyncio.sleep(0.5)
    bodies = [asyncio.create_task(_slow_client(s.port, "body")) for _ in range(60)]
    await asyncio.sleep(0.5)
    reader, writer = await asyncio.open_connection("127.0.0.1", s.port)
    answer = await asyncio.wait_for(reader.read(), 5)
    assert answer.startswith(b"HTTP/1.1 503 ") and b"retry-after" in answer.lower()
    writer.close()
    assert all(held < 3 + 1.5 for held, _ in await asyncio.gather(*bodies))
    assert httpx.get(f"{s.url}/health", timeout=5).status_code == 200


def test_a_request_that_stalls_gets_a_408_within_the_bound(serve):
    s = serve(env={"MLE_ENV_HEADER_TIMEOUT": "1"})
    import socket

    with socket.create_connection(("127.0.0.1", s.port), timeout=10) as sock:
        t = time.monotonic()
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")  # and then nothing
        reply = b""
        while chunk := sock.recv(4096):
            reply += chunk
        assert reply.startswith(b"HTTP/1.1 408 Request Timeout") and b"headers did not arrive" in reply
        assert 0.9 < time.monotonic() - t < 2.5
