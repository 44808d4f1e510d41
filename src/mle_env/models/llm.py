"""Any LLM through LiteLLM: retries that can heal, none for errors that cannot, usage and cost."""

from __future__ import annotations

import asyncio
import os
import random
import time
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from mle_env.errors import ConfigError
from mle_env.models.base import Message, ModelError, ModelTurn, ToolCall, Usage

ANTHROPIC_MAX_TOKENS = 8192
"""Completion tokens per call for Anthropic models when none is configured (the API requires a value)."""
RETRY_STATUS = {408, 409, 425, 429, 500, 502, 503, 504, 520, 522, 524, 529}
"""HTTP statuses worth another try: rate limits, overload, gateway trouble."""
NO_RETRY_WORDS = ("insufficient_quota", "exceeded your current quota", "quota exceeded", "daily limit", "billing")
"""A 429 with these words is a quota that the next minute will not restore."""


class Price(BaseModel):
    """USD per token, for models LiteLLM's price map does not know."""

    model_config = ConfigDict(frozen=True)
    input: float = Field(ge=0)
    output: float = Field(ge=0)


class LLMConfig(BaseModel):
    """How to call one model through LiteLLM."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    model: str
    """A LiteLLM model string: ``openai/gpt-4o-mini``, ``anthropic/...``, ``gemini/...``, ``hosted_vllm/...``."""
    api_base: str | None = None
    """Endpoint override, for local servers (vLLM, Ollama, a proxy)."""
    api_key: str | None = None
    """Overrides the provider's environment variable."""
    temperature: float | None = 0.0
    max_tokens: int | None = None
    """Completion tokens per call."""
    reasoning_effort: str | None = None
    """``low`` / ``medium`` / ``high`` where the provider takes one."""
    seed: int | None = None
    """Where the provider takes one."""
    timeout: float = 600.0
    """Seconds for one call."""
    max_retries: int = Field(6, ge=0)
    """Retries after a rate limit, an overload, a 5xx or a timeout."""
    retry_base: float = Field(1.0, ge=0)
    """First backoff in seconds; doubles each retry, with full jitter."""
    retry_max_wait: float = Field(60.0, ge=0)
    """Longest single backoff in seconds (a provider's Retry-After is honoured up to this)."""
    retry_total: float = Field(600.0, ge=0)
    """Give up once retrying has taken this many seconds."""
    prices: dict[str, Price] = Field(default_factory=dict)
    """Prices for models LiteLLM does not know, by model string."""


def _litellm() -> Any:
    # Never fetch the price map from the network; LiteLLM ships a copy.
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    os.environ.setdefault("LITELLM_OFFLINE_MODE", "true")
    import litellm

    litellm.suppress_debug_info = True
    return litellm


def missing_credentials(model: str) -> list[str]:
    """Environment variables the provider of ``model`` needs and that are not set."""
    try:
        found = _litellm().validate_environment(model=model)
    except Exception:  # an unknown provider: let the first call say what is wrong
        return []
    return list(found.get("missing_keys") or [])


def check_credentials(cfg: LLMConfig) -> None:
    """Raise one clear ``ConfigError`` naming the variable(s) the provider needs."""
    if cfg.api_key or cfg.api_base:
        return
    missing = missing_credentials(cfg.model)
    if missing:
        names = " and ".join(missing)
        raise ConfigError(
            f"model {cfg.model!r} needs {names}: set it in the environment or in a .env file in this directory"
        )


