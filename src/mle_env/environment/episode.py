"""One episode: a fresh sandbox with the task's files, the policy's actions through the five
tools, and at the end the benchmark's grader.

The episode is the agent loop turned inside out: the same system prompt and task prompt, the
same tools and tool errors, the same limits (turns, wall time, tokens, cost) and statuses, the
same trajectory events, and the same end as a sample (``runner.sample.run_sample``): the
sandbox is stopped, ``response/`` copied out, the workspace removed, and ``grading.grade``
scores the copy. Each episode owns its state; nothing is shared between episodes.
"""

from __future__ import annotations

import asyncio
import json
import random
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from contextlib import AsyncExitStack
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from mle_env.agent import CONTINUE, MAX_TURNS_ANSWER, SYSTEM_PROMPT, task_prompt
from mle_env.environment.errors import EpisodeError
from mle_env.environment.reward import REPORT, REPORT_MAX_BYTES, EpisodeCost, Outcome, report_ok, reward_of
from mle_env.environment.spaces import Action, Observation, StepResult, ToolObservation
from mle_env.errors import Refused, SampleError, SandboxError
from mle_env.grading import grade, runs_in_sandbox
from mle_env.grading.rubric import criteria_of
from mle_env.records import GraderFailure, SampleResult
from mle_env.runner.sample import agent_view, copy_out
from mle_env.sandbox import open_sandbox
from mle_env.store import Copied, write_json
from mle_env.tools import ToolResult, Tools, anthropic_tools, openai_tools
from mle_env.trajectory import Trajectory

if TYPE_CHECKING:
    from mle_env.environment.env import EnvConfig
    from mle_env.environment.suite import TaskRef, TaskSuite
    from mle_env.runner.factory import Judge
    from mle_env.runner.sample import Agent
    from mle_env.task import Task

_WRITERS = ("write_file", "bash_exec", "run_python")
"""Tools that can change response/report.json (checked for the shaped signal only after these)."""


