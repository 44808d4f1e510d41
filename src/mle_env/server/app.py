"""The HTTP API (FastAPI, served by uvicorn): the reference's endpoints, made safe to expose.

``POST /run`` and ``POST /run-sync`` run and answer with the result; ``POST /run-async``
answers at once with a job id; ``GET /jobs/{id}``, ``GET /jobs``, ``GET /tasks``,
``GET /health``. Jobs persist in SQLite (``store.jobs``); see docs/server.md.

Request bodies are bounded in size, depth and content before FastAPI sees them, and every
response renders whatever a job holds (``guards``); slow and surplus connections are cut
(``connections``).
"""

from __future__ import annotations

import fcntl
import hmac
import logging
import mimetypes
import os
import shutil
import sys
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from mle_env import __version__
from mle_env.errors import MleEnvError, RunError
from mle_env.server.connections import MAX_HEADER_BYTES, bounded_protocol
from mle_env.server.environment import environment_router
from mle_env.server.guards import BodyLimit, JsonGuard, SafeJSON
from mle_env.server.jobs import JobRunner, QueueFull
from mle_env.server.schemas import Accepted, Health, JobPage, RunRequest, Suite, TaskInfo, build_task, model_problem
from mle_env.server.settings import ServerSettings
from mle_env.server.webhooks import UnsafeURL, check_url_syntax
from mle_env.store import read_regular
from mle_env.store.jobs import STATUSES

MAX_FILE = 64 * 1024 * 1024

log = logging.getLogger("mle_env.server")
bearer = HTTPBearer(auto_error=False, description="the server's token (mle-env serve --token / MLE_ENV_API_TOKEN)")


