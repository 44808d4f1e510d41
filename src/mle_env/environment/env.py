"""``Environment``: episodes over a task suite, for trainers that drive the policy themselves.

    async with Environment("tasks/") as env:
        episode = env.episode()
        obs = await episode.reset(seed=0)
        result = await episode.step(Action.call("list_files", path="."))
        ...
        result = await episode.step(Action.final("..."))
        result.reward, result.outcome.reward.criteria

Each ``Episode`` owns its sandbox and state; any number run concurrently on one event loop.
The environment keeps the open ones by id (``get``, and the id-addressed ``reset``/``step``/
``close_episode`` a server uses) and closes what is left on ``close``.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter

from mle_env.agent import Limits
from mle_env.environment.episode import Episode
from mle_env.environment.errors import EpisodeError
from mle_env.environment.reward import RewardConfig
from mle_env.environment.spaces import Action, Observation, StepResult, TaskInfo
from mle_env.environment.suite import TaskRef, TaskSuite
from mle_env.runner.factory import Judge
from mle_env.sandbox.base import BwrapConfig, SandboxConfig
from mle_env.task import Task
from mle_env.tools import ToolConfig


def _sandbox(value: Any) -> Any:
    """A backend config: a dict is validated as ``SandboxConfig`` (bwrap, docker, local: never the
    fake, which no request can name); a config object (``FakeSandboxConfig`` in tests) is kept."""
    if isinstance(value, dict):
        return TypeAdapter(SandboxConfig).validate_python(value)
    if not hasattr(value, "kind") or not hasattr(value, "workspace_root"):
        raise ValueError(f"not a sandbox config: {value!r}")
    return value


class EnvConfig(BaseModel):
    """How an environment runs its episodes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sandbox: Annotated[Any, BeforeValidator(_sandbox)] = Field(default_factory=BwrapConfig)
    """The sandbox backend of every episode and of its grading (``SandboxConfig``; default bwrap)."""
    limits: Limits = Limits()
    """When an episode is truncated: turns (default: the task's ``max_turns``), wall seconds from
    reset, and tokens and USD as the actions report them."""
    tools: ToolConfig = ToolConfig()
    reward: RewardConfig = RewardConfig()
    expose_error_codes: bool = False
    """Put each task's expected error codes in ``TaskInfo`` (for a curriculum; never in the prompt)."""
    records_dir: Path | None = None
    """Keep each finished episode's response files, trajectory.jsonl and result.json in
    ``records_dir/<episode id>/``; None keeps nothing on disk."""
    max_episodes: int | None = Field(None, ge=1)
    """Most episodes open at once (reset beyond it raises ``EpisodeError``); None: no cap."""
    seed: int | None = None
    """Seed of the environment's own task draws (``reset`` without ``task`` or ``seed``)."""
    policy_name: str = "policy"
    """The ``model`` recorded in each episode's result."""


class Environment:
    """Episodes over a task suite (a directory of task files, files, or ``Task`` values)."""

    def __init__(self, tasks: str | Path | Sequence[Task | str | Path], config: EnvConfig | None = None, *,
                 judge: Judge | None = None):  # fmt: skip
        """``judge``: an LLM judge (``runner.factory.make_judge``) to decide judge-only criteria;
        without one they are ungraded and left out of the reward's total."""
        self.config = config or EnvConfig()
        self.suite = TaskSuite(tasks)
        self.judge = judge
        self._rng = random.Random(self.config.seed)
        self._open: dict[str, Episode] = {}

    # ------------------------------------------------------------ episodes
    def episode(self) -> Episode:
        """A new episode handle (not started: call its ``reset``)."""
        cap = self.config.max_episodes
        if cap is not None and len(self._open) >= cap:
            raise EpisodeError(f"{cap} episodes are open (EnvConfig.max_episodes); close one first")
        ep = Episode(self.suite, self.config, judge=self.judge, rng=self._rng, on_close=self._forget)
        self._open[ep.id] = ep
        return ep

    def get(self, episode_id: str) -> Episode:
        """The open episode with this id."""
        try:
            return self._open[episode_id]
        except KeyError:
            raise EpisodeError(f"no open episode {episode_id!r} (it ended, was closed, or never was)") from None

    @property
    def open_episodes(self) -> list[str]:
        """Ids of the episodes not yet ended or closed."""
        return list(self._open)

    def curriculum(self) -> list[TaskInfo]:
        """Every task's public facets (id, difficulty; error codes only if the config allows)."""
        limit = self.config.limits.max_turns
        return [self.suite.info(t, error_codes=self.config.expose_error_codes, max_turns=limit)
                for t in self.suite.tasks]  # fmt: skip

    # ------------------------------------------------------------ addressed by id (for servers)
    async def reset(self, task: TaskRef | None = None, seed: int | None = None) -> Observation:
        """A new episode, reset: its observation carries its ``episode_id``."""
        return await self.episode().reset(task, seed)

    async def step(
        self, episode_id: str, action: Action | dict[str, Any], timeout_s: float | None = None
    ) -> StepResult:
        return await self.get(episode_id).step(action, timeout_s)

    async def close_episode(self, episode_id: str) -> None:
        """Close an episode if it is still open (no error if it has gone)."""
        ep = self._open.get(episode_id)
        if ep is not None:
            await ep.close()

    # ------------------------------------------------------------ teardown
    async def close(self) -> None:
        """Close every open episode (their sandboxes stop; unfinished ones are not graded)."""
        episodes = list(self._open.values())
        results = await asyncio.gather(*(ep.close() for ep in episodes), return_exceptions=True)
        errors = [r for r in results if isinstance(r, BaseException)]
        if errors:
            raise errors[0]

    async def __aenter__(self) -> Environment:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def _forget(self, episode_id: str) -> None:
        self._open.pop(episode_id, None)
