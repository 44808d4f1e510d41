"""The environment API served the way OpenEnv serves environments, under ``/env`` (docs/environment.md,
"Served"): an OpenEnv client's ``base_url`` is ``http://host:port/env``.

* ``WS /env/ws`` — one session, one episode at a time: ``reset`` (``{seed, episode_id, task}``),
  ``step`` (an action of ``server.openenv``), ``state``, ``close``; answers ``observation``,
  ``state`` or ``error`` (OpenEnv's ``WSErrorCode``). A socket that goes away closes its episode
  at once (a step it was waiting for is cancelled; the sandbox stops), as OpenEnv does.
* HTTP — ``POST /env/reset`` (the new episode's id is in its ``observation``), ``POST /env/step``
  and ``GET /env/state`` (address an episode by ``episode_id``: unlike OpenEnv's stateless HTTP
  routes, ours play whole episodes), ``POST /env/close``, ``GET /env/health``, ``/env/schema``,
  ``/env/metadata``, ``/env/curriculum``, and ``GET /env/episodes/{id}`` for an ended episode.

The server's bearer token guards all of it but ``/env/health`` (a WebSocket may give it as
``?token=`` when its client cannot set headers; a wrong one closes the socket with 1008).
Episodes, the cap and the idle reaper are ``server.episodes``.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, FastAPI, HTTPException, Query, WebSocket
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mle_env import __version__
from mle_env.environment import Episode, EpisodeError, TaskInfo
from mle_env.errors import SampleError
from mle_env.server import openenv as oe
from mle_env.server.episodes import Capacity, EpisodeHost, NotOpen, Unavailable
from mle_env.server.guards import SafeJSON, body_errors, scrub
from mle_env.server.settings import ServerSettings
from mle_env.tools import openai_tools

POLICY_VIOLATION = 1008
bearer = HTTPBearer(auto_error=False, description="the server's token (mle-env serve --token / MLE_ENV_API_TOKEN)")


class ResetRequest(BaseModel):
    """OpenEnv's ``ResetRequest`` with ``task``; other keys are ignored, as OpenEnv ignores them."""

    model_config = ConfigDict(extra="allow")
    seed: int | None = Field(None, ge=0, description="draws the task when none is named (the task's data are fixed)")
    episode_id: str | None = Field(None, max_length=255, description="a label kept with the episode; the server "
                                                                     "assigns the episode's id")  # fmt: skip
    task: str | int | None = Field(None, description="a task id (or file stem) or index; see GET /env/curriculum")


class StepRequest(BaseModel):
    """OpenEnv's ``StepRequest`` plus the ``episode_id`` that ``reset`` answered with."""

    model_config = ConfigDict(extra="allow")
    action: dict[str, Any]
    episode_id: str | None = Field(None, max_length=255, description="required, except for list_tools")
    timeout_s: float | None = Field(
        None, gt=0, description="bounds this step's tool calls together: a command's own timeout is cut to "
        "what is left; a call with nothing left is not run"
    )  # fmt: skip
    request_id: str | None = Field(None, max_length=255)


class CloseRequest(BaseModel):
    episode_id: str = Field(max_length=255)


