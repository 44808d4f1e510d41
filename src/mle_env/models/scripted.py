"""A model that replays a script: for tests, demos, and replaying a finished run."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mle_env.models.base import Message, ModelTurn, ScriptExhausted, ToolCall


def turn(text: str | None = None, *calls: tuple[str, dict[str, Any] | str], usage: tuple[int, int] = (0, 0)) -> ModelTurn:
    """Shorthand: ``turn("looking", ("read_file", {"path": "src/x.py"}))``."""
    tool_calls = [
        ToolCall(id=f"call_{i}", name=name, arguments=args if isinstance(args, str) else json.dumps(args))
        for i, (name, args) in enumerate(calls)
    ]
    return ModelTurn.model_validate(
        {"text": text, "tool_calls": tool_calls, "usage": {"prompt_tokens": usage[0], "completion_tokens": usage[1]}}
    )


class ScriptedModel:
    """Returns its turns in order, whatever it is asked; records what it was asked."""

    def __init__(self, turns: Iterable[ModelTurn | dict[str, Any]], name: str = "scripted"):
        self.name = name
        self.turns = [t if isinstance(t, ModelTurn) else ModelTurn.model_validate(t) for t in turns]
        self.calls: list[list[Message]] = []

    async def complete(self, messages: list[Message], tools: list[dict[str, Any]]) -> ModelTurn:
        self.calls.append(list(messages))
        i = len(self.calls) - 1
        if i >= len(self.turns):
            raise ScriptExhausted(f"scripted model {self.name!r} has {len(self.turns)} turns; turn {i + 1} was asked for")
        return self.turns[i]

    @classmethod
    def from_file(cls, path: str | Path) -> ScriptedModel:
        """A JSON list of turns (``{"text", "tool_calls": [{"id", "name", "arguments"}], "usage"}``),
        or a trajectory JSONL written by a finished run (its model responses are replayed)."""
        p = Path(path)
        text = p.read_text(encoding="utf-8")
        if p.suffix == ".jsonl":
            events = [json.loads(line) for line in text.splitlines() if line.strip()]
            turns = [e["turn"] for e in events if e.get("event") == "model_response"]
            return cls(turns, name=f"replay:{p.name}")
        return cls(json.loads(text), name=f"scripted:{p.name}")