def create_app(settings: ServerSettings, sandbox: Any) -> FastAPI:
    suite = Suite(settings.tasks_dir)
    state: dict[str, JobRunner] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        from mle_env.sandbox import sweep_stale

        sweep_stale(getattr(sandbox, "workspace_root", None))
        runner = JobRunner(settings, sandbox, suite)
        state["runner"] = runner
        await runner.start()
        try:
            yield
        finally:
            await runner.stop()

    app = FastAPI(
        title="mle-env",
        version=__version__,
        description="Run LLM agents on ML error-analysis tasks in sandboxes, and grade them. See docs/server.md.",
        lifespan=lifespan,
        default_response_class=SafeJSON,
    )
    app.add_middleware(JsonGuard, max_depth=settings.max_json_depth)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)  # added last: the outer one, so it bounds JsonGuard's read
    app.include_router(environment_router(settings, sandbox), prefix="/env")  # the OpenEnv-shaped environment API

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return SafeJSON({"detail": jsonable_encoder(exc.errors())}, status_code=422)

    def authorized(creds: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
        if settings.token is None:
            return
        if creds is None or not hmac.compare_digest(creds.credentials.encode(), settings.token.encode()):
            raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})

    def runner() -> JobRunner:
        return state["runner"]

    def unusable(model: str, llm_only: bool = False) -> str | None:
        """Why the server will not run ``model``: not allowed, not an LLM (for a judge), or a bad
        name or missing key — the caller's error, said now rather than as a failed job."""
        why = model_problem(model, settings.allow_models)
        if why is None and llm_only and model.split(":", 1)[0] in ("baseline", "oracle", "none", "scripted", "replay"):
            why = f"judge_model {model!r} is not an LLM; give a LiteLLM model or 'none'"
        if why is None:
            try:
                from mle_env.runner import make_agent

                make_agent(model)
            except (MleEnvError, ValueError, ImportError) as e:
                why = str(e)
        return why

    def checked(req: RunRequest, *, async_: bool) -> tuple[str, str]:
        """(task_id, model) of a request the server will run, or a 422 naming every field at fault."""
        errors: list[dict[str, Any]] = []
        task, task_errors = build_task(req, suite)
        errors += task_errors
        model = req.model or settings.default_model
        why = unusable(model)
        if why:
            errors.append({"type": "value_error", "loc": ["body", "model"], "msg": why, "input": model})
        judge = req.judge_model
        if judge and judge != "none" and req.run_evaluation:  # a judge is a model too: same allow-list, same keys
            why = unusable(judge, llm_only=True)
            if why:
                errors.append({"type": "value_error", "loc": ["body", "judge_model"], "msg": why, "input": judge})
        if task is not None and task.max_turns > settings.max_turns_cap:
            errors.append({"type": "value_error", "loc": ["body", "max_turns"], "input": task.max_turns,
                           "msg": f"at most {settings.max_turns_cap} on this server"})  # fmt: skip
        if req.callback_url is not None:
            if not async_:
                errors.append({"type": "value_error", "loc": ["body", "callback_url"], "input": req.callback_url,
                               "msg": "callback_url is for POST /run-async"})  # fmt: skip
            else:
                try:
                    check_url_syntax(req.callback_url, runner().policy)
                except UnsafeURL as e:
                    errors.append({"type": "value_error", "loc": ["body", "callback_url"], "msg": str(e),
                                   "input": req.callback_url})  # fmt: skip
        if errors:
            raise RequestValidationError(errors)
        assert task is not None
        return task.task_id, model

    async def run_sync(req: RunRequest) -> Response:
        task_id, model = checked(req, async_=False)
        try:
            job = await runner().run_now(req, task_id, model)
        except QueueFull as e:
            raise HTTPException(503, str(e), headers={"Retry-After": "30"}) from None
        out = dict(job.get("result") or {})
        out.update(job_id=job["job_id"], status=job["status"], reason=job["reason"], error=job["error"])
        return SafeJSON(out)  # what the agent produced, rendered whatever it holds

    deps = [Depends(authorized)]

    @app.post("/run", dependencies=deps, response_model=dict[str, Any],
              summary="Run a task and return its result (as /run-sync)")  # fmt: skip
    async def run(req: RunRequest) -> Response:
        return await run_sync(req)

    @app.post("/run-sync", dependencies=deps, response_model=dict[str, Any], summary="Run a task and return its result")
    async def run_sync_endpoint(req: RunRequest) -> Response:
        return await run_sync(req)

    @app.post("/run-async", dependencies=deps, status_code=202, response_model=Accepted,
              summary="Queue a task; answer at once with a job id (and POST the result to callback_url)")  # fmt: skip
    async def run_async(req: RunRequest) -> Accepted:
        task_id, model = checked(req, async_=True)
        try:
            job_id = runner().submit(req, task_id, model)
        except QueueFull as e:
            raise HTTPException(503, str(e), headers={"Retry-After": "30"}) from None
        return Accepted(job_id=job_id, status="queued", status_url=f"/jobs/{job_id}")

    @app.get("/jobs/{job_id}", dependencies=deps, response_model=dict[str, Any],
             summary="A job: status, result, webhook deliveries")  # fmt: skip
    async def get_job(job_id: str) -> Response:
        job = runner().store.get(job_id)
        if job is None:
            raise HTTPException(404, f"no job {job_id!r} (unknown, or expired after {settings.job_ttl:g} s)")
        return SafeJSON(job)  # a row stored before today's checks renders too

    @app.post("/jobs/{job_id}/cancel", dependencies=deps, response_model=dict[str, Any],
              summary="Cancel a queued or running job")  # fmt: skip
    async def cancel_job(job_id: str) -> Response:
        job = runner().store.get(job_id)
        if job is None:
            raise HTTPException(404, f"no job {job_id!r}")
        if job["status"] not in ("queued", "running"):
            raise HTTPException(409, f"job {job_id} is {job['status']} already")
        await runner().cancel(job_id)
        return SafeJSON(runner().store.get(job_id) or {})

    @app.delete("/jobs/{job_id}", dependencies=deps, status_code=204, summary="Delete a finished job and its files")
    async def delete_job(job_id: str) -> None:
        job = runner().store.get(job_id)
        if job is None:
            raise HTTPException(404, f"no job {job_id!r}")
        if not runner().store.delete(job_id):
            raise HTTPException(409, f"job {job_id} is {job['status']}: cancel it first")
        shutil.rmtree(settings.data_dir / "jobs" / job_id, ignore_errors=True)

    @app.get("/jobs/{job_id}/files", dependencies=deps, summary="The job's files: trajectory, response files, result")
    async def job_files(job_id: str) -> list[str]:
        root = _job_dir(job_id)
        return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and not p.is_symlink())

    @app.get("/jobs/{job_id}/files/{path:path}", dependencies=deps, summary="One of the job's files",
             response_class=Response)  # fmt: skip
    async def job_file(job_id: str, path: str) -> Response:
        root = _job_dir(job_id)
        target = (root / path).resolve()
        data = read_regular(target, MAX_FILE) if target.is_relative_to(root.resolve()) else None
        if data is None:
            raise HTTPException(404, f"no file {path!r} in job {job_id}")
        kind = "application/x-ndjson" if path.endswith(".jsonl") else mimetypes.guess_type(path)[0]
        return Response(data, media_type=kind or "application/octet-stream")

    def _job_dir(job_id: str) -> Path:
        if runner().store.get(job_id) is None:
            raise HTTPException(404, f"no job {job_id!r}")
        return settings.data_dir / "jobs" / job_id

    @app.get("/jobs", dependencies=deps, response_model=JobPage, summary="Jobs, newest first")
    async def list_jobs(
        status: str | None = Query(None, description=f"one of {', '.join(STATUSES)}"),
        limit: int = Query(50, ge=1, le=500),
        offset: int = Query(0, ge=0, le=2**62),
    ) -> JobPage:
        if status is not None and status not in STATUSES:
            raise RequestValidationError([{"type": "enum", "loc": ["query", "status"], "input": status,
                                           "msg": f"one of {', '.join(STATUSES)}"}])  # fmt: skip
        jobs, total = runner().store.page(status=status, limit=limit, offset=offset)
        return JobPage(jobs=jobs, total=total, limit=limit, offset=offset)

    @app.get("/tasks", dependencies=deps, response_model=list[TaskInfo], summary="The bundled tasks (for task_ref)")
    async def tasks() -> list[TaskInfo]:
        return suite.info()

    @app.get("/health", response_model=Health, summary="Liveness, job counts")
    async def health() -> Health:
        return Health(status="ok", version=__version__, workers=settings.workers, jobs=runner().store.counts(),
                      sandbox=getattr(sandbox, "kind", "?"), auth=settings.token is not None)  # fmt: skip

    return app