def environment_router(settings: ServerSettings, sandbox: Any) -> APIRouter:
    """The ``/env`` routes (include with ``prefix="/env"``); their episodes live in the app's lifespan."""
    host = EpisodeHost(settings, sandbox)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await host.start()
        try:
            yield
        finally:
            await host.stop()

    router = APIRouter(lifespan=lifespan, tags=["environment (OpenEnv)"])

    def token_ok(given: str | None) -> bool:
        if settings.token is None:
            return True
        return given is not None and hmac.compare_digest(given.encode(), settings.token.encode())

    def authorized(creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
        if not token_ok(creds.credentials if creds else None):
            raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})

    deps = [Depends(authorized)]

    # ------------------------------------------------------------ HTTP
    @router.post("/reset", dependencies=deps, summary="Start an episode (OpenEnv ResetResponse; its id in observation)")
    async def reset(req: Annotated[ResetRequest, Body(default_factory=ResetRequest)]) -> SafeJSON:
        try:
            _, obs = await host.reset("http", task=req.task, seed=req.seed, label=req.episode_id)
        except Capacity as e:
            raise HTTPException(503, {"message": str(e), "code": "CAPACITY_REACHED", "active_sessions": e.active,
                                      "max_sessions": e.most}, headers={"Retry-After": "5"}) from None  # fmt: skip
        except Unavailable as e:
            raise HTTPException(503, str(e)) from None
        except EpisodeError as e:
            raise RequestValidationError([{"type": "value_error", "loc": ["body", "task"], "msg": str(e),
                                           "input": req.task}]) from None  # fmt: skip
        except SampleError as e:
            raise HTTPException(503, f"the sandbox could not start: {e}") from None
        return SafeJSON(oe.reset_payload(obs))

    @router.post("/step", dependencies=deps, summary="One action in an episode (OpenEnv StepResponse)")
    async def step(req: StepRequest) -> SafeJSON:
        try:
            act = oe.ACTION.validate_python(req.action)
        except ValidationError as e:
            raise RequestValidationError([{**err, "loc": ["body", "action", *err["loc"]]}
                                          for err in json.loads(e.json(include_url=False))]) from None  # fmt: skip
        if isinstance(act, oe.ListTools):
            return SafeJSON(oe.tools_payload(tool_specs()))
        if req.episode_id is None:
            raise RequestValidationError([{"type": "missing", "loc": ["body", "episode_id"], "input": None,
                                           "msg": "the episode_id that POST /env/reset answered with"}])  # fmt: skip
        ep = open_episode(req.episode_id, "http")
        try:
            res = await host.step(ep, oe.to_action(act), req.timeout_s)
        except EpisodeError as e:
            raise HTTPException(409, str(e)) from None
        return SafeJSON(oe.step_payload(ep.id, act, res))

    @router.post("/close", dependencies=deps, summary="Close an HTTP episode unfinished (it is not graded)")
    async def close(req: CloseRequest) -> SafeJSON:
        ep = open_episode(req.episode_id, "http")
        await host.close(ep, "closed", "closed by its client")
        return SafeJSON(state_of(ep, None))

    @router.get("/state", dependencies=deps, summary="An episode's state (OpenEnv State)")
    async def state(episode_id: str | None = Query(None, max_length=255)) -> SafeJSON:
        if episode_id is None:
            return SafeJSON({**oe.ServedState().model_dump(mode="json"), "open_episodes": host.open_count,
                             "max_episodes": settings.env_max_episodes})  # fmt: skip
        ep = host.find(episode_id)
        if ep is not None:
            return SafeJSON(state_of(ep, host.label(ep.id)))
        row = host.store.get(episode_id) if host.store else None
        if row is None:
            raise HTTPException(404, f"no episode {episode_id!r}")
        graded = row["outcome"] is not None
        return SafeJSON(oe.ServedState(episode_id=episode_id, step_count=row["steps"], done=True, label=row["label"],
                                       status="done" if graded else "closed", reward=row["reward"],
                                       ).model_dump(mode="json"))  # fmt: skip

    @router.get("/episodes/{episode_id}", dependencies=deps, summary="An ended episode: reward, breakdown, record")
    async def episode(episode_id: str) -> SafeJSON:
        row = await asyncio.to_thread(host.store.get, episode_id) if host.store else None
        if row is None:
            open_now = host.find(episode_id) is not None
            raise HTTPException(409 if open_now else 404, f"episode {episode_id} is still open" if open_now
                                else f"no ended episode {episode_id!r} (unknown, or expired)")  # fmt: skip
        return SafeJSON(row)

    @router.get("/health", summary="OpenEnv HealthResponse (no token needed)")
    async def health() -> dict[str, str]:
        return {"status": "healthy" if host.env is not None else "unhealthy"}

    @router.get("/schema", dependencies=deps, summary="OpenEnv SchemaResponse: action, observation, state")
    async def schema() -> dict[str, Any]:
        return oe.schemas()

    @router.get("/metadata", dependencies=deps, summary="OpenEnv EnvironmentMetadata")
    async def metadata() -> dict[str, Any]:
        return {"name": "mle-env", "version": __version__, "author": None, "documentation_url": None,
                "readme_content": None,
                "description": "ML error analysis: find, explain and fix the ML bug in a small codebase with "
                               "five sandboxed tools; the benchmark's grader gives the reward."}  # fmt: skip

    @router.get("/curriculum", dependencies=deps, summary="Every task's public facets, for a task sampler")
    async def curriculum() -> list[TaskInfo]:
        try:
            return host.environment().curriculum()
        except Unavailable as e:
            raise HTTPException(503, str(e)) from None

    def tool_specs() -> list[oe.McpTool]:
        env = host.env
        return oe.mcp_tools(openai_tools(config=env.config.tools) if env else openai_tools())

    def open_episode(episode_id: str, transport: str) -> Episode:
        try:
            return host.get(episode_id, transport)
        except NotOpen as e:
            raise HTTPException(404, str(e)) from None

    # ------------------------------------------------------------ WebSocket
    @router.websocket("/ws")
    async def ws(websocket: WebSocket) -> None:
        await websocket.accept()
        header = websocket.headers.get("authorization", "")
        given = header[7:].strip() if header[:7].lower() == "bearer " else websocket.query_params.get("token")
        if not token_ok(given):
            await websocket.close(code=POLICY_VIOLATION, reason="missing or wrong bearer token")
            return
        await Session(host, settings, websocket, tool_specs).run()

    return router


