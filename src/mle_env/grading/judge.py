"""The LLM judge, for criteria nothing deterministic can decide.

It sees the criterion, the agent's final answer, the response files and the original code
with line numbers (each cut with an explicit marker, never silently), and answers JSON
with its reasoning before ``passed``. Temperature 0 and a fixed seed where the provider
takes one. Invalid JSON gets one retry, then the criterion is ungraded; so is a provider
failure. Verdicts are cached on disk by judge model + prompt, so an unchanged re-grade
makes no call. ``samples > 1`` takes a majority vote (a tie is ungraded).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from mle_env.errors import ConfigError, SampleError
from mle_env.models.base import Message, Usage
from mle_env.store import loads_bounded

SYSTEM = """You grade one criterion of an ML engineer's work on a debugging task.
Judge only the criterion given, strictly, from the evidence shown. If the criterion
describes an undesirable behaviour, "passed": true means that behaviour IS present.
Answer with one JSON object and nothing else: {"reasoning": "<two to four sentences>", "passed": true|false}"""
CUTS = {"answer": 8000, "file": 20000, "response": 60000}
"""Characters shown: of the answer, of one file, of all response files together (the agent decides
how many files it leaves: 1,000 of them must not push the judge's prompt past its context, which
would leave the judged criteria ungraded)."""


def cut(text: str, limit: int, what: str) -> str:
    """``text`` within ``limit`` characters, with an explicit marker where it was cut."""
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n[... {what} cut here: {len(text) - limit:,} more characters not shown ...]"


def numbered(source: str) -> str:
    return "\n".join(f"{i:4d} | {line}" for i, line in enumerate(source.splitlines(), 1))


def evidence(answer: str, response: dict[str, str], code: dict[str, str]) -> str:
    parts = ["## The agent's final answer\n" + (cut(answer, CUTS["answer"], "answer") or "(empty)")]
    budget, unshown = CUTS["response"], []
    for path, text in sorted(response.items()):
        if budget <= 0:
            unshown.append(path)
            continue
        parts.append(f"## Response file {path}\n" + cut(text, min(CUTS["file"], budget), path))
        budget -= min(len(text), CUTS["file"])
    if unshown:
        parts.append(f"## Response files not shown\n{len(unshown):,} more past the {CUTS['response']:,}-character "
                     f"budget: {', '.join(unshown[:20])}" + (", ..." if len(unshown) > 20 else ""))  # fmt: skip
    if not response:
        parts.append("## Response files\n(none were written)")
    for path, text in sorted(code.items()):
        parts.append(f"## Original project file {path} (with line numbers)\n" + cut(numbered(text), CUTS["file"], path))
    return "\n\n".join(parts)


def parse_verdict(text: str | None) -> tuple[bool, str] | None:
    if not text:
        return None
    body = re.sub(r"^```\w*\s*|\s*```$", "", text.strip())
    m = re.search(r"\{.*\}", body, re.DOTALL)
    if not m:
        return None
    try:
        data = loads_bounded(m.group(0))  # the judge may echo what the agent wrote
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("passed"), bool):
        return None
    return data["passed"], str(data.get("reasoning", ""))


class Judge:
    """A LiteLLM model used as a grader, with a disk cache and bounded concurrency."""

    def __init__(
        self,
        model: str,
        *,
        samples: int = 1,
        concurrency: int = 4,
        cache_dir: str | Path | None = None,
        **llm: Any,
    ):
        from mle_env.models.llm import LiteLLMModel, LLMConfig, check_credentials

        settings = {"temperature": 0.0, "seed": 0, "max_tokens": 1024, **llm}
        self.cfg = LLMConfig(model=model, **settings)
        self.name = model
        self.unavailable: str | None = None
        try:
            check_credentials(self.cfg)
        except ConfigError as e:
            self.unavailable = f"judge {model} is not available: {e}"
        self.model = LiteLLMModel(self.cfg)
        self.samples = max(1, samples)
        self.gate = asyncio.Semaphore(max(1, concurrency))
        default = Path(os.environ.get("MLE_ENV_CACHE", Path.home() / ".cache" / "mle-env")) / "judge"
        self.cache = Path(cache_dir) if cache_dir is not None else default
        self.usage = Usage()
        self.cost: float | None = 0.0
        self.calls = 0

    async def decide(self, criterion: str, points: int, proof: str) -> tuple[bool | None, str]:
        if self.unavailable:
            return None, self.unavailable
        kind = "a penalty (undesirable behaviour)" if points < 0 else "a requirement"
        prompt = f"## Criterion ({kind}, {points:+d} points)\n{criterion}\n\n{proof}"
        votes = [await self._one(prompt, i) for i in range(self.samples)]
        decided = [v for v in votes if v[0] is not None]
        if not decided:
            return None, votes[0][1]
        yes = sum(1 for v in decided if v[0])
        no = len(decided) - yes
        if yes == no:
            return None, f"the judge's {len(decided)} samples split evenly; ungraded"
        verdict = yes > no
        reason = next(v[1] for v in decided if v[0] == verdict)
        return verdict, reason if self.samples == 1 else f"{max(yes, no)} of {len(decided)} samples: {reason}"

    async def _one(self, prompt: str, sample: int) -> tuple[bool | None, str]:
        key = hashlib.sha256(json.dumps([self.cfg.model, self.cfg.seed, sample, SYSTEM, prompt]).encode()).hexdigest()
        path = self.cache / key[:2] / f"{key}.json"
        if path.is_file():
            try:
                hit = json.loads(path.read_text())
                return hit["passed"], hit["reasoning"]
            except (OSError, ValueError, KeyError):
                pass
        messages = [Message(role="system", content=SYSTEM), Message(role="user", content=prompt)]
        async with self.gate:
            for attempt in range(2):  # invalid JSON gets one retry
                try:
                    turn = await self.model.complete(messages, [])
                except SampleError as e:
                    return None, f"the judge failed: {e}"
                self.calls += 1
                self.usage += turn.usage
                self.cost = None if self.cost is None or turn.cost is None else self.cost + turn.cost
                verdict = parse_verdict(turn.text)
                if verdict is not None:
                    from mle_env.store import write_json

                    write_json(path, {"passed": verdict[0], "reasoning": verdict[1]})
                    return verdict
                messages = [*messages, Message(role="assistant", content=turn.text or ""),
                            Message(role="user", content="That was not the JSON object asked for. Answer again with "
                                    'only {"reasoning": "...", "passed": true|false}.')]  # fmt: skip
        return None, "the judge's answer was not valid JSON twice; ungraded"
