"""The environment for trainers that are not async: its own event loop on a thread of its own.

    with SyncEnvironment("tasks/") as env:
        episode = env.episode()
        obs = episode.reset(seed=0)
        result = episode.step(Action.final(""))

Calls block the calling thread until the loop has done them; any number of threads may call
at once (each episode's steps are still taken one at a time, in order).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine, Sequence
from pathlib import Path
from typing import Any, TypeVar

from mle_env.environment.env import EnvConfig, Environment
from mle_env.environment.episode import Episode
from mle_env.environment.reward import Outcome
from mle_env.environment.spaces import Action, Observation, StepResult, TaskInfo
from mle_env.environment.suite import TaskRef
from mle_env.runner.factory import Judge
from mle_env.task import Task

T = TypeVar("T")


class SyncEnvironment:
    """``Environment`` with blocking methods; ``close()`` (or ``with``) stops its loop thread."""

    def __init__(self, tasks: str | Path | Sequence[Task | str | Path], config: EnvConfig | None = None, *,
                 judge: Judge | None = None):  # fmt: skip
        self.env = Environment(tasks, config, judge=judge)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="mle-env-environment", daemon=True)
        self._thread.start()

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine on the environment's loop and wait for its result."""
        if self._loop.is_closed():
            coro.close()
            raise RuntimeError("the SyncEnvironment is closed")
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result()

    def episode(self) -> SyncEpisode:
        return SyncEpisode(self, self.env.episode())

    def curriculum(self) -> list[TaskInfo]:
        return self.env.curriculum()

    def reset(self, task: TaskRef | None = None, seed: int | None = None) -> Observation:
        return self.run(self.env.reset(task, seed))

    def step(self, episode_id: str, action: Action | dict[str, Any], timeout_s: float | None = None) -> StepResult:
        return self.run(self.env.step(episode_id, action, timeout_s))

    def close_episode(self, episode_id: str) -> None:
        self.run(self.env.close_episode(episode_id))

    def close(self) -> None:
        """Close every open episode, then stop the loop and its thread."""
        if self._loop.is_closed():
            return
        try:
            self.run(self.env.close())
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()

    def __enter__(self) -> SyncEnvironment:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SyncEpisode:
    """An ``Episode`` with blocking ``reset``, ``step`` and ``close``."""

    def __init__(self, owner: SyncEnvironment, episode: Episode):
        self._owner, self.episode = owner, episode

    @property
    def id(self) -> str:
        return self.episode.id

    @property
    def done(self) -> bool:
        return self.episode.done

    @property
    def outcome(self) -> Outcome | None:
        return self.episode.outcome

    def reset(self, task: TaskRef | None = None, seed: int | None = None) -> Observation:
        return self._owner.run(self.episode.reset(task, seed))

    def step(self, action: Action | dict[str, Any], timeout_s: float | None = None) -> StepResult:
        return self._owner.run(self.episode.step(action, timeout_s))

    def close(self) -> None:
        self._owner.run(self.episode.close())

    def __enter__(self) -> SyncEpisode:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
