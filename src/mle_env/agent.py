"""The tool-calling loop: a model, the five tools, a task, and limits.

Behaves as the reference harness's agent (same system prompt, the prompt prefixed with
where the files are, tools run in order, the answer is the text after ``FINAL ANSWER:``)
and adds limits on tokens, wall time and cost, a trajectory written as it goes, and
failures returned as values.
"""

from __future__ import annotations

import asyncio
import re
import time
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from mle_env.errors import SampleError, SandboxError
from mle_env.models.base import Message, Model, ModelTurn, Usage
from mle_env.task import Task
from mle_env.tools import Tools, openai_tools
from mle_env.trajectory import Trajectory

SYSTEM_PROMPT = """You are an expert ML engineer debugging ML pipelines.
You have access to tools to read files, write files, list directories, run Python scripts, and execute bash commands.

When you have completed the task and have your final answer, respond with:
FINAL ANSWER: <your answer>

Your answer should also include all files changed in full, with explanations of the changes made. e.g.
"{
  'file1.py': '<full contents of file1.py>',
  'file2.py': '<full contents of file2.py>'
}"

Be systematic: read the code, understand the issue, write fixes, and verify they work."""

CONTINUE = "Continue with the task. When you are done, reply with FINAL ANSWER: <your answer>."
MAX_TURNS_ANSWER = "Max turns reached without final answer."
_FINAL = re.compile(r"FINAL ANSWER:\s*(.*)", re.DOTALL | re.IGNORECASE)


def task_prompt(task: Task) -> str:
    """The reference harness's user message: where the files are, then the task's prompt."""
    d = task.task_dir
    return f"All project files are located in the directory: {d}\nWhen accessing files, use paths like {d}/src/code.py\n\n{task.prompt_text}"


class Limits(BaseModel):
    """When a run stops early. Unset means no limit (turns default to the task's max_turns)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    max_turns: int | None = Field(None, ge=1)
    max_tokens: int | None = Field(None, ge=1)
    """Prompt plus completion tokens over the whole run."""
    max_seconds: float | None = Field(None, gt=0)
    """Wall time of the whole run."""
    max_cost: float | None = Field(None, gt=0)
    """USD over the whole run (only where prices are known)."""


class AgentResult(BaseModel):
    """The reference's ``(answer, metadata, trace)``, as one value."""

    answer: str
    metadata: dict[str, Any]
    trace: list[dict[str, Any]]

    @property
    def status(self) -> str:
        return self.metadata["status"]


class _Tally:
    def __init__(self) -> None:
        self.turns = self.tool_calls = self.retries = 0
        self.usage = Usage()
        self.cost: float | None = 0.0
        self.errors: list[str] = []
        self.start = time.monotonic()

    def add(self, reply: ModelTurn) -> None:
        self.usage += reply.usage
        self.retries += reply.retries
        self.cost = None if self.cost is None or reply.cost is None else self.cost + reply.cost

    def metadata(self, status: str, error_class: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "turns": self.turns,
            "tool_calls": self.tool_calls,
            "errors": self.errors,
            "status": status,
            "usage": {**self.usage.model_dump(), "total_tokens": self.usage.total_tokens},
            "cost": self.cost,
            "retries": self.retries,
            "duration_seconds": round(time.monotonic() - self.start, 3),
        }
        if error_class:
            out["error_class"] = error_class
        return out