class Episode:
    """One episode's handle: ``reset`` once, ``step`` until ``done``, ``close`` (or ``async with``).

    Made by ``Environment.episode()``; ``id`` is how a server addresses it.
    """

    def __init__(self, suite: TaskSuite, config: EnvConfig, *, judge: Judge | None = None, rng: random.Random,
                 on_close: Callable[[str], None] | None = None):  # fmt: skip
        self.id = uuid.uuid4().hex
        self.cfg = config
        self.judge = judge
        self._suite, self._rng, self._on_close = suite, rng, on_close
        self.task: Task | None = None
        self.task_file = ""
        self.observation: Observation | None = None
        self.outcome: Outcome | None = None
        """How it ended (set by the last step)."""
        self.turn = 0
        self.cost = EpisodeCost()
        self.trajectory = Trajectory()
        self._stack: AsyncExitStack | None = None
        self._sb: Any = None
        self._tools: Tools | None = None
        self._lock = asyncio.Lock()
        self._state = "new"  # new → running → done | closed
        self._start = 0.0
        self._deadline: float | None = None
        self._max_turns = 0
        self._paid = 0.0  # shaped signal paid so far
        self._errors: list[str] = []
        self.last_active = time.monotonic()
        """``time.monotonic()`` of the last reset or step (a server reaps idle episodes by it)."""

    # ------------------------------------------------------------ state
    @property
    def done(self) -> bool:
        """The episode has ended (graded) or was closed."""
        return self._state in ("done", "closed")

    @property
    def records(self) -> Path | None:
        """Where this episode's files go (``EnvConfig.records_dir``), or None."""
        return self.cfg.records_dir / self.id if self.cfg.records_dir else None

    # ------------------------------------------------------------ reset
    async def reset(self, task: TaskRef | None = None, seed: int | None = None) -> Observation:
        """Open a fresh sandbox with the task's files (``task``, or one drawn by ``seed``)."""
        if self._state != "new":
            raise EpisodeError(f"episode {self.id} was already reset; make a new one with Environment.episode()")
        t0 = time.perf_counter()
        self._start = self.last_active = time.monotonic()
        chosen, self.task_file = self._suite.pick(task, random.Random(seed) if seed is not None else self._rng)
        self._state = "running"  # a task that is not in the suite leaves the handle as it was
        self.task = chosen
        lim = self.cfg.limits
        self._max_turns = lim.max_turns or chosen.max_turns
        self._deadline = self._start + lim.max_seconds if lim.max_seconds else None
        stack = AsyncExitStack()
        try:
            self._sb = await stack.enter_async_context(open_sandbox(self.cfg.sandbox, chosen))
        except BaseException:
            self._state = "closed"
            await stack.aclose()
            self._closed()
            raise
        self._stack = stack
        self._tools = Tools(self._sb, self.cfg.tools)
        if self.records is not None:
            self.trajectory = Trajectory(self.records / "trajectory.jsonl")
        prompt = task_prompt(agent_view(chosen, cast("Agent", _Policy())))
        self.observation = Observation(
            episode_id=self.id,
            system_prompt=SYSTEM_PROMPT,
            task_prompt=prompt,
            tools_openai=openai_tools(config=self.cfg.tools),
            tools_anthropic=anthropic_tools(config=self.cfg.tools),
            info=self._suite.info(chosen, error_codes=self.cfg.expose_error_codes, max_turns=self._max_turns),
            seed=seed,
        )
        self.trajectory.emit("run_start", task_id=chosen.task_id, model=self.cfg.policy_name, episode_id=self.id,
                             limits={**lim.model_dump(), "max_turns": self._max_turns}, system_prompt=SYSTEM_PROMPT,
                             task_prompt=prompt, tools=list(self._tools.names), seed=seed)  # fmt: skip
        self.cost.reset_seconds = round(time.perf_counter() - t0, 6)
        return self.observation

    # ------------------------------------------------------------ step
    async def step(self, action: Action | dict[str, Any], timeout_s: float | None = None) -> StepResult:
        """Run one turn: the tool calls in order (or take the final answer); on the last turn, grade.

        ``timeout_s`` bounds this turn's tool calls together: each command's own timeout is cut to
        what is left (its processes are killed at it, and the call says it timed out), and a call
        that finds nothing left is not run (its observation says so). The episode goes on.
        """
        act = action if isinstance(action, Action) else Action.model_validate(action)
        if timeout_s is not None and not timeout_s > 0:
            raise ValueError(f"timeout_s must be positive, got {timeout_s}")
        async with self._lock:  # one turn at a time, in the order they came
            self.last_active = time.monotonic()
            if self._state != "running":
                why = {"new": "call reset() first", "done": "it has ended", "closed": "it was closed"}[self._state]
                raise EpisodeError(f"episode {self.id} cannot step: {why}")
            return await self._step(act, timeout_s)

    async def _step(self, act: Action, timeout_s: float | None = None) -> StepResult:
        t0 = time.perf_counter()
        self.turn = n = self.turn + 1
        cost = self.cost
        cost.steps += 1
        cost.prompt_tokens += act.prompt_tokens
        cost.completion_tokens += act.completion_tokens
        if act.cost is not None:
            cost.cost = (cost.cost or 0.0) + act.cost
        self.trajectory.emit("model_response", n=n, turn=_turn_event(act))
        if self._deadline is not None and time.monotonic() >= self._deadline:
            return await self._end("max_time", f"Time limit of {self.cfg.limits.max_seconds:g}s reached without final "
                                   "answer.", [], t0, truncated=True)  # fmt: skip
        if act.answer is not None:
            return await self._end("completed", act.answer, [], t0, terminated=True)
        seen: list[ToolObservation] = []
        ended: str | None = None
        try:
            if self._deadline is None:
                await self._calls(act, n, seen, timeout_s)
            else:
                async with asyncio.timeout(self._deadline - time.monotonic()):
                    await self._calls(act, n, seen, timeout_s)
        except TimeoutError:
            ended = "max_time"
            self.trajectory.emit("limit_hit", limit="max_seconds", value=self.cfg.limits.max_seconds)
        except SampleError as e:  # the sandbox died under a tool call: the policy's doing, as in the agent loop
            error_class = "model" if isinstance(e, SandboxError) else e.error_class
            self._errors.append(str(e))
            self.trajectory.emit("error", error_class=error_class, error=str(e), type=type(e).__name__)
            return await self._end("error", f"Error: {e}", seen, t0, terminated=True, error_class=error_class)
        if ended:
            return await self._end(ended, f"Time limit of {self.cfg.limits.max_seconds:g}s reached without final "
                                   "answer.", seen, t0, truncated=True)  # fmt: skip
        shaped = await self._shape(act) if self.cfg.reward.report_bonus and not self._paid else 0.0
        hit = self._limit_hit(n)
        if hit:
            self.trajectory.emit("limit_hit", limit=hit[0], value=hit[1])
            answer = MAX_TURNS_ANSWER if hit[0] == "max_turns" else f"{hit[0]} limit reached without final answer."
            return await self._end(hit[0], answer, seen, t0, truncated=True, shaped=shaped)
        took = time.perf_counter() - t0
        self.cost.step_seconds += took
        return StepResult(observations=seen, message=None if act.tool_calls else CONTINUE, reward=shaped, turn=n,
                          seconds=round(took, 6))  # fmt: skip

    async def _calls(self, act: Action, n: int, seen: list[ToolObservation], timeout_s: float | None = None) -> None:
        assert self._tools is not None
        until = None if timeout_s is None else time.monotonic() + timeout_s
        for i, call in enumerate(act.tool_calls):
            call_id = call.id or f"call_{n}_{i}"
            t1 = time.perf_counter()
            left = None if until is None else until - time.monotonic()
            if left is not None and left <= 0:
                res = ToolResult(success=False, result=f"Error: not run: this step's timeout_s of {timeout_s:g}s "
                                 "was spent by the calls before it.")  # fmt: skip
            else:
                res = await self._tools.call(call.name, call.arguments, cap=left)
            dt = time.perf_counter() - t1
            self.cost.tool_calls += 1
            self.cost.tool_seconds += dt
            seen.append(ToolObservation(id=call_id, name=call.name, success=res.success, result=res.result,
                                        seconds=round(dt, 6)))  # fmt: skip
            self.trajectory.emit("tool_call", n=n, id=call_id, name=call.name, arguments=call.arguments,
                                 success=res.success, result=res.result, seconds=round(dt, 4))  # fmt: skip

    def _limit_hit(self, n: int) -> tuple[str, float] | None:
        lim, cost = self.cfg.limits, self.cost
        if lim.max_tokens is not None and cost.prompt_tokens + cost.completion_tokens >= lim.max_tokens:
            return "max_tokens", lim.max_tokens
        if lim.max_cost is not None and cost.cost is not None and cost.cost >= lim.max_cost:
            return "max_cost", lim.max_cost
        if n >= self._max_turns:
            return "max_turns", self._max_turns
        return None

    async def _shape(self, act: Action) -> float:
        """The one-time report bonus, when this turn may have written a well-formed report."""
        if not any(c.name in _WRITERS for c in act.tool_calls):
            return 0.0
        if not report_ok(await self._read_report()):
            return 0.0
        self._paid = self.cfg.reward.report_bonus
        self.trajectory.emit("shaping", signal="report_bonus", value=self._paid)
        return self._paid

    async def _read_report(self) -> str | None:
        try:
            got = await self._sb.read(REPORT, max_bytes=REPORT_MAX_BYTES)
        except Refused:  # not there, not a file, a link out of the workspace
            return None
        return got.content

    # ------------------------------------------------------------ the end
    async def _end(self, status: str, answer: str, seen: list[ToolObservation], t0: float, *,
                   terminated: bool = False, truncated: bool = False, shaped: float = 0.0,
                   error_class: str | None = None) -> StepResult:  # fmt: skip
        """Stop the sandbox, copy ``response/`` out, remove the workspace, grade the copy.

        Whatever happens here (a cancelled step included) the sandbox is stopped, the temporary
        copy removed and the episode leaves the environment's table."""
        self._state = "done"
        self.cost.step_seconds += time.perf_counter() - t0
        metadata = self._metadata(status, error_class)
        self.trajectory.emit("run_end", status=status, answer=answer, metadata=metadata)
        work = self.records or Path(tempfile.mkdtemp(prefix="mle-env-episode-", dir=self.cfg.sandbox.workspace_root))
        try:
            self.outcome = await self._settle(status, answer, metadata, work, error_class)
        finally:
            await self._release()
            if self.records is None:
                shutil.rmtree(work, ignore_errors=True)
            self.trajectory.close()
            self._closed()
        reward = self.outcome.reward
        # this step's share: what the episode keeps, less what earlier steps were paid
        step_reward = None if reward.value is None else reward.value + reward.shaping - (self._paid - shaped)
        return StepResult(observations=seen, reward=step_reward, terminated=terminated, truncated=truncated,
                          turn=self.turn, seconds=round(time.perf_counter() - t0, 6), outcome=self.outcome)  # fmt: skip

    async def _settle(self, status: str, answer: str, metadata: dict[str, Any], work: Path,
                      error_class: str | None) -> Outcome:  # fmt: skip
        assert self.task is not None
        g0 = time.perf_counter()
        copied, infra = Copied(), None
        try:
            try:
                await self._sb.close()  # nothing of the policy's may still run while its files are read
                copied = copy_out(self._sb.workspace, work / "response")
            except SampleError as e:
                infra = e
        finally:
            await self._release()  # the workspace is removed before grading, as for a sample
        if infra is not None or error_class in ("infra", "grader"):
            evaluation = GraderFailure(error=f"not graded: {infra or answer}", error_class="grader").to_record()
        else:
            evaluation = await self._grade(work, answer)
        kept = self.cfg.reward.report_bonus if self._paid else 0.0
        if kept and not report_ok(_read_host(work / REPORT)):
            kept = 0.0  # the report broke after the bonus was paid: taken back now
        runs = {c.index for c in criteria_of(self.task) if runs_in_sandbox(c)}
        reward = reward_of(evaluation, self.cfg.reward.basis, shaping=kept, runs=runs)
        c = self.cost
        c.grade_seconds = round(time.perf_counter() - g0, 6)
        c.wall_seconds = round(time.monotonic() - self._start, 6)
        c.tool_seconds, c.step_seconds = round(c.tool_seconds, 6), round(c.step_seconds, 6)
        record = self._record(answer, metadata, evaluation, copied)
        if self.records is not None:
            write_json(self.records / "result.json", record)
        return Outcome(status=status, answer=answer, reward=reward, evaluation=evaluation, cost=c, record=record)

    async def _grade(self, work: Path, answer: str) -> dict[str, Any]:
        assert self.task is not None
        try:
            return await grade(self.task, work, answer, sandbox=self.cfg.sandbox, judge=self.judge)
        except Exception as e:  # noqa: BLE001 — a grader failure is recorded, never scored as the policy's zero
            return GraderFailure(error=f"{type(e).__name__}: {e}", error_class="grader").to_record()

    def _metadata(self, status: str, error_class: str | None) -> dict[str, Any]:
        c = self.cost
        out: dict[str, Any] = {
            "turns": self.turn, "tool_calls": c.tool_calls, "errors": self._errors, "status": status,
            "usage": {"prompt_tokens": c.prompt_tokens, "completion_tokens": c.completion_tokens,
                      "total_tokens": c.prompt_tokens + c.completion_tokens},
            "cost": c.cost, "retries": 0, "duration_seconds": round(time.monotonic() - self._start, 3),
            "episode_id": self.id,
        }  # fmt: skip
        if error_class:
            out["error_class"] = error_class
        return out

    def _record(self, answer: str, metadata: dict[str, Any], evaluation: dict[str, Any],
                copied: Copied) -> dict[str, Any]:  # fmt: skip
        assert self.task is not None
        optional: dict[str, Any] = {"response_cut": copied.cut()} if copied.cut() else {}
        return SampleResult.model_validate({
            "task_id": self.task.task_id, "model": self.cfg.policy_name, "temperature": None,
            "judge_model": getattr(self.judge, "name", None), "answer": answer, "metadata": metadata,
            "timestamp": datetime.now().isoformat(), "trace": self.trajectory.events, "task_file": self.task_file,
            "trajectory": "trajectory.jsonl" if self.records else "", "response_files": copied.files,
            "evaluation": evaluation, **optional,
        }).to_record()  # fmt: skip

    # ------------------------------------------------------------ teardown
    async def close(self) -> None:
        """Tear the episode down (its sandbox, if still running); an unfinished episode is not graded."""
        if self._state == "new":
            self._state = "closed"
            self._closed()
            return
        if self._state == "running":
            self._state = "closed"
            self.trajectory.emit("run_end", status="closed", answer="", metadata=self._metadata("closed", None))
            try:
                await self._release()
            finally:
                self.trajectory.close()
                self._closed()

    async def _release(self) -> None:
        stack, self._stack, self._sb, self._tools = self._stack, None, None, None
        if stack is not None:
            await stack.aclose()

    def _closed(self) -> None:
        if self._on_close is not None:
            self._on_close(self.id)
            self._on_close = None

    async def __aenter__(self) -> Episode:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


class _Policy:
    """``agent_view``'s view of the policy: it never gets hidden data."""

    needs_hidden_data = False


def _turn_event(act: Action) -> dict[str, Any]:
    """The action as the agent loop records a model turn (``model_response``'s ``turn``)."""
    text = act.text if act.answer is None or act.text else f"FINAL ANSWER: {act.answer}"
    calls = [{"id": c.id, "name": c.name,
              "arguments": c.arguments if isinstance(c.arguments, str) else json.dumps(c.arguments or {})}
             for c in act.tool_calls]  # fmt: skip
    usage = {"prompt_tokens": act.prompt_tokens, "completion_tokens": act.completion_tokens}
    return {"text": text, "tool_calls": calls, "usage": usage, "cost": act.cost}


def _read_host(path: Path) -> str | None:
    """A copied response file (a regular file the harness wrote), or None."""
    try:
        return path.read_text(encoding="utf-8", errors="replace") if path.is_file() and not path.is_symlink() else None
    except OSError:
        return None
