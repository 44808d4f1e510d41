"""What a batch is asked to do, as one typed value: ``RunConfig``.

The CLI (``mle-env run``), the HTTP server and tests all build a ``RunConfig`` and hand it to
``runner.orchestrate.run_batch``; nothing else assembles a run. Identity settings (what a
sample *means*: models, epochs, temperature, judge, LLM and limit settings) are recorded in the
run's ``run.json`` ``config``; execution settings (concurrency, sandbox, executor, budget) in its
``execution`` and may change on ``--resume``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from mle_env.agent import Limits
from mle_env.sandbox.base import SandboxConfig


class _Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LLMSettings(_Config):
    """How LLM agents call their provider (through LiteLLM). Unset: the provider's default."""

    api_base: str | None = None
    max_tokens: int | None = Field(None, ge=1)
    reasoning_effort: str | None = None
    seed: int | None = None
    max_retries: int | None = Field(None, ge=0)
    prices: dict[str, Any] | None = None
    """USD per token by model, for models LiteLLM has no price for."""

    def recorded(self) -> dict[str, Any]:
        """The settings as ``run.json`` records them (unset ones left out)."""
        return self.model_dump(exclude_none=True)


class JudgeSettings(_Config):
    """The LLM judge; ``model`` None grades every judge-only criterion as ungraded."""

    model: str | None = None
    samples: int = Field(1, ge=1)
    api_base: str | None = None


class LocalExecutor(_Config):
    kind: Literal["local"] = "local"


class RayExecutor(_Config):
    kind: Literal["ray"] = "ray"
    address: str | None = None
    """A Ray cluster's address (``auto`` joins a running one); None starts a local Ray."""
    cpus_per_sample: float = Field(1.0, gt=0)
    memory_per_sample: int = Field(2 * 1024**3, gt=0)
    """Bytes of memory Ray reserves for each sample."""


Executor = Annotated[LocalExecutor | RayExecutor, Field(discriminator="kind")]


class RunConfig(_Config):
    """One batch: every (task, model, epoch) sample, or the rest of a run to resume."""

    tasks: list[Path] = Field(default_factory=list)
    """Task files (ignored on resume: a run keeps its own)."""
    filters: list[str] | None = None
    """Task ids/stems (glob patterns) or error codes; a task matching any is run."""
    limit: int | None = Field(None, ge=1)
    models: list[str] = Field(default_factory=lambda: ["baseline"])
    floors: bool = False
    """Add the floor strategies as reference rows (constant:NONE, constant:DATA_LEAKAGE, shotgun)."""
    epochs: int = Field(1, ge=1)
    temperature: float = 0.0
    llm: LLMSettings = LLMSettings()
    limits: Limits = Limits()
    evaluate: bool = True
    judge: JudgeSettings = JudgeSettings()
    sandbox: SandboxConfig
    executor: Executor = LocalExecutor()
    concurrency: int = Field(1, ge=1)
    max_cost: float | None = Field(None, gt=0)
    """USD over the whole run; samples not started once it is reached are skipped."""
    pass_threshold: float | None = None
    output_dir: Path = Path("results")
    run_name: str | None = None
    resume: Path | None = None
    """A run directory to continue instead of starting a new run."""

    @field_validator("models")
    @classmethod
    def _distinct(cls, v: list[str]) -> list[str]:
        twice = sorted({m for m in v if v.count(m) > 1})
        if twice:
            raise ValueError(f"--model given twice: {', '.join(twice)}")
        return v

    def identity(self) -> dict[str, Any]:
        """``run.json``'s ``config`` for a new run (what a resumed run must agree on, and more)."""
        return {
            "models": self.models, "epochs": self.epochs, "temperature": self.temperature,
            "judge_model": self.judge.model if self.evaluate else None, "judge_samples": self.judge.samples,
            "evaluate": self.evaluate, "llm": self.llm.recorded(), "limits": self.limits.model_dump(exclude_none=True),
            "filter": self.filters, "limit": self.limit, "pass_threshold": self.pass_threshold,
        }  # fmt: skip

    def execution(self) -> dict[str, Any]:
        """``run.json``'s ``execution``: how this session runs (may change on resume)."""
        return {"concurrency": self.concurrency, "sandbox": self.sandbox.kind, "max_cost": self.max_cost,
                "keep_workspaces": getattr(self.sandbox, "keep_workspace", False), "executor": self.executor.kind,
                **({"ray_address": self.executor.address} if isinstance(self.executor, RayExecutor)
                   else {})}  # fmt: skip
