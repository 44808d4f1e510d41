"""Running the API's jobs: a bounded pool over ``runner.run_sample``, webhooks, expiry.

Every job is a row in ``jobs.sqlite`` (``store.jobs``) before it is acknowledged. At
most ``workers`` jobs run at once, sync and async together. A job's files (trajectory,
response files, result JSON) live in ``data_dir/jobs/<id>/`` until the job expires.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
from typing import Any

from mle_env.runner import run_sample
from mle_env.runner.factory import agent_factory
from mle_env.server.schemas import RunRequest, Suite, build_task
from mle_env.server.settings import ServerSettings
from mle_env.server.webhooks import WebhookPolicy, deliver
from mle_env.store.jobs import JobStore

log = logging.getLogger("mle_env.server")


class QueueFull(Exception):
    pass


class JobRunner:
    def __init__(self, settings: ServerSettings, sandbox: Any, suite: Suite):
        self.settings = settings
        self.sandbox = sandbox
        self.suite = suite
        self.store = JobStore(settings.data_dir / "jobs.sqlite")
        self.queue: asyncio.Queue[str] = asyncio.Queue()
        self.slots = asyncio.Semaphore(settings.workers)
        self.running: dict[str, asyncio.Task] = {}
        self.cancelled: set[str] = set()
        self.background: set[asyncio.Task] = set()
        self.policy = WebhookPolicy(
            allow_http=settings.webhook_allow_http,
            allow_private=settings.webhook_allow_private,
            allow_hosts=settings.webhook_allow_hosts,
            secret=settings.secret(),
            max_attempts=settings.webhook_attempts,
            backoff=settings.webhook_backoff,
        )

    # ------------------------------------------------------------ life
    async def start(self) -> None:
        interrupted, requeued = self.store.recover(self.settings.requeue_interrupted)
        if interrupted or requeued:
            log.warning("%d job(s) were running when the server stopped: %s", interrupted + requeued,
                        "queued again" if requeued else "marked failed (interrupted)")  # fmt: skip
        for job_id in self.store.queued():
            self.queue.put_nowait(job_id)
        for _ in range(self.settings.workers):
            self._spawn(self._worker())
        for job_id in self.store.pending_webhooks():  # finished, but the server died before telling
            self._spawn(self._notify(job_id))
        self._spawn(self._expire_loop())

    async def stop(self) -> None:
        for t in list(self.background) + list(self.running.values()):
            t.cancel()
        await asyncio.gather(*self.background, *self.running.values(), return_exceptions=True)
        self.store.recover(self.settings.requeue_interrupted)  # jobs cut short: interrupted, or queued again
        self.store.close()

    def _spawn(self, coro: Any) -> None:
        t = asyncio.ensure_future(coro)
        self.background.add(t)
        t.add_done_callback(self.background.discard)

    # ------------------------------------------------------------ submitting
    def _room(self) -> None:
        waiting = self.store.counts()["queued"]  # async jobs queued and sync ones waiting for a slot
        if waiting >= self.settings.max_queue:
            raise QueueFull(f"{waiting} jobs are queued already; try again later")

    def submit(self, req: RunRequest, task_id: str, model: str) -> str:
        self._room()
        job_id = self.store.create(req.model_dump(mode="json"), kind="async", task_id=task_id, model=model,
                                   callback_url=req.callback_url)  # fmt: skip
        self.queue.put_nowait(job_id)
        return job_id

    async def run_now(self, req: RunRequest, task_id: str, model: str) -> dict[str, Any]:
        """A sync run: recorded as a job too, run within the same bound as the async ones."""
        self._room()
        job_id = self.store.create(req.model_dump(mode="json"), kind="sync", task_id=task_id, model=model,
                                   callback_url=None)  # fmt: skip
        async with self.slots:
            await self._run_job(job_id)
        return self.store.get(job_id) or {}

    # ------------------------------------------------------------ running
    async def _worker(self) -> None:
        while True:
            job_id = await self.queue.get()
            try:
                async with self.slots:
                    ran = await self._run_job(job_id)
                if ran:
                    self.notify(job_id)
            except Exception as e:  # the store itself failed (disk full, …): this job fails, the worker lives
                log.exception("job %s", job_id)
                with contextlib.suppress(Exception):
                    self.store.finish(job_id, "failed", reason="error", error=f"{type(e).__name__}: {e}")

    async def _run_job(self, job_id: str) -> bool:
        """Run a queued job to its end; False if it was not queued (cancelled, expired, taken)."""
        if not self.store.start(job_id):
            return False
        inner = asyncio.ensure_future(self._execute(job_id))  # its own task, so it can be cancelled alone
        self.running[job_id] = inner
        try:
            status, result, reason, error = await inner
        except asyncio.CancelledError:
            if job_id not in self.cancelled or asyncio.current_task().cancelling():
                raise  # the server stops: the row stays running; stop() marks it interrupted (or queues it)
            status, result, reason, error = "cancelled", None, "cancelled", "cancelled on request"
        except Exception as e:  # the server's own fault; recorded on the job, never a 500 for the others
            log.exception("job %s", job_id)
            status, result, reason, error = "failed", None, "error", f"{type(e).__name__}: {e}"
        finally:
            self.running.pop(job_id, None)
            self.cancelled.discard(job_id)
        self.store.finish(job_id, status, result=result, reason=reason, error=error)
        return True

    async def cancel(self, job_id: str) -> bool:
        """Cancel a queued or running job (its sandbox is torn down); False if it was not active."""
        if self.store.cancel_queued(job_id):
            self.notify(job_id)
            return True
        inner = self.running.get(job_id)
        if inner is None:
            return False
        self.cancelled.add(job_id)
        inner.cancel()
        await asyncio.wait([inner])  # the sandbox is torn down before we answer
        for _ in range(200):  # and the row says so
            if (self.store.get(job_id) or {}).get("status") != "running":
                break
            await asyncio.sleep(0.01)
        return True

    def notify(self, job_id: str) -> None:
        """Send the finished job to its callback_url, in the background."""
        job = self.store.get(job_id)
        if job and job["callback_url"] and job["status"] in ("completed", "failed", "cancelled"):
            self._spawn(self._notify(job_id))

    async def _execute(self, job_id: str) -> tuple[str, dict | None, str | None, str | None]:
        s = self.settings
        req = RunRequest.model_validate(self.store.request(job_id))
        task, errors = build_task(req, self.suite)
        if task is None:
            return "failed", None, "invalid", "; ".join(e["msg"] for e in errors)
        llm: dict[str, Any] = {"api_base": s.api_base} if s.api_base else {}
        if s.max_retries is not None:
            llm["max_retries"] = s.max_retries
        # the same settings a batch records, made into an agent by the same factory (runner.factory)
        cfg = {"llm": llm, "limits": {"max_seconds": s.job_timeout}, "temperature": req.temperature,
               "evaluate": req.run_evaluation}  # fmt: skip
        model = req.model or s.default_model
        out_dir = s.data_dir / "jobs" / job_id
        if s.executor == "ray":
            from mle_env.runner.config import JudgeSettings, RayExecutor
            from mle_env.runner.ray_executor import run_on_cluster

            judge_cfg = JudgeSettings(model=self.judge_name(req.judge_model), samples=s.judge_samples,
                                      api_base=s.judge_api_base)  # fmt: skip
            work = run_on_cluster(task, "task.json", model, 1, None, cfg, self.sandbox, judge_cfg, out_dir,
                                  executor=RayExecutor(address=s.ray_address))  # fmt: skip
        else:
            work = run_sample(task, "task.json", agent_factory(cfg)(model, 1, None), sandbox=self.sandbox,
                              out_dir=out_dir, temperature=req.temperature, evaluate=req.run_evaluation,
                              judge=self.judge(req.judge_model))  # fmt: skip
        try:
            # the agent stops itself at job_timeout; this bounds grading too
            result = await asyncio.wait_for(work, timeout=s.job_timeout + 300)
        except TimeoutError:
            return "failed", None, "timeout", f"the job ran longer than {s.job_timeout + 300:g} s"
        result["job_id"] = job_id
        result["request_metadata"] = req.metadata
        meta, ev = result.get("metadata") or {}, result.get("evaluation") or {}
        if meta.get("error_class") == "infra" or ev.get("error_class") == "grader":
            kind = meta.get("error_class") or ev.get("error_class")
            return "failed", result, kind, (meta.get("errors") or [ev.get("error")])[-1]
        return "completed", result, None, None

    def judge_name(self, name: str | None) -> str | None:
        name = name or self.settings.default_judge
        return None if not name or name == "none" else name

    def judge(self, name: str | None) -> Any:
        name = self.judge_name(name)
        if name is None:
            return None
        from mle_env.grading.judge import Judge

        extra = {"api_base": self.settings.judge_api_base} if self.settings.judge_api_base else {}
        return Judge(name, samples=self.settings.judge_samples, **extra)

    # ------------------------------------------------------------ webhooks, expiry
    async def _notify(self, job_id: str) -> None:
        job = self.store.get(job_id)
        if not job or not job.get("callback_url"):
            return
        payload = dict(job)
        if payload.get("result"):
            payload["result"] = {k: v for k, v in payload["result"].items() if k != "trace"}
        record = dict(job.get("webhook") or {}, status="delivering", attempts=[])

        def on_attempt(attempt: dict) -> None:
            record["attempts"].append(attempt)
            self.store.set_webhook(job_id, record)

        got = await deliver(job["callback_url"], payload, self.policy, event=f"job.{job['status']}",
                            on_attempt=on_attempt)  # fmt: skip
        self.store.set_webhook(job_id, got)

    async def _expire_loop(self) -> None:
        interval = min(60.0, self.settings.job_ttl / 4)
        while True:
            for job_id in self.store.expire(self.settings.job_ttl):
                with contextlib.suppress(OSError):
                    shutil.rmtree(self.settings.data_dir / "jobs" / job_id)
            await asyncio.sleep(interval)
