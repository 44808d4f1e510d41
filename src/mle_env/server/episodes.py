"""The served environment's episodes: one ``Environment`` for the server, a cap on open episodes,
the idle reaper, and the record of every episode that ends (``store.episodes``).

An episode belongs to the transport that reset it: a WebSocket session (closed with its socket)
or HTTP (addressed by id). Any episode idle for ``env_idle_timeout`` seconds — no reset or step
began, and none is running — is closed and its sandbox stopped; so is every open one when the
server stops. Each ending is recorded once: graded (with reward, breakdown, cost and record) or
not (``closed``, ``disconnected``, ``timed_out``, ``interrupted``, ``error``, with the reason).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass
from typing import Any

from mle_env.environment import (
    Action,
    EnvConfig,
    Environment,
    Episode,
    EpisodeError,
    Observation,
    RewardConfig,
    StepResult,
)
from mle_env.errors import MleEnvError
from mle_env.server.settings import ServerSettings
from mle_env.store.episodes import EpisodeStore

log = logging.getLogger("mle_env.server")


class Capacity(Exception):
    """More episodes would be open than ``env_max_episodes`` (OpenEnv's CAPACITY_REACHED)."""

    def __init__(self, active: int, most: int):
        super().__init__(f"{active} episodes are open, the server's most (--env-max-episodes {most}); "
                         "close one or try again later")  # fmt: skip
        self.active, self.most = active, most


class Unavailable(Exception):
    """The server has no environment (its tasks could not be loaded): said on every request."""


class NotOpen(Exception):
    """No open episode has this id (for this transport); the message says what became of it."""


@dataclass
class Slot:
    transport: str
    label: str | None
    started: float
    busy: int = 0
    """Resets and steps running now: the reaper leaves a busy episode alone."""


class EpisodeHost:
    """The server's episodes; ``start`` and ``stop`` run in the app's lifespan."""

    def __init__(self, settings: ServerSettings, sandbox: Any):
        self.settings, self.sandbox = settings, sandbox
        self.env: Environment | None = None
        self.problem: str | None = None
        self.store: EpisodeStore | None = None
        self._slots: dict[str, Slot] = {}
        self._reaper: asyncio.Task | None = None

    # ------------------------------------------------------------ life
    async def start(self) -> None:
        s = self.settings
        self.store = EpisodeStore(s.data_dir / "episodes.sqlite")
        try:
            from mle_env.runner.factory import make_judge

            judge = make_judge(s.default_judge, samples=s.judge_samples, api_base=s.judge_api_base)
            cfg = EnvConfig(sandbox=self.sandbox, max_episodes=s.env_max_episodes, policy_name="served",
                            reward=RewardConfig(report_bonus=s.env_report_bonus),
                            expose_error_codes=s.env_error_codes)  # fmt: skip
            self.env = Environment(s.tasks_dir, cfg, judge=judge)
        except (MleEnvError, OSError, ValueError) as e:  # the jobs API still serves; /env says why not
            self.problem = f"the environment is not available: {e}"
            log.warning("%s", self.problem)
        self._reaper = asyncio.ensure_future(self._reap_loop())

    async def stop(self) -> None:
        """Close every open episode (recorded ``interrupted``); their sandboxes stop."""
        if self._reaper is not None:
            self._reaper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reaper
        if self.env is not None:
            episodes = [self.find(i) for i in self.env.open_episodes]
            await asyncio.gather(*(self.close(ep, "interrupted", "the server stopped") for ep in episodes if ep),
                                 return_exceptions=True)  # fmt: skip
            await self.env.close()
        if self.store is not None:
            self.store.close()

    def environment(self) -> Environment:
        if self.env is None:
            raise Unavailable(self.problem or "the server is starting")
        return self.env

    # ------------------------------------------------------------ episodes
    async def reset(self, transport: str, *, task: str | int | None = None, seed: int | None = None,
                    label: str | None = None) -> tuple[Episode, Observation]:  # fmt: skip
        env = self.environment()
        most = self.settings.env_max_episodes
        if len(env.open_episodes) >= most:
            raise Capacity(len(env.open_episodes), most)
        ep = env.episode()
        slot = self._slots[ep.id] = Slot(transport, label, time.time(), busy=1)
        try:
            obs = await ep.reset(task, seed)
        except BaseException:
            self._slots.pop(ep.id, None)
            await ep.close()  # an unknown task leaves the handle open; a failed sandbox closed itself
            raise
        finally:
            slot.busy -= 1
        return ep, obs

    async def step(self, ep: Episode, action: Action, timeout_s: float | None = None) -> StepResult:
        slot = self._slots.get(ep.id)
        if slot is not None:
            slot.busy += 1
        try:
            res = await ep.step(action, timeout_s)
        except EpisodeError:
            raise
        except Exception as e:  # the server's fault, not the policy's: the episode cannot go on
            await self.close(ep, "error", f"{type(e).__name__}: {e}")
            raise
        finally:
            if slot is not None:
                slot.busy -= 1
        if res.done and res.outcome is not None:
            await self._record(ep, res.outcome.status)
        return res

    async def close(self, ep: Episode, status: str, reason: str) -> None:
        """End an episode that is still open, ungraded; record why (once)."""
        if not ep.done:
            await ep.close()
        if ep.outcome is None:
            await self._record(ep, status, reason)

    def get(self, episode_id: str, transport: str | None = None) -> Episode:
        """An open episode (of ``transport``, if given)."""
        ep = self.find(episode_id)
        slot = self._slots.get(episode_id)
        if ep is None or (transport is not None and (slot is None or slot.transport != transport)):
            raise NotOpen(self.why_not_open(episode_id, transport))
        return ep

    def why_not_open(self, episode_id: str, transport: str | None = None) -> str:
        row = self.store.get(episode_id) if self.store is not None else None
        if row is not None:
            how = f"{row['status']}" + (f" ({row['reason']})" if row.get("reason") else "")
            return f"episode {episode_id} has ended: {how}; GET /env/episodes/{episode_id} reads it"
        if self.find(episode_id) is not None:
            return f"episode {episode_id} belongs to a WebSocket session, not to {transport}"
        return f"no open episode {episode_id!r}"

    def label(self, episode_id: str) -> str | None:
        slot = self._slots.get(episode_id)
        return slot.label if slot else None

    @property
    def open_count(self) -> int:
        return len(self.env.open_episodes) if self.env is not None else 0

    def find(self, episode_id: str) -> Episode | None:
        """The open episode with this id, or None."""
        try:
            return self.env.get(episode_id) if self.env is not None else None
        except EpisodeError:
            return None

    async def _record(self, ep: Episode, status: str, reason: str | None = None) -> None:
        slot = self._slots.pop(ep.id, None)
        if slot is None or self.store is None:
            return  # recorded already
        out = ep.outcome
        fields: dict[str, Any] = {"transport": slot.transport, "label": slot.label, "status": status,
                                  "steps": ep.turn, "started": slot.started, "reason": reason,
                                  "task_id": ep.task.task_id if ep.task else None}  # fmt: skip
        if out is not None:
            fields.update(reward=out.reward.total, record=out.record,
                          outcome=out.model_dump(mode="json", exclude={"record"}))  # fmt: skip
        try:
            await asyncio.to_thread(self.store.add, ep.id, **fields)
        except Exception:  # disk full, …: the episode still ended; the trainer has its last step
            log.exception("recording episode %s", ep.id)

    # ------------------------------------------------------------ the reaper
    async def _reap_loop(self) -> None:
        idle = self.settings.env_idle_timeout
        interval = max(0.1, min(idle / 4, 5.0))
        last_expiry = 0.0
        while True:
            await asyncio.sleep(interval)
            try:
                await self.reap()
                if self.store is not None and time.monotonic() - last_expiry > 60:
                    last_expiry = time.monotonic()
                    await asyncio.to_thread(self.store.expire, self.settings.job_ttl)
            except Exception:  # the reaper must outlive any one failure
                log.exception("reaping idle episodes")

    async def reap(self) -> list[str]:
        """Close the episodes idle for longer than ``env_idle_timeout``; their ids."""
        idle, now = self.settings.env_idle_timeout, time.monotonic()
        stale = []
        for episode_id in list(self.env.open_episodes if self.env is not None else []):
            ep, slot = self.find(episode_id), self._slots.get(episode_id)
            if ep is not None and not (slot and slot.busy) and now - ep.last_active > idle:
                stale.append(ep)
        why = f"idle for more than {idle:g} s"
        await asyncio.gather(*(self.close(ep, "timed_out", why) for ep in stale), return_exceptions=True)
        return [ep.id for ep in stale]
