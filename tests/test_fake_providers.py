"""The fake providers work with LiteLLM for real, over HTTP on 127.0.0.1 only.

These tests also pin the LiteLLM behaviour documented at the top of tests/fakes/providers.py
(exception classes, retries, cost, parameters), so a LiteLLM upgrade that changes it shows up here.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request

# Before the first import of litellm: no cost-map download, no other fetch.
os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
os.environ["LITELLM_OFFLINE_MODE"] = "true"

import litellm  # noqa: E402
import pytest  # noqa: E402

from fakes.providers import (  # noqa: E402
    Call,
    Fail,
    FakeAnthropic,
    FakeOpenAI,
    Reply,
    _is_loopback,
    block_non_loopback_network,
    closed_port_url,
)

litellm.suppress_debug_info = True

pytestmark = pytest.mark.timeout(10)

TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "bash_exec",
            "description": "Run a shell command in the sandbox.",
            "parameters": {
                "type": "object",
                "properties": {"command": {"type": "string"}},
                "required": ["command"],
            },
        },
    },
    {
        "type": "function",
        "function": {
            "name": "read_file",
            "description": "Read a file.",
            "parameters": {
                "type": "object",
                "properties": {"path": {"type": "string"}},
                "required": ["path"],
            },
        },
    },
]

USER = [{"role": "user", "content": "Find the bug."}]

OPENAI = (FakeOpenAI, "openai/fake-model")
ANTHROPIC = (FakeAnthropic, "anthropic/claude-fake")
BOTH = pytest.mark.parametrize("fake_cls,model", [OPENAI, ANTHROPIC], ids=["openai", "anthropic"])


@pytest.fixture(autouse=True)
def no_network_beyond_loopback():
    """Every test runs with connections beyond 127.0.0.0/8 refused, and must not try one."""
    with block_non_loopback_network() as guard:
        yield guard
    assert guard.attempts == [], f"network beyond loopback attempted: {guard.attempts}"


async def complete(srv, model, messages=USER, **kw):
    kw.setdefault("num_retries", 0)
    kw.setdefault("api_key", "sk-test")
    if model.startswith("anthropic/"):
        kw.setdefault("max_tokens", 1024)
    return await litellm.acompletion(model=model, api_base=srv.api_base, messages=messages, **kw)


def assistant_echo(resp) -> dict:
    """The assistant turn to append to the history, in OpenAI format."""
    msg = resp.choices[0].message
    return {
        "role": "assistant",
        "content": msg.content,
        "tool_calls": [
            {"id": tc.id, "type": "function", "function": {"name": tc.function.name, "arguments": tc.function.arguments}}
            for tc in msg.tool_calls or []
        ],
    }


# --------------------------------------------------------------------------- round trips


@BOTH
async def test_tool_call_round_trip(fake_cls, model):
    script = [
        Reply(
            text="Let me look.",
            tool_calls=[Call("bash_exec", {"command": "ls"}), Call("read_file", {"path": "src/train.py"})],
            usage=(120, 30),
        ),
        Reply(text="FINAL ANSWER: x", usage=(200, 8)),
    ]
    with fake_cls(script) as srv:
        resp = await complete(srv, model, tools=TOOLS)
        msg = resp.choices[0].message
        assert msg.content == "Let me look."
        assert resp.choices[0].finish_reason == "tool_calls"
        calls = msg.tool_calls
        assert [c.function.name for c in calls] == ["bash_exec", "read_file"]
        assert [json.loads(c.function.arguments) for c in calls] == [{"command": "ls"}, {"path": "src/train.py"}]
        ids = [c.id for c in calls]
        assert ids == srv.issued_tool_call_ids and len(set(ids)) == 2
        assert (resp.usage.prompt_tokens, resp.usage.completion_tokens) == (120, 30)
        assert resp.usage.total_tokens == 150

        history = USER + [
            assistant_echo(resp),
            {"role": "tool", "tool_call_id": ids[0], "content": "train.py\nREADME.md"},
            {"role": "tool", "tool_call_id": ids[1], "content": "print('train ok')"},
        ]
        resp2 = await complete(srv, model, messages=history, tools=TOOLS)
        assert resp2.choices[0].message.content == "FINAL ANSWER: x"
        assert resp2.choices[0].finish_reason == "stop"
        assert not resp2.choices[0].message.tool_calls
        assert resp2.usage.prompt_tokens == 200

        # What reached the server.
        assert len(srv.requests) == 2 and srv.remaining == 0
        assert srv.tool_names(0) == ["bash_exec", "read_file"]
        assert srv.tool_results(0) == []
        assert srv.tool_results(1) == [(ids[0], "train.py\nREADME.md"), (ids[1], "print('train ok')")]
        assert srv.assistant_tool_call_ids(1) == ids


async def test_openai_wire_format():
    with FakeOpenAI([Reply(text="hi", tool_calls=[Call("bash_exec", {"command": "ls"})])]) as srv:
        await complete(srv, "openai/fake-model", tools=TOOLS)
        req = srv.requests[0]
        assert (req.method, req.path) == ("POST", "/v1/chat/completions")
        assert req.headers["authorization"] == "Bearer sk-test"
        assert req["model"] == "fake-model"
        assert req["messages"] == USER
        assert req["tools"] == TOOLS
        assert srv.issued_tool_call_ids == ["call_1"]


async def test_anthropic_wire_format():
    with FakeAnthropic([Reply(text="hi", tool_calls=[Call("bash_exec", {"command": "ls"})]), Reply(text="done")]) as srv:
        first = await complete(srv, "anthropic/claude-fake", tools=TOOLS, max_tokens=512)
        req = srv.requests[0]
        assert (req.method, req.path) == ("POST", "/v1/messages")
        assert req.headers["x-api-key"] == "sk-test"
        assert "anthropic-version" in req.headers
        assert req["model"] == "claude-fake"
        assert req["max_tokens"] == 512
        assert req["messages"] == [{"role": "user", "content": [{"type": "text", "text": "Find the bug."}]}]
        tool = req["tools"][0]
        assert tool["name"] == "bash_exec"
        assert tool["input_schema"] == TOOLS[0]["function"]["parameters"]
        tid = first.choices[0].message.tool_calls[0].id
        assert tid.startswith("toolu_")

        history = USER + [assistant_echo(first), {"role": "tool", "tool_call_id": tid, "content": "a.py"}]
        await complete(srv, "anthropic/claude-fake", messages=history, tools=TOOLS)
        msgs = srv.messages(1)
        assistant = [m for m in msgs if m["role"] == "assistant"][0]
        assert {"type": "tool_use", "id": tid, "name": "bash_exec", "input": {"command": "ls"}}.items() <= {
            k: v for b in assistant["content"] if b["type"] == "tool_use" for k, v in b.items()
        }.items()
        blocks = [b for m in msgs if m["role"] == "user" for b in m["content"] if b.get("type") == "tool_result"]
        assert len(blocks) == 1 and blocks[0]["tool_use_id"] == tid
        assert srv.tool_results(1) == [(tid, "a.py")]


async def test_openai_malformed_arguments_pass_through():
    raw = '{"command": "ls"'
    with FakeOpenAI([Reply(tool_calls=[Call("bash_exec", raw_arguments=raw)])]) as srv:
        resp = await complete(srv, "openai/fake-model", tools=TOOLS)
        call = resp.choices[0].message.tool_calls[0]
        assert call.function.name == "bash_exec"
        assert call.function.arguments == raw
        assert call.id == "call_1"
        with pytest.raises(json.JSONDecodeError):
            json.loads(call.function.arguments)
        assert resp.choices[0].message.content is None


def test_anthropic_rejects_raw_arguments():
    with pytest.raises(ValueError, match="OpenAI-only"):
        FakeAnthropic([Reply(tool_calls=[Call("bash_exec", raw_arguments="{")])])


async def test_broken_script_callable_is_a_visible_500():
    def broken(req):
        raise RuntimeError("boom")

    with FakeOpenAI([broken]) as srv:
        with pytest.raises(litellm.InternalServerError, match="internal error: RuntimeError: boom"):
            await complete(srv, "openai/fake-model")


@BOTH
async def test_explicit_ids_finish_reason_and_callable_items(fake_cls, model):
    seen = []

    def dynamic(req):
        seen.append(req.body["messages"][-1])
        return Reply(text="from callable", finish_reason="length")

    with fake_cls([Reply(tool_calls=[Call("bash_exec", {"command": "x"}, id="call_fixed")]), dynamic]) as srv:
        resp = await complete(srv, model, tools=TOOLS)
        assert resp.choices[0].message.tool_calls[0].id == "call_fixed"
        resp = await complete(srv, model)
        assert resp.choices[0].message.content == "from callable"
        assert resp.choices[0].finish_reason == "length"
        assert len(seen) == 1


# --------------------------------------------------------------------------- errors


ERRORS = [
    # provider, status, litellm class, status_code litellm reports
    ("openai", 429, litellm.RateLimitError, 429),
    ("openai", 401, litellm.AuthenticationError, 401),
    ("openai", 500, litellm.InternalServerError, 500),
    ("openai", 503, litellm.ServiceUnavailableError, 503),
    ("openai", 529, litellm.APIError, 529),
    ("anthropic", 429, litellm.RateLimitError, 429),
    ("anthropic", 401, litellm.AuthenticationError, 401),
    ("anthropic", 500, litellm.InternalServerError, 500),
    ("anthropic", 503, litellm.ServiceUnavailableError, 503),
    ("anthropic", 529, litellm.InternalServerError, 500),  # overloaded: reported as 500!
]


@pytest.mark.parametrize("provider,status,exc,code", ERRORS, ids=[f"{p}-{s}" for p, s, *_ in ERRORS])
async def test_error_mapping(provider, status, exc, code):
    fake_cls, model = OPENAI if provider == "openai" else ANTHROPIC
    with fake_cls([Fail(status, headers={"retry-after": "3"})]) as srv:
        with pytest.raises(exc) as info:
            await complete(srv, model)
        err = info.value
        assert type(err) is exc
        assert err.status_code == code
        assert err.llm_provider == provider
        assert err.litellm_response_headers["retry-after"] == "3"
        assert len(srv.requests) == 1  # num_retries=0: no retry
        if status == 529 and provider == "anthropic":
            assert "overloaded_error" in str(err)


@BOTH
async def test_rate_limit_then_success(fake_cls, model):
    with fake_cls([Fail(429), Reply(text="ok")]) as srv:
        with pytest.raises(litellm.RateLimitError):
            await complete(srv, model)
        resp = await complete(srv, model)
        assert resp.choices[0].message.content == "ok"
        assert len(srv.requests) == 2


@BOTH
async def test_auth_error(fake_cls, model):
    with fake_cls([Fail(401, message="invalid x-api-key")]) as srv:
        with pytest.raises(litellm.AuthenticationError, match="invalid x-api-key"):
            await complete(srv, model)


async def test_openai_sdk_retries_by_default():
    """Without num_retries=0 the OpenAI SDK itself retries (max_retries=2 by default)."""
    with FakeOpenAI([Fail(500, headers={"retry-after": "0"}), Reply(text="ok")]) as srv:
        resp = await complete(srv, "openai/fake-model", num_retries=None)
        assert resp.choices[0].message.content == "ok"
        assert [r.headers["x-stainless-retry-count"] for r in srv.requests] == ["0", "1"]


async def test_anthropic_num_retries_has_no_effect():
    """LiteLLM's own retry wrapper needs tenacity, which is not installed: no retry happens."""
    with FakeAnthropic([Fail(500), Reply(text="ok")]) as srv:
        with pytest.raises(litellm.InternalServerError):
            await complete(srv, "anthropic/claude-fake", num_retries=2)
        assert len(srv.requests) == 1


