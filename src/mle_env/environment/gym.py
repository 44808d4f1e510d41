"""A Gymnasium ``Env`` over the environment API: text in, text out, the benchmark's reward at the end.

    from mle_env.environment.gym import MleEnvGym

    env = MleEnvGym("tasks/")
    obs, info = env.reset(seed=0, options={"task": "concrete-mix-strength"})   # obs: the task prompt
    obs, reward, terminated, truncated, info = env.step('{"name": "list_files", "arguments": {"path": "."}}')
    ...
    obs, reward, terminated, truncated, info = env.step("FINAL ANSWER: ...")   # info["outcome"]: why
    env.close()

Gymnasium is an optional dependency (extra ``rl``): only this module imports it. An action is a
string, read as a model's reply: a JSON object with ``name`` and ``arguments`` (one tool call),
a JSON array of them (several, run in order), a JSON object with ``environment.Action``'s
fields (``tool_calls``, ``answer``, ``text`` …), or plain text — the text after
``FINAL ANSWER:`` is the answer, other text is a turn with neither (the "continue" nudge comes
back). ``register()`` adds the id ``mle-env/MLBugs-v0`` for ``gymnasium.make``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import gymnasium
from gymnasium import spaces

from mle_env.environment.env import EnvConfig
from mle_env.environment.spaces import Action, StepResult, ToolCall
from mle_env.environment.sync import SyncEnvironment, SyncEpisode
from mle_env.runner.factory import Judge
from mle_env.task import Task

ENV_ID = "mle-env/MLBugs-v0"
MAX_TEXT = 1_000_000
"""Longest observation or action string the spaces declare (a turn's tool results together)."""


class AnyText(spaces.Text):
    """``spaces.Text`` that holds any Unicode text (its default charset is alphanumeric; prompts and
    tool output are not). Samples are still alphanumeric strings."""

    def contains(self, x: Any) -> bool:
        return isinstance(x, str) and self.min_length <= len(x) <= self.max_length


def parse_action(text: str) -> Action:
    """An action string as the environment's ``Action`` (see the module's docstring)."""
    try:
        data = json.loads(text)
    except ValueError:
        return Action.from_reply(text)
    if isinstance(data, dict) and "name" in data:
        return Action(tool_calls=[ToolCall.model_validate(data)])
    if isinstance(data, list) and data and all(isinstance(c, dict) for c in data):
        return Action(tool_calls=[ToolCall.model_validate(c) for c in data])
    if isinstance(data, dict) and data.keys() & {"tool_calls", "answer", "text"}:
        return Action.model_validate(data)
    return Action.from_reply(text)  # JSON that is none of these: a reply like any other


def render_result(res: StepResult) -> str:
    """A step's observation as the text a model reads next: each tool's result, in call order."""
    parts = [f"[{o.name} {o.id}{'' if o.success else ' failed'}]\n{o.result}" for o in res.observations]
    if res.message:
        parts.append(res.message)
    return "\n\n".join(parts)


class MleEnvGym(gymnasium.Env[str, str]):
    """One episode at a time over a task suite (``SyncEnvironment`` underneath: its own event loop thread).

    ``reset(seed, options={"task": id})`` → (task prompt, info: ``episode_id``, ``system_prompt``,
    ``tools`` (OpenAI shape), ``tools_anthropic``, ``task`` (curriculum metadata)).
    ``step(action)`` → (tool results as text, reward, terminated, truncated, info: ``turn``,
    ``tool_results``; on the last step ``outcome`` (status, answer, reward breakdown, evaluation
    record, cost) and ``graded``). The reward is 0.0 until the last step (unless shaping is on);
    an episode the grader could not score has reward 0.0 and ``info["graded"] = False``: drop it.
    """

    metadata: dict[str, Any] = {"render_modes": []}

    def __init__(self, tasks: str | Path | Sequence[Task | str | Path] = "tasks", config: EnvConfig | None = None, *,
                 judge: Judge | None = None, max_text: int = MAX_TEXT):  # fmt: skip
        self._env = SyncEnvironment(tasks, config, judge=judge)
        self._episode: SyncEpisode | None = None
        self.observation_space = AnyText(max_text, min_length=0)
        self.action_space = AnyText(max_text, min_length=0)

    @property
    def environment(self) -> SyncEnvironment:
        return self._env

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None) -> tuple[str, dict[str, Any]]:
        super().reset(seed=seed)
        self._end()
        task = (options or {}).get("task")
        if task is None:  # drawn by the Env's own generator: reset(seed=s) and what follows are reproducible
            task = int(self.np_random.integers(len(self._env.env.suite)))
        self._episode = self._env.episode()
        obs = self._episode.reset(task=task, seed=seed)
        info = {"episode_id": obs.episode_id, "system_prompt": obs.system_prompt, "tools": obs.tools_openai,
                "tools_anthropic": obs.tools_anthropic, "task": obs.info.model_dump(mode="json")}  # fmt: skip
        return obs.task_prompt, info

    def step(self, action: str | Action) -> tuple[str, float, bool, bool, dict[str, Any]]:
        if self._episode is None:
            raise gymnasium.error.ResetNeeded("call reset() before step()")
        act = action if isinstance(action, Action) else parse_action(action)
        res = self._episode.step(act)
        info: dict[str, Any] = {"turn": res.turn, "tool_results": [o.model_dump(mode="json") for o in res.observations]}
        if res.outcome is not None:
            out = res.outcome
            info.update(outcome=out.model_dump(mode="json", exclude={"record"}), graded=out.reward.value is not None,
                        record=out.record)  # fmt: skip
        return render_result(res), float(res.reward or 0.0), res.terminated, res.truncated, info

    def close(self) -> None:
        self._end()
        self._env.close()

    def _end(self) -> None:
        if self._episode is not None and not self._episode.done:
            self._episode.close()
        self._episode = None


def register(env_id: str = ENV_ID, **kwargs: Any) -> str:
    """Register ``MleEnvGym`` with Gymnasium (``gymnasium.make(env_id, tasks=..., config=...)``);
    ``kwargs`` become the defaults of ``make``. Not done on import."""
    if env_id not in gymnasium.registry:
        gymnasium.register(id=env_id, entry_point="mle_env.environment.gym:MleEnvGym", kwargs=kwargs)
    return env_id
