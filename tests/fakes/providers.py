"""Fake LLM providers: local HTTP servers that speak a provider's wire format and serve a script.

Usage::

    from fakes.providers import Call, Fail, FakeAnthropic, FakeOpenAI, Reply

    with FakeOpenAI([
        Reply(text="looking", tool_calls=[Call("bash_exec", {"command": "ls"})], usage=(120, 30)),
        Fail(429, headers={"retry-after": "0"}),
        Reply(text="FINAL ANSWER: x"),
    ]) as srv:
        resp = await litellm.acompletion(model="openai/fake-model", api_base=srv.api_base,
                                         api_key="sk-test", messages=..., tools=..., num_retries=0)
        srv.requests[0]["messages"]     # decoded JSON body (Request also has .path .headers .raw)
        srv.tool_results(1)             # [(tool_call_id, content)] carried by request 1
        srv.issued_tool_call_ids        # ["call_1", ...] in the order the fake issued them
        srv.remaining                   # script items not consumed yet

FakeAnthropic is the same for ``model="anthropic/<name>"`` (api_base = http://127.0.0.1:PORT,
LiteLLM appends /v1/messages). A script item may also be a callable ``f(request) -> Reply | Fail``.
Wrap tests in ``block_non_loopback_network()`` to make any connection beyond 127.0.0.0/8 fail.

============================================================================================
FINDINGS about LiteLLM 1.110.2 (measured against these fakes; see tests/test_fake_providers.py)
============================================================================================

Offline / no phoning home
  * ``import litellm`` fetches the remote model cost map (raw.githubusercontent.com) unless
    LITELLM_LOCAL_MODEL_COST_MAP=True or LITELLM_OFFLINE_MODE=true is set BEFORE the import.
    LITELLM_OFFLINE_MODE=true is the umbrella switch of this version: it also covers the blog-post
    feed, the Anthropic beta-header config and tokenizer downloads. Set both (tests/fakes sets
    them with setdefault when imported; a conftest.py is the robust place for the whole suite).
  * There is no ``litellm.telemetry`` flag in this version (``litellm.telemetry`` is a proxy-only
    subpackage). ``litellm.callbacks``, ``success_callback``, ``failure_callback`` and
    ``input_callback`` are empty by default. With the guard on, a completion makes no connection
    beyond loopback.
  * ``litellm.suppress_debug_info = True`` silences the "Provider List: https://..." prints.

Wire paths and headers
  * openai/: POST {api_base}/chat/completions (api_base ".../v1" -> /v1/chat/completions),
    "authorization: Bearer <api_key>", sent by the OpenAI SDK (httpx).
  * anthropic/: POST {api_base}/v1/messages, "x-api-key: <api_key>",
    "anthropic-version: 2023-06-01", sent by LiteLLM's own client (aiohttp). OpenAI-style
    messages/tools are translated: tools -> {"name", "input_schema", "description",
    "type": "custom"}; user text -> [{"type":"text"}]; an assistant message with tool_calls ->
    "tool_use" blocks; {"role":"tool"} messages -> a user message with "tool_result" blocks
    carrying "tool_use_id". Without max_tokens LiteLLM sends max_tokens=128000 for an unknown
    model (the map's max_output_tokens for a known one, e.g. 64000 for claude-sonnet-4-5):
    always pass max_tokens for anthropic/.
  * Tool-call ids come back unchanged (resp.choices[0].message.tool_calls[i].id), and
    ``function.arguments`` is the raw JSON string; a malformed string is passed through as is
    (no exception): the caller must json.loads and handle the error itself.

Exceptions (acompletion, num_retries=0). Every class below subclasses openai.OpenAIError and
openai.APIError, and has .status_code, .llm_provider, .model, .message; the server's response
headers are on ``e.litellm_response_headers`` (e.g. ["retry-after"], both providers; for
openai/ also on ``e.response.headers``).
    HTTP / situation          openai/                                anthropic/
    400                       BadRequestError (400)                  BadRequestError (400)
    400 "context length"      ContextWindowExceededError (400)       ContextWindowExceededError (400)
    401                       AuthenticationError (401)              AuthenticationError (401)
    402                       APIError (402)                         PaymentRequiredError (402)
    403                       APIError (403)                         PermissionDeniedError (403)
    404                       NotFoundError (404)                    NotFoundError (404)
    408                       Timeout (408)                          Timeout (408)
    413                       APIError (413)                         BadRequestError (400!)
    422                       BadRequestError (422)                  BadRequestError (422)
    429                       RateLimitError (429)                   RateLimitError (429)
    500                       InternalServerError (500)              InternalServerError (500)
    502                       BadGatewayError (502)                  BadGatewayError (502)
    503                       ServiceUnavailableError (503)          ServiceUnavailableError (503)
    504                       Timeout (504)                          Timeout (504)
    529 overloaded            APIError (529)                         InternalServerError (500!), str(e)
                                                                     contains "overloaded_error"
    connection refused        InternalServerError (500),             InternalServerError (500),
                              "Connection error."                    "Cannot connect to host ..."
    client timeout (timeout=) Timeout (408)                          Timeout (408)
    200 with non-JSON body    InternalServerError (500)              APIConnectionError (500)
    unsupported param         UnsupportedParamsError (400), raised before any request is sent
  Hierarchy: RateLimitError < openai.RateLimitError < openai.APIStatusError; Timeout <
  openai.APITimeoutError < openai.APIConnectionError (NOT a litellm.APIConnectionError);
  ContextWindowExceededError and UnsupportedParamsError < litellm.BadRequestError;
  ServiceUnavailableError and BadGatewayError < openai.APIStatusError directly.
  Suggested split: retryable = RateLimitError, Timeout, InternalServerError,
  ServiceUnavailableError, BadGatewayError, APIConnectionError, and APIError with status_code
  >= 500 or 529; non-retryable = AuthenticationError, PermissionDeniedError, NotFoundError,
  BadRequestError (incl. ContextWindowExceededError, UnsupportedParamsError),
  PaymentRequiredError, and APIError with a 4xx status_code.

Retries
  * openai/: the OpenAI SDK retries by itself (max_retries defaults to 2, ~0.5-1 s backoff,
    header "x-stainless-retry-count"); verified on 429, 500 and 529 (the SDK also retries
    408, 409, other 5xx and connection errors);
    ``num_retries=N`` (or ``max_retries=N``) sets the SDK's max_retries, so num_retries=0 gives
    exactly one request.
  * anthropic/: no retry at all. LiteLLM's own retry wrapper (acompletion_with_retries) needs
    the ``tenacity`` package, which is not installed here: it fails on import and the wrapper
    silently re-raises the original error. So num_retries has no effect for anthropic/.
  => Pass num_retries=0 always and retry in our own code (uniform across providers).

Cost
  * Known model (e.g. "openai/gpt-4o-mini", "anthropic/claude-sonnet-4-5-20250929"):
    ``resp._hidden_params["response_cost"]`` is a float (USD), equal to
    ``litellm.completion_cost(completion_response=resp)``. ``litellm.cost_per_token(model=...,
    prompt_tokens=, completion_tokens=)`` gives (prompt_usd, completion_usd).
  * Unknown model ("openai/fake-model", "anthropic/claude-fake"): the call succeeds and
    ``_hidden_params["response_cost"]`` is None; ``completion_cost(completion_response=resp)``
    RAISES (openai: litellm.ModelNotMappedError, a plain Exception; anthropic:
    litellm.BadRequestError "LLM Provider NOT provided", since resp.model lacks the prefix;
    with model="anthropic/claude-fake" it is ModelNotMappedError). cost_per_token raises
    ModelNotMappedError. Read _hidden_params["response_cost"] and treat None as "unknown".
  * Custom prices, per call: ``acompletion(..., input_cost_per_token=1e-6,
    output_cost_per_token=2e-6)`` -> _hidden_params["response_cost"] uses them (but
    completion_cost(completion_response=resp) still raises unless given
    ``custom_cost_per_token={"input_cost_per_token":..,"output_cost_per_token":..}``).
    Globally: ``litellm.register_model({"openai/my-model": {"input_cost_per_token": ..,
    "output_cost_per_token": .., "litellm_provider": "openai", "mode": "chat"}})`` (for
    anthropic the key without prefix, e.g. "my-claude", with litellm_provider "anthropic"
    works) -> both response_cost and completion_cost work. It logs a warning about cache prices.

Parameters (OpenAI-style kwargs of acompletion)
  * seed=, temperature=, max_tokens=, reasoning_effort= are the kwargs. openai/ with an
    unknown model sends all four unchanged. Known models are checked: gpt-4o-mini rejects
    reasoning_effort; o-series/gpt-5 reject temperature != 1 and get max_tokens renamed to
    max_completion_tokens.
  * anthropic/ does not take seed (UnsupportedParamsError without drop_params), and takes
    reasoning_effort only for models the map marks as reasoning models: it becomes
    thinking={"type":"enabled","budget_tokens": 1024 (low) / 4096 (high)} with max_tokens
    left as given (the real API needs max_tokens > budget_tokens and temperature 1 with
    thinking, LiteLLM does not check). For an unknown claude name reasoning_effort is
    unsupported (or pass allowed_openai_params=["reasoning_effort"] to force it through).
  * drop_params=True (per call or litellm.drop_params) silently drops what the provider/model
    does not take (a warning is logged) instead of raising UnsupportedParamsError; what is
    supported is still sent.
"""

