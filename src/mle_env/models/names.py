"""Model names: can LiteLLM route this one, and what did a mistyped one mean?

A name is checked before anything is created for it: ``baselin`` is the user's typo, said once
with a "did you mean", not a provider error recorded on every sample.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

FILE_MODELS = ("scripted:", "replay:")
"""Prefixes of models that replay a file instead of calling a provider."""
EXAMPLE = "provider/model: openai/gpt-4o-mini, hosted_vllm/NAME with --api-base, ..."


def routable(name: str, api_base: str | None = None) -> bool:
    """True when LiteLLM knows which provider serves ``name`` (a known prefix, or a model it knows by name)."""
    if not name or name != name.strip() or any(c.isspace() for c in name):
        return False
    if "/" in name and not name.split("/", 1)[1]:
        return False  # "openai/": a provider and no model
    from mle_env.models.llm import _litellm

    try:
        _litellm().get_llm_provider(name, api_base=api_base)
    except Exception:  # LiteLLM raises BadRequestError("LLM Provider NOT provided ...") and others
        return False
    return True


def _suggest(name: str, others: Sequence[str]) -> str | None:
    close = difflib.get_close_matches(name, list(others), n=1, cutoff=0.6)
    if close:
        return close[0]
    from mle_env.models.llm import _litellm

    litellm = _litellm()
    if "/" in name:  # a mistyped provider: opnai/gpt-4o -> openai/gpt-4o
        prefix, rest = name.split("/", 1)
        providers = [getattr(p, "value", str(p)) for p in litellm.provider_list]
        close = difflib.get_close_matches(prefix, providers, n=1, cutoff=0.6)
        return f"{close[0]}/{rest}" if close and rest else None
    close = difflib.get_close_matches(name, list(litellm.model_cost), n=1, cutoff=0.8)
    return close[0] if close and routable(close[0]) else None


def name_problem(
    name: str, *, others: Sequence[str] = (), files: bool = True, api_base: str | None = None
) -> str | None:
    """Why ``name`` is not a model: neither one of ``others`` (names the caller resolves itself, such
    as the no-LLM agents), nor a ``scripted:``/``replay:`` file (when ``files``), nor a model LiteLLM
    can route. None when it is one of them. Whether a file exists is the model's own check."""
    if name in others or (files and name.startswith(FILE_MODELS)) or routable(name, api_base):
        return None
    hint = _suggest(name, others)
    kinds = [*others, *(("scripted:FILE", "replay:FILE") if files else ())]
    give = (", ".join(kinds) + " or " if kinds else "") + f"a LiteLLM {EXAMPLE}"
    return "unknown model" + (f"; did you mean {hint!r}?" if hint else "") + f" (give {give})"