@BOTH
async def test_connection_refused(fake_cls, model):
    base = closed_port_url() + ("/v1" if fake_cls is FakeOpenAI else "")
    with pytest.raises(litellm.InternalServerError) as info:
        await litellm.acompletion(model=model, api_base=base, api_key="sk-test", messages=USER, num_retries=0, max_tokens=64)
    assert info.value.status_code == 500


@BOTH
async def test_timeout(fake_cls, model):
    with fake_cls([Reply(text="late", delay=3)]) as srv:
        t0 = time.monotonic()
        with pytest.raises(litellm.Timeout) as info:
            await complete(srv, model, timeout=0.3)
        assert time.monotonic() - t0 < 1.5
        assert info.value.status_code == 408
        assert isinstance(info.value, litellm.openai.APIConnectionError)


@BOTH
async def test_script_exhausted(fake_cls, model):
    with fake_cls([Reply(text="only one")]) as srv:
        await complete(srv, model)
        with pytest.raises(litellm.InternalServerError, match="script exhausted after 1 requests"):
            await complete(srv, model)


# --------------------------------------------------------------------------- raw wire (no litellm)


def _post(url, body=b"{}"):
    req = urllib.request.Request(url, data=body, headers={"content-type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, dict(r.headers), json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), json.loads(e.read())


def test_raw_error_bodies_and_unrouted_paths():
    with FakeOpenAI([Fail(429, headers={"retry-after": "1"}), Fail(418, body="teapot")]) as srv:
        status, headers, body = _post(srv.api_base + "/chat/completions")
        assert status == 429 and headers["retry-after"] == "1"
        assert set(body["error"]) >= {"message", "type", "code"} and body["error"]["code"] == "rate_limit_exceeded"
        status, _, body = _post(srv.api_base + "/embeddings")  # not a completion path: not consumed
        assert status == 404 and "no route" in body["error"]["message"]
        assert srv.remaining == 1 and len(srv.requests) == 1 and len(srv.all_requests) == 2
        assert srv.all_requests[1].scripted is False
    with FakeAnthropic([Fail(529), Fail(401), Reply(text="t", usage=(3, 4))]) as srv:
        status, _, body = _post(srv.url + "/v1/messages")
        assert status == 529 and body["type"] == "error" and body["error"]["type"] == "overloaded_error"
        status, _, body = _post(srv.url + "/v1/messages")
        assert status == 401 and body["error"]["type"] == "authentication_error"
        status, _, body = _post(srv.url + "/v1/messages", b'{"model": "m"}')
        assert status == 200
        assert body["content"] == [{"type": "text", "text": "t"}]
        assert body["stop_reason"] == "end_turn" and body["model"] == "m"
        assert body["usage"] == {"input_tokens": 3, "output_tokens": 4}
        assert srv.requests[2]["model"] == "m"


@BOTH
async def test_guard_sees_the_clients_connections(fake_cls, model, no_network_beyond_loopback):
    """The guard hooks the sockets both HTTP stacks use (httpx for openai/, aiohttp for anthropic/)."""
    with fake_cls([Reply(text="ok")]) as srv:
        await complete(srv, model)
        assert any(a[:2] == ("127.0.0.1", srv.port) for a in no_network_beyond_loopback.connections)


def test_loopback_classification():
    assert _is_loopback("127.0.0.1") and _is_loopback("127.8.9.10") and _is_loopback("::1")
    assert _is_loopback("localhost")
    for host in ("10.0.0.1", "192.168.1.1", "8.8.8.8", "llm-provider.example.com"):
        assert not _is_loopback(host)


# --------------------------------------------------------------------------- cost and params


def test_litellm_has_no_callbacks():
    # Older LiteLLM had a boolean litellm.telemetry flag; this version has none. If it comes back, it must be off.
    flag = getattr(litellm, "telemetry", None)
    assert flag is None or not isinstance(flag, bool) or flag is False
    assert litellm.callbacks == [] and litellm.success_callback == [] and litellm.failure_callback == []
    assert litellm.input_callback == []


async def test_cost_known_model():
    with FakeOpenAI([Reply(text="ok", usage=(1000, 500))]) as srv:
        resp = await complete(srv, "openai/gpt-4o-mini")
        cost = resp._hidden_params["response_cost"]
        assert cost is not None and cost > 0
        assert litellm.completion_cost(completion_response=resp) == pytest.approx(cost)
        p, c = litellm.cost_per_token(model="openai/gpt-4o-mini", prompt_tokens=1000, completion_tokens=500)
        assert p + c == pytest.approx(cost)


@BOTH
async def test_cost_unknown_model(fake_cls, model):
    with fake_cls([Reply(text="ok", usage=(1000, 500))]) as srv:
        resp = await complete(srv, model)
        assert resp._hidden_params["response_cost"] is None
        with pytest.raises(Exception):
            litellm.completion_cost(completion_response=resp)
        with pytest.raises(litellm.ModelNotMappedError):
            litellm.completion_cost(completion_response=resp, model=model)


@BOTH
async def test_cost_custom_prices_per_call(fake_cls, model):
    with fake_cls([Reply(text="ok", usage=(1000, 500))]) as srv:
        resp = await complete(srv, model, input_cost_per_token=1e-6, output_cost_per_token=2e-6)
        assert resp._hidden_params["response_cost"] == pytest.approx(1000 * 1e-6 + 500 * 2e-6)
        custom = {"input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6}
        assert litellm.completion_cost(completion_response=resp, custom_cost_per_token=custom) == pytest.approx(0.002)


async def test_cost_register_model():
    name = "mle-env-test-priced"
    key = f"openai/{name}"
    litellm.register_model(
        {key: {"input_cost_per_token": 3e-6, "output_cost_per_token": 4e-6, "litellm_provider": "openai", "mode": "chat"}}
    )
    try:
        with FakeOpenAI([Reply(text="ok", usage=(1000, 500))]) as srv:
            resp = await complete(srv, key)
            assert resp._hidden_params["response_cost"] == pytest.approx(0.005)
            assert litellm.completion_cost(completion_response=resp) == pytest.approx(0.005)
    finally:
        litellm.model_cost.pop(key, None)
        litellm.model_cost.pop(name, None)


async def test_params_openai_pass_through():
    with FakeOpenAI([Reply(text="ok")]) as srv:
        await complete(srv, "openai/fake-model", seed=7, temperature=0.2, max_tokens=99, reasoning_effort="low")
        body = srv.requests[0].body
        assert (body["seed"], body["temperature"], body["max_tokens"], body["reasoning_effort"]) == (7, 0.2, 99, "low")


async def test_params_anthropic_and_drop_params():
    with FakeAnthropic([Reply(text="ok"), Reply(text="ok")]) as srv:
        with pytest.raises(litellm.UnsupportedParamsError, match="seed"):
            await complete(srv, "anthropic/claude-fake", seed=7, temperature=0.2, max_tokens=99)
        assert srv.requests == []  # raised before sending
        await complete(srv, "anthropic/claude-fake", seed=7, temperature=0.2, max_tokens=99, drop_params=True, reasoning_effort="low")
        body = srv.requests[0].body
        assert "seed" not in body and "reasoning_effort" not in body and "thinking" not in body
        assert (body["temperature"], body["max_tokens"]) == (0.2, 99)
        # A known reasoning model: reasoning_effort becomes an extended-thinking budget.
        await complete(srv, "anthropic/claude-sonnet-4-5-20250929", max_tokens=4096, reasoning_effort="low")
        assert srv.requests[1].body["thinking"] == {"type": "enabled", "budget_tokens": 1024}
