"""Models: a protocol (messages + tool specs → one normalized turn) and its backends.

    make_model("openai/gpt-4o-mini")        LiteLLM, any provider
    make_model("scripted:turns.json")       replays a JSON list of turns
    make_model("replay:trajectory.jsonl")   replays a finished run's model responses

A name LiteLLM cannot route is refused here (``names``), with a "did you mean" where one is close.
"""

from __future__ import annotations

from typing import Any

from mle_env.models.base import Message, Model, ModelError, ModelTurn, ScriptExhausted, ToolCall, Usage
from mle_env.models.scripted import ScriptedModel, turn

__all__ = [
    "Message",
    "Model",
    "ModelError",
    "ModelTurn",
    "ScriptExhausted",
    "ScriptedModel",
    "ToolCall",
    "Usage",
    "make_model",
    "turn",
]


def make_model(name: str, **llm: Any) -> Model:
    """A model from its name; ``llm`` holds LLMConfig fields for LiteLLM models."""
    from mle_env.errors import ConfigError

    for prefix in ("scripted:", "replay:"):
        if name.startswith(prefix):
            try:
                return ScriptedModel.from_file(name[len(prefix) :])
            except (OSError, ValueError) as e:  # JSON and validation errors are ValueErrors
                raise ConfigError(f"--model {name}: {e}") from None
    from pydantic import ValidationError

    from mle_env.models.llm import LiteLLMModel, LLMConfig, check_credentials
    from mle_env.models.names import name_problem

    why = name_problem(name, api_base=llm.get("api_base"))
    if why:  # the user's typo, said now: not a provider error on every sample
        raise ConfigError(f"model {name!r}: {why}")
    try:
        cfg = LLMConfig(model=name, **llm)
    except ValidationError as e:
        where = "; ".join(f"{'.'.join(map(str, x['loc']))}: {x['msg']}" for x in e.errors())
        raise ConfigError(f"model settings for {name!r}: {where}") from None
    check_credentials(cfg)
    return LiteLLMModel(cfg)