from __future__ import annotations

import ipaddress
import itertools
from abc import ABC, abstractmethod
import json
import socket
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Iterable, Mapping, Self, Sequence, Union

__all__ = [
    "Call",
    "Reply",
    "Fail",
    "Request",
    "FakeServer",
    "FakeOpenAI",
    "FakeAnthropic",
    "closed_port_url",
    "block_non_loopback_network",
    "NetworkBlocked",
]


# --------------------------------------------------------------------------- script items


@dataclass(frozen=True)
class Call:
    """One tool call the fake model makes.

    ``arguments`` is encoded as JSON; ``raw_arguments`` is sent verbatim instead (OpenAI only:
    Anthropic's ``input`` is a JSON object on the wire, it cannot be malformed). ``id`` overrides
    the generated id ("call_N" for OpenAI, "toolu_NN..." for Anthropic).
    """

    name: str
    arguments: Mapping[str, Any] | None = None
    raw_arguments: str | None = None
    id: str | None = None

    def __post_init__(self) -> None:
        if self.arguments is not None and self.raw_arguments is not None:
            raise ValueError("Call: give arguments or raw_arguments, not both")


@dataclass(frozen=True)
class Reply:
    """A successful model turn: optional text, optional tool calls, token usage.

    ``finish_reason`` defaults to "tool_calls"/"stop" (OpenAI) or "tool_use"/"end_turn"
    (Anthropic); OpenAI names are translated for Anthropic ("length" -> "max_tokens"), any other
    value is sent as is. ``delay`` seconds pass before the answer (to provoke client timeouts).
    """

    text: str | None = None
    tool_calls: Sequence[Call] = ()
    usage: tuple[int, int] = (10, 5)
    finish_reason: str | None = None
    delay: float = 0.0