class LLMAgent:
    """Runs a model against a task's tools until FINAL ANSWER or a limit."""

    def __init__(self, model: Model, limits: Limits | None = None):
        self.model = model
        self.name = model.name
        self.limits = limits or Limits()

    async def run(self, task: Task, tools: Tools, trajectory: Trajectory | None = None) -> AgentResult:
        traj = trajectory or Trajectory()
        lim = self.limits
        max_turns = lim.max_turns or task.max_turns
        specs = openai_tools(config=tools.cfg)
        messages = [Message(role="system", content=SYSTEM_PROMPT), Message(role="user", content=task_prompt(task))]
        tally = _Tally()
        deadline = tally.start + lim.max_seconds if lim.max_seconds else None
        traj.emit(
            "run_start",
            task_id=task.task_id,
            model=self.model.name,
            config=_settings(self.model),
            limits={**lim.model_dump(), "max_turns": max_turns},
            system_prompt=SYSTEM_PROMPT,
            task_prompt=messages[1].content,
            tools=[t["function"]["name"] for t in specs],
        )
        status, answer, error_class = "max_turns", MAX_TURNS_ANSWER, None
        try:
            async with asyncio.timeout_at(_loop_time(deadline)):
                status, answer = await self._loop(messages, specs, tools, traj, tally, max_turns)
        except TimeoutError:
            status, answer = "max_time", f"Time limit of {lim.max_seconds:g}s reached without final answer."
            traj.emit("limit_hit", limit="max_seconds", value=lim.max_seconds)
        except SampleError as e:
            # A sandbox that started and then died under a tool call was killed from inside (the
            # agent's own commands: `kill -9 $PPID`, exhausting its limits): counted against the
            # model, or a failing agent could escape its score by being excluded and retried.
            error_class = "model" if isinstance(e, SandboxError) else e.error_class
            status, answer = "error", f"Error: {e}"
            tally.errors.append(str(e))
            traj.emit("error", error_class=error_class, error=str(e), type=type(e).__name__)
        metadata = tally.metadata(status, error_class)
        traj.emit("run_end", status=status, answer=answer, metadata=metadata)
        return AgentResult(answer=answer, metadata=metadata, trace=traj.events)

    async def _loop(
        self,
        messages: list[Message],
        specs: list[dict[str, Any]],
        tools: Tools,
        traj: Trajectory,
        tally: _Tally,
        max_turns: int,
    ) -> tuple[str, str]:
        for n in range(1, max_turns + 1):
            tally.turns = n
            t0 = time.monotonic()
            reply = await self.model.complete(messages, specs)
            tally.add(reply)
            traj.emit("model_response", n=n, turn=reply.model_dump(), seconds=round(time.monotonic() - t0, 4))
            messages.append(Message(role="assistant", content=reply.text, tool_calls=reply.tool_calls))
            for call in reply.tool_calls:
                tally.tool_calls += 1
                t1 = time.monotonic()
                result = await tools.call(call.name, call.arguments)
                traj.emit(
                    "tool_call",
                    n=n,
                    id=call.id,
                    name=call.name,
                    arguments=call.arguments,
                    success=result.success,
                    result=result.result,
                    seconds=round(time.monotonic() - t1, 4),
                )
                messages.append(Message(role="tool", tool_call_id=call.id, name=call.name, content=result.result))
            if not reply.tool_calls:
                found = _FINAL.search(reply.text or "")
                if found:
                    return "completed", found.group(1).strip()
                messages.append(Message(role="user", content=CONTINUE))
            hit = self._limit_hit(tally)
            if hit:
                traj.emit("limit_hit", limit=hit[0], value=hit[1])
                return hit[0], f"{hit[0]} limit reached without final answer."
        traj.emit("limit_hit", limit="max_turns", value=max_turns)
        return "max_turns", MAX_TURNS_ANSWER

    def _limit_hit(self, tally: _Tally) -> tuple[str, float] | None:
        lim = self.limits
        if lim.max_tokens is not None and tally.usage.total_tokens >= lim.max_tokens:
            return "max_tokens", lim.max_tokens
        if lim.max_cost is not None and tally.cost is not None and tally.cost >= lim.max_cost:
            return "max_cost", lim.max_cost
        return None


def _settings(model: Model) -> dict[str, Any]:
    """The model's call settings for the record (never its API key)."""
    cfg = getattr(model, "cfg", None)
    if cfg is None or not hasattr(cfg, "model_dump"):
        return {"model": model.name}
    return cfg.model_dump(exclude={"api_key"})


def _loop_time(deadline: float | None) -> float | None:
    """A ``time.monotonic`` deadline on the event loop's clock."""
    if deadline is None:
        return None
    return asyncio.get_running_loop().time() + (deadline - time.monotonic())
