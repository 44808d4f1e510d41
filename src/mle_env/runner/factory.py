"""One place that turns names into agents and judges, for the CLI, the server and batches alike.

``check_model`` is the single test of a ``--model``/``--judge-model`` name (a name mle-env can
use, the provider key it needs); ``agent_factory`` makes each sample's agent from a run's
recorded settings; ``make_judge`` the LLM judge. A name that cannot work raises ``ConfigError``
before anything is created.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from mle_env.errors import ConfigError
from mle_env.runner.sample import NO_LLM_AGENTS as AGENTS  # and the floors: constant:CODE, shotgun[:CODE]


class Judge(Protocol):
    """What grading needs of a judge (``grading.judge.Judge`` is the LLM one): a verdict per
    criterion — passed, failed or None (ungraded) with the reasoning — and what it cost."""

    name: str
    usage: Any
    cost: float | None
    calls: int

    async def decide(self, criterion: str, points: int, proof: str) -> tuple[bool | None, str]: ...


def check_model(name: str, flag: str, *, judge: bool = False, api_base: str | None = None) -> None:
    """A name mle-env can use (with a "did you mean" for a typo) and, for an LLM, the key its
    provider needs; else ``ConfigError`` naming ``flag``."""
    from mle_env.agents.floors import FloorAgent, is_floor
    from mle_env.models.llm import missing_credentials
    from mle_env.models.names import FILE_MODELS, name_problem

    if not judge and is_floor(name):
        try:
            FloorAgent(name)
        except ValueError as e:
            raise ConfigError(f"{flag} {name}: {e}") from None
        return
    why = name_problem(name, others=("none",) if judge else AGENTS, files=not judge, api_base=api_base)
    if why:
        raise ConfigError(f"{flag} {name}: {why}")
    if name in AGENTS or name.startswith(FILE_MODELS) or api_base:  # a local endpoint may need no key
        return
    missing = missing_credentials(name)
    if missing:
        raise ConfigError(f"{flag} {name} needs {' and '.join(missing)}: "
                          "set it in the environment or in a .env file in this directory")  # fmt: skip


def make_judge(model: str | None, *, samples: int = 1, api_base: str | None = None) -> Any:
    """The LLM judge for ``model``, or None (no model, or ``none``); checked first."""
    if not model or model == "none":
        return None
    check_model(model, "--judge-model", judge=True, api_base=api_base)
    from mle_env.grading.judge import Judge as LLMJudge

    if api_base:
        return LLMJudge(model, samples=samples, api_base=api_base)
    return LLMJudge(model, samples=samples)


AgentFactory = Callable[[str, int, float | None], Any]
"""(model, epoch, run budget left in USD or None) -> a fresh agent for one sample."""


def agent_factory(cfg: dict[str, Any]) -> AgentFactory:
    """Agents as a run's recorded ``config`` asks (its ``llm``, ``limits``, ``temperature``): each
    epoch draws with its own seed, and a run budget caps each sample's cost."""
    from mle_env.agent import Limits
    from mle_env.runner.sample import make_agent

    llm = dict(cfg.get("llm") or {})
    if cfg.get("temperature") is not None:
        llm["temperature"] = cfg["temperature"]

    def make(model: str, epoch: int, budget_left: float | None) -> Any:
        limits = dict(cfg.get("limits") or {})
        if budget_left is not None:
            limits["max_cost"] = min(limits.get("max_cost", budget_left), budget_left)
        extra = dict(llm)
        if "seed" in extra:  # each epoch its own draw, reproducibly
            extra["seed"] = extra["seed"] + epoch - 1
        return make_agent(model, limits=Limits(**limits), **extra)

    return make


def preflight(cfg: dict[str, Any], judge_api_base: str | None = None) -> Any:
    """Check every model and the judge, and make each model's agent once, before anything is created
    or runs: a mistyped name or a missing key is the user's error, said once, not an infrastructure
    error on every sample. Returns the judge (None when not grading or none asked)."""
    api_base = (cfg.get("llm") or {}).get("api_base")
    for model in cfg["models"]:
        check_model(model, "--model", api_base=api_base)
    make = agent_factory(cfg)
    for model in cfg["models"]:
        make(model, 1, None)
    if not cfg["evaluate"]:
        return None
    return make_judge(cfg.get("judge_model"), samples=cfg.get("judge_samples") or 1, api_base=judge_api_base)