@dataclass(frozen=True)
class Fail:
    """An HTTP error answer. ``body``: None for a provider-shaped error body, a dict (sent as
    JSON) or str/bytes (sent verbatim). ``headers`` e.g. {"retry-after": "0"}."""

    status: int
    body: Mapping[str, Any] | str | bytes | None = None
    headers: Mapping[str, str] | None = None
    message: str | None = None
    delay: float = 0.0


ScriptItem = Union[Reply, Fail, Callable[["Request"], Union[Reply, Fail]]]


# --------------------------------------------------------------------------- recorded requests


@dataclass
class Request:
    """One HTTP request the fake received. ``req["messages"]`` indexes the JSON body."""

    method: str
    path: str
    headers: dict[str, str]  # keys lower-cased
    body: Any  # decoded JSON, or None when the body was empty or not JSON
    raw: bytes = b""
    scripted: bool = True  # False for requests on paths that do not consume the script

    def __getitem__(self, key: str) -> Any:
        return self.body[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.body.get(key, default) if isinstance(self.body, dict) else default


# --------------------------------------------------------------------------- the server base


class _Handler(BaseHTTPRequestHandler):
    server: "_HTTPServer"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep test output quiet
        pass

    def _read_body(self) -> bytes:
        length = int(self.headers.get("content-length") or 0)
        return self.rfile.read(length) if length else b""

    def _handle(self) -> None:
        raw = self._read_body()
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        path = self.path.split("?", 1)[0]
        req = Request(
            method=self.command,
            path=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            raw=raw,
        )
        try:
            status, payload, headers, delay = self.server.fake._dispatch(req, path)
        except Exception as exc:  # a bug in a script callable or the fake: make it visible
            fake = self.server.fake
            status, headers, delay = 500, None, 0.0
            payload = fake._error_body(500, f"fake server: internal error: {type(exc).__name__}: {exc}")
        if delay:
            self.server.fake._stopping.wait(delay)
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        try:
            self.send_response(status)
            hdrs = {"content-type": "application/json", **(headers or {})}
            for k, v in hdrs.items():
                self.send_header(k, v)
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # client gave up (timeout test)
            pass

    do_POST = do_GET = do_PUT = do_DELETE = _handle


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    fake: "FakeServer"

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return  # the client hung up (timeout tests): not a fake-server bug
        super().handle_error(request, client_address)


class FakeServer(ABC):
    """A scripted provider on 127.0.0.1 (random port), served from a daemon thread.

    Each POST on a completion path consumes the next script item; other requests are recorded
    (``scripted=False``) and answered 404 without consuming. When the script is exhausted the
    answer is a 500 whose message says so.
    """

    provider = "base"
    #: path suffixes (after stripping a trailing "/") that consume the script
    completion_suffixes: tuple[str, ...] = ()

    def __init__(self, script: Iterable[ScriptItem] = ()) -> None:
        self.script: list[ScriptItem] = list(script)
        for item in self.script:
            if not isinstance(item, (Reply, Fail)) and not callable(item):
                raise TypeError(f"script items are Reply, Fail or callables, not {type(item).__name__}")
        self.requests: list[Request] = []
        self.all_requests: list[Request] = []  # including unscripted paths
        self.issued_tool_call_ids: list[str] = []
        self._next = 0
        self._ids = itertools.count(1)
        self._lock = threading.RLock()  # reentrant: script callables may call add()/remaining
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle
    def start(self) -> Self:
        self._httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.fake = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"fake-{self.provider}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- addresses
    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    @abstractmethod
    def api_base(self) -> str:
        """What LiteLLM's ``api_base`` should be for this provider."""

    # -- script state
    def add(self, *items: ScriptItem) -> None:
        """Append items to the script (also while serving)."""
        with self._lock:
            self.script.extend(items)

    @property
    def remaining(self) -> int:
        """Script items not consumed yet."""
        with self._lock:
            return len(self.script) - self._next

    # -- dispatch (called from handler threads)
    def _is_completion_path(self, path: str) -> bool:
        p = path.rstrip("/")
        return any(p.endswith(s) for s in self.completion_suffixes)

    def _dispatch(self, req: Request, path: str) -> tuple[int, Any, Mapping[str, str] | None, float]:
        with self._lock:
            self.all_requests.append(req)
            if req.method != "POST" or not self._is_completion_path(path):
                req.scripted = False
                msg = f"fake {self.provider} server: no route for {req.method} {req.path}"
                return 404, self._error_body(404, msg), None, 0.0
            self.requests.append(req)
            if self._next >= len(self.script):
                n = len(self.requests)
                msg = (
                    f"fake server: script exhausted after {n - 1} requests "
                    f"(request {n} has no scripted answer)"
                )
                return 500, self._error_body(500, msg), None, 0.0
            item = self.script[self._next]
            self._next += 1
            if not isinstance(item, (Reply, Fail)):
                item = item(req)
                if not isinstance(item, (Reply, Fail)):
                    msg = f"fake server: script callable returned {type(item).__name__}, not Reply/Fail"
                    return 500, self._error_body(500, msg), None, 0.0
            if isinstance(item, Fail):
                if item.body is None:
                    body: Any = self._error_body(item.status, item.message)
                elif isinstance(item.body, (str, bytes)):
                    body = item.body.encode() if isinstance(item.body, str) else item.body
                else:
                    body = dict(item.body)
                return item.status, body, item.headers, item.delay
            return 200, self._reply_body(item, req), None, item.delay

    @abstractmethod
    def _new_tool_id(self) -> str:  # under self._lock
        """A fresh tool-call id in the provider's style."""

    def _tool_id(self, call: Call) -> str:
        tid = call.id or self._new_tool_id()
        self.issued_tool_call_ids.append(tid)
        return tid

    @abstractmethod
    def _reply_body(self, reply: Reply, req: Request) -> dict[str, Any]:
        """The provider's success body for a scripted reply."""

    @abstractmethod
    def _error_body(self, status: int, message: str | None) -> dict[str, Any]:
        """The provider's error body for an HTTP status."""

    # -- assertion helpers
    def body(self, i: int = -1) -> Any:
        """Decoded JSON body of scripted request i."""
        return self.requests[i].body

    def messages(self, i: int = -1) -> list[dict[str, Any]]:
        return list(self.requests[i].get("messages") or [])

    def tool_names(self, i: int = -1) -> list[str]:
        """Names of the tools offered in request i (either format)."""
        out = []
        for t in self.requests[i].get("tools") or []:
            out.append(t.get("function", {}).get("name") if "function" in t else t.get("name"))
        return out

    @abstractmethod
    def tool_results(self, i: int = -1) -> list[tuple[str, str]]:
        """Tool results carried by request i as [(tool_call_id, content_text)]."""


def _text_of(content: Any) -> str:
    """Content that may be a string or a list of blocks, as plain text."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for block in content:
            if isinstance(block, str):
                parts.append(block)
            elif isinstance(block, dict) and block.get("type") == "text":
                parts.append(block.get("text", ""))
        return "".join(parts)
    return str(content)


# --------------------------------------------------------------------------- OpenAI


_OPENAI_ERRORS = {
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("invalid_request_error", "unsupported_country_region_territory"),
    404: ("invalid_request_error", "model_not_found"),
    429: ("requests", "rate_limit_exceeded"),
    500: ("server_error", None),
    503: ("server_error", None),
}


class FakeOpenAI(FakeServer):
    """OpenAI chat-completions: POST {api_base}/chat/completions, api_base = http://127.0.0.1:P/v1."""

    provider = "openai"
    completion_suffixes = ("/chat/completions",)

    @property
    def api_base(self) -> str:
        return f"{self.url}/v1"

    def _new_tool_id(self) -> str:
        return f"call_{next(self._ids)}"

    def _reply_body(self, reply: Reply, req: Request) -> dict[str, Any]:
        message: dict[str, Any] = {"role": "assistant", "content": reply.text, "refusal": None}
        if reply.tool_calls:
            message["tool_calls"] = [
                {
                    "id": self._tool_id(c),
                    "type": "function",
                    "function": {
                        "name": c.name,
                        "arguments": c.raw_arguments
                        if c.raw_arguments is not None
                        else json.dumps(dict(c.arguments or {})),
                    },
                }
                for c in reply.tool_calls
            ]
        finish = reply.finish_reason or ("tool_calls" if reply.tool_calls else "stop")
        prompt, completion = reply.usage
        return {
            "id": f"chatcmpl-fake{len(self.requests)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": req.get("model") or "fake-model",
            "choices": [
                {"index": 0, "message": message, "finish_reason": finish, "logprobs": None}
            ],
            "usage": {
                "prompt_tokens": prompt,
                "completion_tokens": completion,
                "total_tokens": prompt + completion,
            },
            "system_fingerprint": None,
        }

    def _error_body(self, status: int, message: str | None) -> dict[str, Any]:
        etype, code = _OPENAI_ERRORS.get(
            status, ("server_error" if status >= 500 else "invalid_request_error", None)
        )
        return {
            "error": {
                "message": message or f"fake openai error {status}",
                "type": etype,
                "param": None,
                "code": code,
            }
        }

    def tool_results(self, i: int = -1) -> list[tuple[str, str]]:
        return [
            (m.get("tool_call_id"), _text_of(m.get("content")))
            for m in self.messages(i)
            if m.get("role") == "tool"
        ]

    def assistant_tool_call_ids(self, i: int = -1) -> list[str]:
        """Ids of the tool calls in the assistant messages that request i replays."""
        return [
            tc.get("id")
            for m in self.messages(i)
            if m.get("role") == "assistant"
            for tc in m.get("tool_calls") or []
        ]


# --------------------------------------------------------------------------- Anthropic


_ANTHROPIC_ERRORS = {
    400: "invalid_request_error",
    401: "authentication_error",
    402: "billing_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    504: "timeout_error",
    529: "overloaded_error",
}


_STOP_REASONS = {"stop": "end_turn", "tool_calls": "tool_use", "length": "max_tokens"}


class FakeAnthropic(FakeServer):
    """Anthropic messages: POST http://127.0.0.1:P/v1/messages; api_base = http://127.0.0.1:P
    (LiteLLM's anthropic/ provider appends /v1/messages)."""

    provider = "anthropic"
    completion_suffixes = ("/v1/messages",)

    def __init__(self, script: Iterable[ScriptItem] = ()) -> None:
        super().__init__(script)
        for item in self.script:
            if isinstance(item, Reply) and any(c.raw_arguments is not None for c in item.tool_calls):
                raise ValueError("Anthropic tool_use input is a JSON object: raw_arguments is OpenAI-only")

    @property
    def api_base(self) -> str:
        return self.url

    def _new_tool_id(self) -> str:
        return f"toolu_01fake{next(self._ids):012d}"

    def _reply_body(self, reply: Reply, req: Request) -> dict[str, Any]:
        content: list[dict[str, Any]] = []
        if reply.text is not None:
            content.append({"type": "text", "text": reply.text})
        for c in reply.tool_calls:
            if c.raw_arguments is not None:
                raise ValueError("Anthropic tool_use input is a JSON object: raw_arguments is OpenAI-only")
            content.append(
                {"type": "tool_use", "id": self._tool_id(c), "name": c.name, "input": dict(c.arguments or {})}
            )
        if reply.finish_reason:
            stop = _STOP_REASONS.get(reply.finish_reason, reply.finish_reason)
        else:
            stop = "tool_use" if reply.tool_calls else "end_turn"
        prompt, completion = reply.usage
        return {
            "id": f"msg_fake{len(self.requests):04d}",
            "type": "message",
            "role": "assistant",
            "model": req.get("model") or "claude-fake",
            "content": content,
            "stop_reason": stop,
            "stop_sequence": None,
            "usage": {"input_tokens": prompt, "output_tokens": completion},
        }

    def _error_body(self, status: int, message: str | None) -> dict[str, Any]:
        etype = _ANTHROPIC_ERRORS.get(status, "api_error" if status >= 500 else "invalid_request_error")
        return {
            "type": "error",
            "error": {"type": etype, "message": message or f"fake anthropic {etype} ({status})"},
        }

    def tool_results(self, i: int = -1) -> list[tuple[str, str]]:
        out = []
        for m in self.messages(i):
            if m.get("role") != "user" or not isinstance(m.get("content"), list):
                continue
            for block in m["content"]:
                if isinstance(block, dict) and block.get("type") == "tool_result":
                    out.append((block.get("tool_use_id"), _text_of(block.get("content"))))
        return out

    def assistant_tool_call_ids(self, i: int = -1) -> list[str]:
        """Ids of the tool_use blocks in the assistant messages that request i replays."""
        return [
            b.get("id")
            for m in self.messages(i)
            if m.get("role") == "assistant" and isinstance(m.get("content"), list)
            for b in m["content"]
            if isinstance(b, dict) and b.get("type") == "tool_use"
        ]


# --------------------------------------------------------------------------- helpers


def closed_port_url() -> str:
    """http://127.0.0.1:PORT where nothing listens (connection refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class NetworkBlocked(OSError):
    """Raised for a connection (or name lookup) beyond loopback while the guard is on."""


def _is_loopback(host: Any) -> bool:
    if isinstance(host, bytes):
        host = host.decode()
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%", 1)[0]).is_loopback
    except ValueError:
        return False


class block_non_loopback_network:
    """Context manager: any socket connect or DNS lookup for a non-loopback address raises
    NetworkBlocked and is recorded in ``.attempts`` (so a test can assert none happened even
    when the library swallowed the error). ``.connections`` records every connect address,
    loopback included (to check the guard sees a client's traffic at all)."""

    def __init__(self) -> None:
        self.attempts: list[str] = []
        self.connections: list[Any] = []

    def __enter__(self) -> "block_non_loopback_network":
        self._connect = socket.socket.connect
        self._connect_ex = socket.socket.connect_ex
        self._getaddrinfo = socket.getaddrinfo
        guard = self

        def check(address: Any) -> None:
            guard.connections.append(address)
            host = address[0] if isinstance(address, tuple) else None
            if isinstance(address, (str, bytes)):  # AF_UNIX path
                return
            if not _is_loopback(host):
                guard.attempts.append(f"connect {address!r}")
                raise NetworkBlocked(f"test network guard: connection to {address!r} refused")

        def connect(sock: socket.socket, address: Any) -> Any:
            check(address)
            return guard._connect(sock, address)

        def connect_ex(sock: socket.socket, address: Any) -> Any:
            check(address)
            return guard._connect_ex(sock, address)

        def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
            if not _is_loopback(host):
                guard.attempts.append(f"getaddrinfo {host!r}")
                raise NetworkBlocked(f"test network guard: name lookup of {host!r} refused")
            return guard._getaddrinfo(host, *args, **kwargs)

        socket.socket.connect = connect  # type: ignore[method-assign]
        socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
        socket.getaddrinfo = getaddrinfo  # type: ignore[assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        socket.socket.connect = self._connect  # type: ignore[method-assign]
        socket.socket.connect_ex = self._connect_ex  # type: ignore[method-assign]
        socket.getaddrinfo = self._getaddrinfo  # type: ignore[assignment]