class LiteLLMModel:
    """A ``Model`` backed by ``litellm.acompletion``."""

    def __init__(self, cfg: LLMConfig):
        self.cfg = cfg
        self.name = cfg.model
        self._litellm = _litellm()

    async def complete(self, messages: list[Message], tools: list[dict[str, Any]]) -> ModelTurn:
        cfg = self.cfg
        kwargs: dict[str, Any] = {
            "model": cfg.model,
            "messages": [m.to_openai() for m in messages],
            "timeout": cfg.timeout,
            "num_retries": 0,  # retries are ours: counted, capped, and only for errors that can heal
            "drop_params": True,  # a provider without seed / reasoning_effort just does without
        }
        if tools:
            kwargs["tools"] = tools
        for key in ("api_base", "api_key", "temperature", "max_tokens", "reasoning_effort", "seed"):
            value = getattr(cfg, key)
            if value is not None:
                kwargs[key] = value
        if cfg.max_tokens is None and cfg.model.startswith("anthropic/"):
            kwargs["max_tokens"] = ANTHROPIC_MAX_TOKENS  # LiteLLM would ask for 128k on a model it does not know
        start, retries = time.monotonic(), 0
        while True:
            try:
                resp = await self._litellm.acompletion(**kwargs)
                break
            except Exception as e:  # LiteLLM maps every provider's errors onto its own classes
                status = _status(e)
                waited = time.monotonic() - start
                if not _retryable(e, status) or retries >= cfg.max_retries or waited >= cfg.retry_total:
                    why = "gave up after %d retries: " % retries if retries else ""
                    raise ModelError(f"{cfg.model}: {why}{_describe(e, status)}", retries=retries, status=status) from e
                delay = min(cfg.retry_max_wait, cfg.retry_base * 2**retries) * random.random()
                delay = max(delay, min(_retry_after(e) or 0.0, cfg.retry_max_wait))
                retries += 1
                await asyncio.sleep(min(delay, max(cfg.retry_total - waited, 0)))
        return self._turn(resp, retries)

    def _turn(self, resp: Any, retries: int) -> ModelTurn:
        try:
            return self._normalize(resp, retries)
        except (AttributeError, IndexError, TypeError, ValueError) as e:
            raise ModelError(f"{self.cfg.model}: unreadable response from the provider ({type(e).__name__}: {e})") from e

    def _normalize(self, resp: Any, retries: int) -> ModelTurn:
        choice = resp.choices[0]
        msg = choice.message
        calls = [
            ToolCall(id=tc.id or f"call_{i}", name=tc.function.name, arguments=tc.function.arguments or "{}")
            for i, tc in enumerate(msg.tool_calls or [])
        ]
        u = getattr(resp, "usage", None)
        usage = Usage(
            prompt_tokens=int(getattr(u, "prompt_tokens", 0) or 0),
            completion_tokens=int(getattr(u, "completion_tokens", 0) or 0),
        )
        return ModelTurn(
            text=msg.content or None,
            tool_calls=calls,
            usage=usage,
            cost=self._cost(resp, usage),
            retries=retries,
            finish_reason=choice.finish_reason,
        )

    def _cost(self, resp: Any, usage: Usage) -> float | None:
        price = self.cfg.prices.get(self.cfg.model)
        if price is not None:
            return usage.prompt_tokens * price.input + usage.completion_tokens * price.output
        cost = (getattr(resp, "_hidden_params", None) or {}).get("response_cost")
        return float(cost) if cost is not None else None  # unknown stays None, never an invented 0


def _status(e: Exception) -> int | None:
    for attr in ("status_code", "code"):
        value = getattr(e, attr, None)
        if isinstance(value, int):
            return value
        if isinstance(value, str) and value.isdigit():
            return int(value)
    return None


def _retryable(e: Exception, status: int | None) -> bool:
    text = str(e).lower()
    if any(w in text for w in NO_RETRY_WORDS):
        return False
    name = type(e).__name__
    if name in ("APIConnectionError", "Timeout", "RateLimitError", "ServiceUnavailableError", "InternalServerError"):
        return True
    if "overloaded" in text:
        return True
    return status in RETRY_STATUS


def _retry_after(e: Exception) -> float | None:
    headers = (
        getattr(e, "litellm_response_headers", None)
        or getattr(getattr(e, "response", None), "headers", None)
        or getattr(e, "headers", None)
    )
    try:
        value = headers.get("retry-after") if headers else None
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _describe(e: Exception, status: int | None) -> str:
    kind = type(e).__name__
    text = str(e).strip().replace("\n", " ")
    return f"{kind}{f' (HTTP {status})' if status else ''}: {text[:500]}"
