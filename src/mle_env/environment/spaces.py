"""What crosses the environment API: the action a policy takes and what it observes.

An ``Action`` is one model turn: tool calls (run in order, each giving a ``ToolObservation``),
or a final answer, or text with neither (the turn is spent and the policy is asked to
continue, as the agent loop does). ``Observation`` is what ``reset`` gives: the prompts and the
tool specs in OpenAI and Anthropic shapes, plus ``TaskInfo`` for the trainer's sampler (never
for the model's context). ``StepResult`` is what ``step`` gives.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from mle_env.environment.reward import Outcome

if TYPE_CHECKING:
    from mle_env.models.base import ModelTurn

FINAL = re.compile(r"FINAL ANSWER:\s*(.*)", re.DOTALL | re.IGNORECASE)
"""The agent loop's marker: the answer is the text after it."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ToolCall(_Frozen):
    """One call of one of the five tools, as a model made it."""

    name: str
    arguments: dict[str, Any] | str | None = None
    """A dict, or the raw JSON text a provider sent (parsed and checked like the agent loop does)."""
    id: str | None = None
    """The provider's call id, echoed on its observation; made up (``call_<turn>_<i>``) when None."""


class Action(_Frozen):
    """One turn of the policy: tool calls, or a final answer, or text with neither.

    Build one with ``Action.call``, ``Action.calls``, ``Action.final`` or, from a model's
    reply, ``Action.from_reply`` / ``Action.from_turn`` (the agent loop's reading: tool calls
    first, else the text after ``FINAL ANSWER:``, else a turn that asks the model to continue).
    """

    tool_calls: list[ToolCall] = Field(default_factory=list)
    answer: str | None = None
    """The final answer: ends the episode (then it is graded)."""
    text: str | None = None
    """What the model said besides (kept in the trajectory; not acted on)."""
    prompt_tokens: int = Field(0, ge=0)
    """Tokens of this turn, when the trainer wants the task's token limit enforced."""
    completion_tokens: int = Field(0, ge=0)
    cost: float | None = Field(None, ge=0)
    """USD of this turn, when the trainer wants a cost limit enforced."""

    @model_validator(mode="after")
    def _one_kind(self) -> Action:
        if self.answer is not None and self.tool_calls:
            raise ValueError("an action is tool calls or a final answer, not both")
        return self

    @classmethod
    def call(cls, name: str, **arguments: Any) -> Action:
        """One tool call: ``Action.call("read_file", path="src/train.py")``."""
        return cls(tool_calls=[ToolCall(name=name, arguments=arguments)])

    @classmethod
    def calls(cls, *calls: tuple[str, dict[str, Any] | str]) -> Action:
        """Several tool calls in one turn, run in order: ``Action.calls(("list_files", {"path": "."}), ...)``."""
        return cls(tool_calls=[ToolCall(name=n, arguments=a) for n, a in calls])

    @classmethod
    def final(cls, answer: str) -> Action:
        """The final answer (may be empty)."""
        return cls(answer=answer)

    @classmethod
    def from_reply(cls, text: str | None, tool_calls: list[ToolCall] | None = None) -> Action:
        """A model's reply read as the agent loop reads it."""
        if tool_calls:
            return cls(tool_calls=tool_calls, text=text)
        found = FINAL.search(text or "")
        if found:
            return cls(answer=found.group(1).strip(), text=text)
        return cls(text=text or "")

    @classmethod
    def from_turn(cls, turn: ModelTurn) -> Action:
        """A ``models.ModelTurn`` (LiteLLM or scripted backend) as an action, usage included."""
        calls = [ToolCall(name=c.name, arguments=c.arguments, id=c.id) for c in turn.tool_calls]
        act = cls.from_reply(turn.text, calls)
        tokens = {"prompt_tokens": turn.usage.prompt_tokens, "completion_tokens": turn.usage.completion_tokens}
        return act.model_copy(update={**tokens, "cost": turn.cost})


class TaskInfo(_Frozen):
    """Curriculum metadata for the trainer's task sampler. Not for the model's context: the task
    id and error codes would tell it the answer (the agent's own view of a task hides both)."""

    task_id: str
    difficulty: Literal["easy", "medium", "hard"] | None = None
    error_codes: list[str] | None = None
    """The task's expected error codes, only with ``EnvConfig.expose_error_codes``; else None."""
    max_turns: int
    tags: dict[str, Any] = Field(default_factory=dict)
    """Reserved for more public facets (never the solution, verifier or expected values)."""


class Observation(_Frozen):
    """What ``reset`` gives: the two messages the agent loop starts with, and the tools."""

    episode_id: str
    system_prompt: str
    task_prompt: str
    tools_openai: list[dict[str, Any]]
    """The five tools in the OpenAI function-calling shape (``tools=`` of a chat completion)."""
    tools_anthropic: list[dict[str, Any]]
    """The same tools in the Anthropic tool-use shape."""
    info: TaskInfo
    seed: int | None = None

    def messages(self) -> list[dict[str, Any]]:
        """The opening chat messages (OpenAI shape): the system prompt, then the task prompt."""
        return [{"role": "system", "content": self.system_prompt}, {"role": "user", "content": self.task_prompt}]


class ToolObservation(_Frozen):
    """One tool call's result, in the order the calls were given."""

    id: str
    name: str
    success: bool
    result: str
    """The text the model reads (a bad argument gives ``success=False`` and says why)."""
    seconds: float
    """The tool's own time (argument parsing and the sandbox round trip)."""

    def message(self) -> dict[str, Any]:
        """As an OpenAI ``tool`` message."""
        return {"role": "tool", "tool_call_id": self.id, "name": self.name, "content": self.result}


class StepResult(_Frozen):
    """What ``step`` gives. On the last step (``terminated`` or ``truncated``) ``outcome`` holds
    the graded reward and its breakdown; ``reward`` is this step's reward (0.0 before the end
    unless shaping is on; None when the grader could not score the episode)."""

    observations: list[ToolObservation] = Field(default_factory=list)
    message: str | None = None
    """A user message to add after the tool messages (the agent loop's "continue" nudge), or None."""
    reward: float | None = 0.0
    terminated: bool = False
    """The policy gave its final answer (or its sandbox died under it)."""
    truncated: bool = False
    """A limit ended the episode (turns, time, tokens, cost)."""
    turn: int
    seconds: float = 0.0
    """Time inside ``step`` (the tools' ``seconds`` included; on the last step grading too)."""
    outcome: Outcome | None = None

    @property
    def done(self) -> bool:
        return self.terminated or self.truncated
