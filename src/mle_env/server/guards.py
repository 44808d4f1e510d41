"""What a request body may be, and what a response may hold: the API's JSON at its edges.

In: ``BodyLimit`` answers 413 for a body over the size limit; ``JsonGuard`` answers 422 for a
JSON body nested deeper than ``max_depth`` anywhere, holding a string that is no Unicode text
(a lone surrogate, ``"\\ud800"``) or a number JSON does not have (``NaN``) — each named by its
path — before FastAPI (or pydantic, which recurses) sees it. Nothing such can be stored.

Out: ``SafeJSON`` renders any response; what cannot be encoded (a lone surrogate in a row
stored before these checks, or in what an agent produced) is replaced, never a 500.
"""

from __future__ import annotations

import json
import math
import re
from email.message import Message
from typing import Any

from fastapi import HTTPException
from fastapi.responses import JSONResponse

from mle_env.task.load import MAX_JSON_DEPTH, json_path, too_deep, value_problem

_SURROGATES = re.compile("[\ud800-\udfff]")
CUT = "…(cut: nested deeper than {} levels)"


class BodyLimit:
    """413 for a request body over ``limit`` bytes, by Content-Length or as it streams in."""

    def __init__(self, app: Any, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            return await self._refuse(scope, receive, send)
        seen, started = 0, False

        async def counted() -> dict:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:  # FastAPI turns other errors while reading a body into 400
                    raise HTTPException(413, f"request body larger than {self.limit:,} bytes")
            return msg

        async def tracked(msg: dict) -> None:
            nonlocal started
            started = started or msg["type"] == "http.response.start"
            await send(msg)

        try:
            await self.app(scope, counted, tracked)
        except HTTPException as e:
            if e.status_code != 413 or started:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: dict, receive: Any, send: Any) -> None:
        resp = JSONResponse({"detail": f"request body larger than {self.limit:,} bytes"}, status_code=413)
        await resp(scope, receive, send)


def _is_json(headers: list[tuple[bytes, bytes]]) -> bool:
    """Whether FastAPI would parse this body as JSON: no content type, or ``application/json``/``*+json``."""
    value = dict(headers).get(b"content-type")
    if value is None:
        return True
    msg = Message()
    msg["content-type"] = value.decode("latin-1")
    sub = msg.get_content_subtype()
    return msg.get_content_maintype() == "application" and (sub == "json" or sub.endswith("+json"))


def body_errors(body: bytes, max_depth: int = MAX_JSON_DEPTH) -> list[dict[str, Any]]:
    """Why a JSON request body is refused, in FastAPI's 422 shape (``loc`` and the JSON ``path``);
    [] if it may go on. Malformed JSON goes on: FastAPI's own 422 says where it breaks."""
    try:
        text = body.decode(json.detect_encoding(body))
    except UnicodeDecodeError as e:
        return [{"type": "json_invalid", "loc": ["body"], "path": "$", "input": None,
                 "msg": f"the body is not UTF-8 text (byte {e.start}): JSON strings must be Unicode"}]  # fmt: skip
    loc = too_deep(text, max_depth)
    if loc is not None:
        return [_error("json_too_deep", loc, f"nested deeper than {max_depth} levels")]
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return []
    found = value_problem(data, max_depth)
    return [_error("json_value", *found)] if found else []


def _error(kind: str, loc: tuple, msg: str) -> dict[str, Any]:
    return {"type": kind, "loc": ["body", *loc], "path": json_path(loc), "msg": msg, "input": None}


class JsonGuard:
    """422 for a JSON request body ``body_errors`` refuses; the body is passed on unchanged otherwise.

    Sits inside ``BodyLimit``: the body it reads is already bounded in size."""

    def __init__(self, app: Any, max_depth: int = MAX_JSON_DEPTH):
        self.app, self.max_depth = app, max_depth

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS") or not _is_json(scope["headers"]):
            return await self.app(scope, receive, send)
        chunks, more = [], True
        while more:
            msg = await receive()
            if msg["type"] != "http.request":  # the client went away
                return
            chunks.append(msg.get("body", b""))
            more = msg.get("more_body", False)
        body = b"".join(chunks)
        errors = body_errors(body, self.max_depth) if body else []
        if errors:
            return await SafeJSON({"detail": errors}, status_code=422)(scope, receive, send)
        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: only the disconnect is left to hear

        await self.app(scope, replay, send)


def scrub(value: Any, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """``value`` made encodable as JSON text: lone surrogates become U+FFFD, ``NaN``/``Infinity``
    null, anything nested deeper than ``max_depth`` a short note, other objects ``str()``."""
    if isinstance(value, str):
        return _SURROGATES.sub("\ufffd", value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, (dict, list, tuple)):
        if max_depth <= 0:
            return CUT.format(MAX_JSON_DEPTH)
        if isinstance(value, dict):
            return {scrub(str(k) if not isinstance(k, str) else k, 1): scrub(v, max_depth - 1) for k, v in value.items()}
        return [scrub(v, max_depth - 1) for v in value]
    return scrub(str(value), 1)


class SafeJSON(JSONResponse):
    """A JSON response that renders whatever it is given: what JSON text cannot hold is ``scrub``-bed."""

    def render(self, content: Any) -> bytes:
        try:
            return super().render(content)
        except (UnicodeEncodeError, ValueError, TypeError, RecursionError):
            return super().render(scrub(content))
