"""What every model backend returns: one normalized turn per call."""

from __future__ import annotations

import json
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from mle_env.errors import SampleError


class ModelError(SampleError):
    """The provider failed for good (after retries, or at once for errors that cannot heal).

    An infrastructure error: it ends the sample and is never scored as the model's zero.
    """

    error_class = "infra"

    def __init__(self, message: str, *, retries: int = 0, status: int | None = None):
        super().__init__(message)
        self.retries, self.status = retries, status


class ScriptExhausted(SampleError):
    """A scripted model was asked for more turns than its script has."""

    error_class = "model"


class ToolCall(BaseModel):
    """One tool call as the model made it; ``arguments`` is the raw JSON text it sent."""

    model_config = ConfigDict(frozen=True)
    id: str
    name: str
    arguments: str = "{}"

    def parsed(self) -> dict[str, Any] | str:
        """The arguments as a dict, or the raw text when it is not a JSON object."""
        try:
            value = json.loads(self.arguments) if self.arguments.strip() else {}
        except json.JSONDecodeError:
            return self.arguments
        return value if isinstance(value, dict) else self.arguments


class Usage(BaseModel):
    model_config = ConfigDict(frozen=True)
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
        )


class ModelTurn(BaseModel):
    """One model response, the same shape from every backend (LiteLLM, scripted, replay)."""

    model_config = ConfigDict(frozen=True)
    text: str | None = None
    tool_calls: list[ToolCall] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
    cost: float | None = None
    """USD for this call; None when no price is known (never an invented 0)."""
    retries: int = 0
    """Failed attempts before this response (rate limits, 5xx, timeouts)."""
    finish_reason: str | None = None


class Message(BaseModel):
    """A conversation message in the OpenAI chat shape, which LiteLLM translates per provider."""

    model_config = ConfigDict(frozen=True)
    role: Literal["system", "user", "assistant", "tool"]
    content: str | None = None
    tool_calls: list[ToolCall] = Field(default_factory=list)
    tool_call_id: str | None = None
    name: str | None = None

    def to_openai(self) -> dict[str, Any]:
        out: dict[str, Any] = {"role": self.role, "content": self.content}
        if self.tool_calls:
            out["tool_calls"] = [
                {"id": c.id, "type": "function", "function": {"name": c.name, "arguments": c.arguments}}
                for c in self.tool_calls
            ]
        if self.tool_call_id is not None:
            out["tool_call_id"] = self.tool_call_id
        if self.name is not None and self.role == "tool":
            out["name"] = self.name
        return out


class Model(Protocol):
    """Messages and tool specs in, one normalized turn out."""

    name: str

    async def complete(self, messages: list[Message], tools: list[dict[str, Any]]) -> ModelTurn: ...