def state_of(ep: Episode, label: str | None) -> dict[str, Any]:
    out = ep.outcome
    status: Literal["done", "closed", "running"] = "done" if out is not None else "closed" if ep.done else "running"
    return oe.ServedState(episode_id=ep.id, step_count=ep.turn, status=status, done=ep.done, label=label,
                          reward=out.reward.total if out else None,
                          info=ep.observation.info if ep.observation else None).model_dump(mode="json")  # fmt: skip


def dumps(message: dict[str, Any]) -> str:
    """JSON text of a message, whatever it holds (what JSON cannot carry is ``scrub``-bed)."""
    try:
        text = json.dumps(message, ensure_ascii=False, allow_nan=False)
        text.encode()
        return text
    except (UnicodeEncodeError, ValueError, TypeError, RecursionError):
        return json.dumps(scrub(message), ensure_ascii=False)


class Session:
    """One WebSocket: its messages in order, and the one episode it holds at a time."""

    def __init__(self, host: EpisodeHost, settings: ServerSettings, websocket: WebSocket, tool_specs: Any):
        self.host, self.settings, self.ws, self.tool_specs = host, settings, websocket, tool_specs
        self.ep: Episode | None = None
        self.label: str | None = None

    async def run(self) -> None:
        pending: asyncio.Task | None = None
        ending = ("disconnected", "the WebSocket closed")
        try:
            while True:
                msg = await (pending or self.ws.receive())
                pending = None
                if msg["type"] == "websocket.disconnect":
                    return
                raw = msg.get("text")
                text = raw if raw is not None else (msg.get("bytes") or b"").decode("utf-8", "replace")
                op = asyncio.ensure_future(self.handle(text))
                pending = asyncio.ensure_future(self.ws.receive())  # a client that goes away mid-step is heard
                await asyncio.wait({op, pending}, return_when=asyncio.FIRST_COMPLETED)
                if not op.done() and pending.done() and _gone(pending):
                    op.cancel()
                    await asyncio.gather(op, return_exceptions=True)
                    return
                reply = await op
                if reply is None:  # close
                    ending = ("closed", "closed by its client")
                    break
                await self.ws.send_text(dumps(reply))
        except Exception as e:  # noqa: BLE001 — a send to a socket that went away, or a bug: the episode closes
            ending = ("disconnected", f"the WebSocket failed: {type(e).__name__}: {e}")
        finally:
            if pending is not None and not pending.done():
                pending.cancel()
            if self.ep is not None:
                await self.host.close(self.ep, *ending)
            with contextlib.suppress(Exception):
                await self.ws.close()

    async def handle(self, text: str) -> dict[str, Any] | None:
        problems = body_errors(text.encode("utf-8", "surrogatepass"), self.settings.max_json_depth)
        if problems:
            return oe.error(oe.WSErrorCode.VALIDATION_ERROR, "invalid message", errors=problems)
        try:
            message = json.loads(text)
        except ValueError as e:
            return oe.error(oe.WSErrorCode.INVALID_JSON, f"Invalid JSON: {e}")
        if not isinstance(message, dict):
            return oe.error(oe.WSErrorCode.VALIDATION_ERROR, "a message is a JSON object with a 'type'")
        kind = message.get("type")
        try:
            if kind == "reset":
                return await self.reset(_Message.model_validate(message).data)
            if kind == "step":
                data = _Step.model_validate(message).data
                return await self.step(oe.ACTION.validate_python(data))
            if kind == "state":
                _Bare.model_validate(message)
                data = state_of(self.ep, self.label) if self.ep else oe.ServedState().model_dump(mode="json")
                return {"type": "state", "data": data}
            if kind == "close":
                _Bare.model_validate(message)
                return None
        except ValidationError as e:
            errors = json.loads(e.json(include_url=False))
            return oe.error(oe.WSErrorCode.VALIDATION_ERROR, "Invalid message", errors=errors)
        return oe.error(oe.WSErrorCode.UNKNOWN_TYPE, f"Unknown message type: {kind}")

    async def reset(self, data: dict[str, Any]) -> dict[str, Any]:
        req = ResetRequest.model_validate(data)
        if self.ep is not None:  # a new episode replaces the session's one, as OpenEnv's reset does
            await self.host.close(self.ep, "closed", "reset again by its client")
            self.ep = None
        try:
            self.ep, obs = await self.host.reset("ws", task=req.task, seed=req.seed, label=req.episode_id)
        except Capacity as e:
            return oe.error(oe.WSErrorCode.CAPACITY_REACHED, str(e), active_sessions=e.active, max_sessions=e.most)
        except EpisodeError as e:
            return oe.error(oe.WSErrorCode.VALIDATION_ERROR, str(e))
        except (Unavailable, SampleError) as e:
            return oe.error(oe.WSErrorCode.FACTORY_ERROR, str(e))
        self.label = req.episode_id
        return {"type": "observation", "data": oe.reset_payload(obs)}

    async def step(self, act: oe.CallTool | oe.ListTools | oe.FinalAnswer | oe.Turn) -> dict[str, Any]:
        if isinstance(act, oe.ListTools):
            done = self.ep is not None and self.ep.done
            return {"type": "observation", "data": oe.tools_payload(self.tool_specs(), done=done)}
        ep = self.ep
        if ep is None:
            return oe.error(oe.WSErrorCode.SESSION_ERROR, "no episode: send a reset first")
        if ep.done:
            why = "it was graded; reset for a new one" if ep.outcome else self.host.why_not_open(ep.id)
            return oe.error(oe.WSErrorCode.SESSION_ERROR, f"episode {ep.id} has ended: {why}")
        try:
            res = await self.host.step(ep, oe.to_action(act))
        except EpisodeError as e:
            return oe.error(oe.WSErrorCode.SESSION_ERROR, str(e))
        except Exception as e:  # noqa: BLE001 — the episode was closed (host.step); the session goes on
            return oe.error(oe.WSErrorCode.EXECUTION_ERROR, f"{type(e).__name__}: {e}")
        return {"type": "observation", "data": oe.step_payload(ep.id, act, res)}


def _gone(task: asyncio.Task) -> bool:
    try:
        return task.result()["type"] == "websocket.disconnect"
    except BaseException:  # noqa: BLE001 — a receive that failed: the socket is gone
        return True


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: str
    data: dict[str, Any] = Field(default_factory=dict)


class _Step(_Message):
    data: dict[str, Any]


class _Bare(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: str