def claim(data_dir: Path) -> int:
    """Lock ``data_dir`` for this process (released by the kernel when it dies, even by SIGKILL):
    a second server on the same jobs would mark the first one's running jobs interrupted."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(data_dir / "server.lock", os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as e:
        raise RunError(f"--data-dir {data_dir}: {e.strerror}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise RunError(f"another mle-env server is using {data_dir}; stop it or give another --data-dir") from None
    return fd


def serve(settings: ServerSettings, sandbox: Any) -> int:
    import uvicorn

    claim(settings.data_dir)
    if not settings.loopback_only and settings.token is None:
        print("\n" + "!" * 78 + f"\n  WARNING: listening on {settings.host} with NO token: anyone who can reach this "
              "port\n  can run agents (and spend your provider credits). Set MLE_ENV_API_TOKEN or --token.\n"
              + "!" * 78 + "\n", file=sys.stderr)  # fmt: skip
    print(f"mle-env API on http://{settings.host}:{settings.port}  (docs at /docs; jobs in "
          f"{settings.data_dir}/jobs.sqlite; {settings.workers} worker(s), sandbox {sandbox.kind})",
          file=sys.stderr, flush=True)  # fmt: skip
    protocol = bounded_protocol(header_timeout=settings.header_timeout, body_timeout=settings.body_timeout,
                                max_connections=settings.max_connections)  # fmt: skip
    uvicorn.run(create_app(settings, sandbox), host=settings.host, port=settings.port, log_level="warning",
                timeout_graceful_shutdown=10, http=protocol, timeout_keep_alive=settings.keep_alive_timeout,
                ws="websockets-sansio", ws_max_size=settings.max_body_bytes,  # /env/ws; messages bounded as bodies are
                h11_max_incomplete_event_size=MAX_HEADER_BYTES)  # fmt: skip
    return 0
