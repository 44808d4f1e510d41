"""Webhooks (``mle_env.server.webhooks``): signed deliveries to a real receiver on 127.0.0.1,
retries, and the SSRF defences — IP literals in every spelling, names resolved to private
addresses, and DNS rebinding (the address connected to is the one checked).

No test touches the network: names are resolved by an injected resolver.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import shutil
import socket
import ssl
import subprocess
import time
from dataclasses import dataclass, field

import pytest

from mle_env import __version__
from mle_env.server.webhooks import (
    DELIVERY_HEADER,
    EVENT_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    UnsafeURL,
    WebhookPolicy,
    check_url_syntax,
    deliver,
    is_forbidden_address,
    resolve_and_check,
    sign,
    verify_signature,
)

pytestmark = pytest.mark.timeout(30)

SECRET = "s3cret"
PUBLIC = "93.184.216.34"
NAMES = {
    "hooks.example.com": [PUBLIC],
    "hooks.test": ["127.0.0.1"],
    "loop.test": ["127.0.0.1"],
    "internal.test": ["10.1.2.3"],
    "mixed.test": [PUBLIC, "192.168.0.5"],
    "meta.test": ["169.254.169.254"],
    "v6.test": ["::1"],
}
LOCAL = WebhookPolicy(secret=SECRET, allow_http=True, allow_private=True, backoff=0.01, timeout=5)
STRICT = WebhookPolicy(secret=SECRET, allow_http=True, backoff=0.01, timeout=1)


def resolver(host: str, port: int) -> list[str]:
    try:
        return NAMES[host.rstrip(".")]
    except KeyError:
        raise socket.gaierror(socket.EAI_NONAME, f"unknown test name {host}") from None


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """A minimal HTTP/1.1 server on 127.0.0.1: answers with ``replies`` in turn (then 200)."""

    replies: list[tuple[int, str]] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    connections: int = 0
    port: int = 0
    hang: bool = False
    huge: bool = False

    def url(self, path: str = "/hook", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            method, path, _ = head[0].split(" ", 2)
            headers = {k.strip().lower(): v.strip() for k, v in (h.split(":", 1) for h in head[1:] if h)}
            body = await reader.readexactly(int(headers.get("content-length", 0)))
            self.requests.append(Request(method, path, headers, body))
            if self.hang:
                await asyncio.sleep(60)
            status, extra = self.replies.pop(0) if self.replies else (200, "")
            length = 10**9 if self.huge else 2
            writer.write(f"HTTP/1.1 {status} X\r\nContent-Length: {length}\r\n{extra}\r\n".encode())
            for _ in range(1000 if self.huge else 1):  # up to 1 GB "reply": the client must hang up early
                writer.write(b"x" * (1 << 20) if self.huge else b"ok")
                await writer.drain()
        except (OSError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()


@pytest.fixture
async def receiver():
    rx = Receiver()
    server = await asyncio.start_server(rx.handle, "127.0.0.1", 0)
    rx.port = server.sockets[0].getsockname()[1]
    async with server:
        yield rx
        server.close()


class Sleeps(list):
    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


# ---------------------------------------------------------------- signed delivery


async def test_delivery_arrives_once_signed(receiver):
    payload = {"job_id": "j1", "status": "finished", "result": {"score": 1.0}}
    got = await deliver(receiver.url(), payload, LOCAL, event="job.finished")
    assert got["status"] == "delivered" and got["reason"] is None
    assert got["delivery_id"].startswith("whd_") and len(got["attempts"]) == 1
    assert got["attempts"][0]["status_code"] == 200 and got["attempts"][0]["error"] is None
    [req] = receiver.requests
    assert req.method == "POST" and req.path == "/hook"
    assert json.loads(req.body) == payload
    assert req.body == json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    h = req.headers
    assert h["content-type"] == "application/json"
    assert h["user-agent"] == f"mle-env-webhook/{__version__}"
    assert h[EVENT_HEADER.lower()] == "job.finished" and h[DELIVERY_HEADER.lower()] == got["delivery_id"]
    ts, sig = h[TIMESTAMP_HEADER.lower()], h[SIGNATURE_HEADER.lower()]
    assert abs(int(ts) - time.time()) < 10
    assert sig == sign(req.body, SECRET, int(ts)) and sig.startswith("sha256=")
    assert verify_signature(req.body, SECRET, ts, sig)
    assert not verify_signature(req.body, "wrong", ts, sig)
    assert not verify_signature(req.body.replace(b"1.0", b"0.0"), SECRET, ts, sig)
    assert not verify_signature(req.body, SECRET, str(int(ts) + 1), sig)
    assert not verify_signature(req.body, SECRET, ts, sig, now=int(ts) + 301)  # replay window
    assert verify_signature(req.body, SECRET, ts, sig, now=int(ts) + 299)
    assert not verify_signature(req.body, SECRET, "yesterday", sig)


async def test_connects_to_the_resolved_address_with_the_host_name(receiver):
    got = await deliver(receiver.url(host="hooks.test"), {"a": 1}, LOCAL, resolver=resolver)
    assert got["status"] == "delivered"
    assert receiver.requests[0].headers["host"] == f"hooks.test:{receiver.port}"


@pytest.mark.skipif(not shutil.which("openssl"), reason="needs openssl to make a certificate")
async def test_tls_uses_the_host_name_for_sni(tmp_path):
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=hooks.test", "-keyout", key, "-out", cert], check=True, capture_output=True)  # fmt: skip
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    seen: list[str | None] = []
    ctx.sni_callback = lambda sock, name, c: seen.append(name)
    rx = Receiver()
    server = await asyncio.start_server(rx.handle, "127.0.0.1", 0, ssl=ctx)
    port = server.sockets[0].getsockname()[1]
    async with server:
        policy = WebhookPolicy(secret=SECRET, allow_private=True, max_attempts=1, timeout=5)
        got = await deliver(f"https://hooks.test:{port}/hook", {}, policy, resolver=resolver)
    assert seen == ["hooks.test"]  # connected to 127.0.0.1, TLS still for the name
    assert got["status"] == "failed" and "CERTIFICATE_VERIFY_FAILED" in got["reason"]  # self-signed: not trusted
    assert rx.requests == []


# ---------------------------------------------------------------- retries


async def test_retries_5xx_then_delivers(receiver):
    receiver.replies = [(500, ""), (503, "")]
    sleeps, seen = Sleeps(), []

    async def on_attempt(record):
        seen.append(record)

    policy = LOCAL.model_copy(update={"backoff": 1.0})
    got = await deliver(receiver.url(), {"x": 1}, policy, on_attempt=on_attempt, sleep=sleeps)
    assert got["status"] == "delivered"
    assert [a["status_code"] for a in got["attempts"]] == [500, 503, 200]
    assert [a["attempt"] for a in got["attempts"]] == [1, 2, 3]
    assert got["attempts"][0]["error"] == "HTTP 500" and got["attempts"][2]["error"] is None
    assert all(set(a) == {"attempt", "at", "status_code", "error", "seconds"} for a in got["attempts"])
    assert seen == got["attempts"]
    assert len(sleeps) == 2 and 1.0 <= sleeps[0] <= 1.1 and 2.0 <= sleeps[1] <= 2.2
    assert len(receiver.requests) == 3
    assert len({r.headers[DELIVERY_HEADER.lower()] for r in receiver.requests}) == 1
    for r in receiver.requests:  # each attempt signed over its own timestamp
        assert verify_signature(r.body, SECRET, r.headers[TIMESTAMP_HEADER.lower()], r.headers[SIGNATURE_HEADER.lower()])


async def test_retry_after_is_honoured_and_capped(receiver):
    receiver.replies = [(429, "Retry-After: 7\r\n"), (503, "Retry-After: 3600\r\n")]
    sleeps = Sleeps()
    got = await deliver(receiver.url(), {}, LOCAL, sleep=sleeps)
    assert got["status"] == "delivered" and len(got["attempts"]) == 3
    assert sleeps[0] == 7 and sleeps[1] == 60


async def test_404_is_not_retried(receiver):
    receiver.replies = [(404, "")]
    sleeps, seen = Sleeps(), []
    got = await deliver(receiver.url(), {}, LOCAL, sleep=sleeps, on_attempt=seen.append)
    assert got["status"] == "failed" and "HTTP 404" in got["reason"]
    assert len(got["attempts"]) == 1 and len(seen) == 1 and sleeps == []


async def test_redirect_is_not_followed(receiver):
    receiver.replies = [(302, f"Location: {receiver.url('/elsewhere')}\r\n")]
    got = await deliver(receiver.url(), {}, LOCAL, sleep=Sleeps())
    assert got["status"] == "failed" and "redirects are not followed" in got["reason"]
    assert [r.path for r in receiver.requests] == ["/hook"]  # the target was never asked
    assert len(got["attempts"]) == 1 and got["attempts"][0]["status_code"] == 302


async def test_connection_refused_is_retried_then_fails():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sleeps, seen = Sleeps(), []
    policy = LOCAL.model_copy(update={"max_attempts": 3})
    got = await deliver(f"http://127.0.0.1:{port}/hook", {}, policy, sleep=sleeps, on_attempt=seen.append)
    assert got["status"] == "failed" and "after 3 attempts" in got["reason"]
    assert [a["status_code"] for a in got["attempts"]] == [None, None, None]
    assert all("ConnectError" in a["error"] for a in got["attempts"])
    assert len(sleeps) == 2 and seen == got["attempts"]


async def test_a_slow_receiver_times_out(receiver):
    receiver.hang = True
    policy = LOCAL.model_copy(update={"max_attempts": 2, "timeout": 0.3})
    started = time.monotonic()
    got = await deliver(receiver.url(), {}, policy, sleep=Sleeps())
    assert time.monotonic() - started < 3
    assert got["status"] == "failed" and all("timed out" in a["error"] for a in got["attempts"])
    assert len(receiver.requests) == 2


async def test_a_huge_reply_is_not_read_in_full(receiver):
    receiver.huge = True
    started = time.monotonic()
    got = await deliver(receiver.url(), {}, LOCAL)
    assert got["status"] == "delivered" and time.monotonic() - started < 3


async def test_dns_failure_is_retried_then_fails():
    policy = LOCAL.model_copy(update={"max_attempts": 2})
    got = await deliver("http://nowhere.test/hook", {}, policy, resolver=resolver, sleep=Sleeps())
    assert got["status"] == "failed" and len(got["attempts"]) == 2
    assert all("cannot resolve nowhere.test" in a["error"] for a in got["attempts"])


async def test_proxies_from_the_environment_are_ignored(receiver, monkeypatch):
    """HTTP(S)_PROXY must not reroute a delivery (to a proxy that could reach what we may not)."""
    proxy = Receiver()
    server = await asyncio.start_server(proxy.handle, "127.0.0.1", 0)
    proxy_url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.setenv(var, proxy_url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    async with server:
        got = await deliver(receiver.url(host="hooks.test"), {}, LOCAL, resolver=resolver)
    assert got["status"] == "delivered" and len(receiver.requests) == 1 and proxy.connections == 0


async def test_cancellation_propagates(receiver):
    receiver.hang = True
    task = asyncio.create_task(deliver(receiver.url(), {}, LOCAL))
    while not receiver.requests:
        await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


# ---------------------------------------------------------------- SSRF

LITERALS = [  # (url, what the refusal names)
    ("http://127.0.0.1/", "loopback"),
    ("http://127.1/", "loopback"),
    ("http://2130706433/", "loopback"),
    ("http://0x7f000001/", "loopback"),
    ("http://0177.0.0.1/", "loopback"),
    ("http://0x7f.0.0.1/", "loopback"),
    ("http://127.0.0.1.:8080/", "loopback"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://0/", "unspecified"),
    ("http://10.0.0.1/", "private"),
    ("http://172.16.0.1/", "private"),
    ("http://192.168.1.1/", "private"),
    ("http://100.64.0.1/", "shared"),
    ("http://169.254.169.254/latest/meta-data/", "metadata"),
    ("http://169.254.0.1/", "link-local"),
    ("http://100.100.100.200/", "metadata"),
    ("http://192.0.0.192/", "metadata"),
    ("http://224.0.0.1/", "multicast"),
    ("http://240.0.0.1/", "reserved"),
    ("http://255.255.255.255/", "broadcast"),
    ("http://198.18.0.1/", "benchmarking"),
    ("http://[::1]/", "loopback"),
    ("http://[::]/", "unspecified"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),
    ("http://[::ffff:7f00:1]/", "loopback"),
    ("http://[0:0:0:0:0:ffff:127.0.0.1]/", "loopback"),
    ("http://[::ffff:169.254.169.254]/", "metadata"),
    ("http://[fe80::1]/", "link-local"),
    ("http://[fc00::1]/", "private"),
    ("http://[fd00:ec2::254]/", "metadata"),
    ("http://[64:ff9b::7f00:1]/", "NAT64 address embedding 127.0.0.1, a loopback"),
    ("http://[2002:7f00:1::]/", "6to4 address embedding 127.0.0.1, a loopback"),
    ("http://[2002:a00:1::]/", "6to4 address embedding 10.0.0.1, a private"),
    ("http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "Teredo address embedding 127.0.0.1"),
    ("http://[::127.0.0.1]/", "IPv4-compatible address embedding 127.0.0.1"),
    ("http://localhost/", "loopback name"),
    ("http://localhost./", "loopback name"),
    ("http://LocalHost:8000/", "loopback name"),
    ("http://api.localhost/", "loopback name"),
    ("http://metadata.google.internal/", "internal name"),
    ("http://intranet/", "internal name"),
    ("http://1.2.3.4.5/", "not a valid IP address"),
    ("http://example.123/", "not a valid IP address"),
]
OTHERS = [  # refused whatever the address
    ("ftp://hooks.example.com/", "scheme 'ftp' is not allowed"),
    ("file:///etc/passwd", "scheme 'file' is not allowed"),
    ("gopher://hooks.example.com:70/", "scheme 'gopher'"),
    ("https://user:pw@hooks.example.com/", "credentials"),
    ("https://user@hooks.example.com/", "credentials"),
    ("https:///hook", "no host"),
    ("https://:443/hook", "no host"),
    ("https://hooks.example.com:99999/", "not a valid port"),
    ("https://hooks.example.com:0/", "not a valid port"),
    ("https://hooks.example.com/" + "a" * 3000, "longer than"),
    ("not a url", "scheme"),
]
SPELLINGS = [  # hosts spelled so that parsers or resolvers could disagree: refused, never guessed at
    ("https://127.0.0.1 /", "whitespace"),  # urllib keeps the space, httpx sends "127.0.0.1%20", inet_aton stops at it
    ("https://1.1.1.1 /", "whitespace"),
    ("https://hooks.example.com /x", "whitespace"),
    ("https://hooks.example.com\u3000/x", "whitespace"),  # an ideographic space
    ("https://hooks.example.com\u200b/x", "whitespace"),  # a zero-width space
    ("https://hooks.example.com\x85/x", "control character"),
    ("https://hooks.example.com\t/x", "control character"),
    ("https://127.0.0.1%20/", "percent-escape"),
    ("https://127%2e0.0.1/", "percent-escape"),
    ("https://hooks%2eexample.com/", "percent-escape"),
    ("https://[fe80::1%25eth0]/", "percent-escape"),
    ("https://hooks..example.com/", "empty label"),
    ("https://.hooks.example.com/", "empty label"),
    ("https://hooks.example.com../", "empty label"),
    ("https://hooks\\example.com/", "not letters, digits"),
    ("https://hooks.example.com\\@127.0.0.1/", "credentials"),  # urllib and httpx both read a user here
    ("https://-hooks.example.com/", "not letters, digits"),
    ("https://1\u30021\u30021\u30021/", "read as '1\u30021\u30021\u30021' by one URL parser and '1.1.1.1'"),
    ("https://" + "a" * 64 + ".example.com/", "not letters, digits"),
    ("https://" + "a." * 130 + "com/", "longer than 253"),
]
NAMED = [  # names the injected resolver maps to forbidden addresses
    ("http://loop.test/", "resolves to 127.0.0.1, a loopback address"),
    ("http://loop.test./", "resolves to 127.0.0.1, a loopback address"),
    ("http://internal.test:8080/", "resolves to 10.1.2.3, a private address"),
    ("http://mixed.test/", "resolves to 192.168.0.5, a private address"),
    ("http://meta.test/", "resolves to 169.254.169.254, a cloud metadata address"),
    ("http://v6.test/", "resolves to ::1, a loopback address"),
]


@pytest.mark.parametrize("url,why", LITERALS + OTHERS, ids=lambda x: x[:60] if isinstance(x, str) else None)
async def test_refused_without_dns(url, why):
    with pytest.raises(UnsafeURL) as e:
        check_url_syntax(url, STRICT)
    assert why in str(e.value)

    def no_dns(host, port):
        raise AssertionError(f"looked up {host}")

    got = await deliver(url, {}, STRICT, resolver=no_dns, sleep=Sleeps())
    assert got["status"] == "refused" and why in got["reason"] and got["attempts"] == []


@pytest.mark.parametrize("url,why", SPELLINGS, ids=lambda x: ascii(x)[:50] if isinstance(x, str) else None)
async def test_hosts_spelled_so_parsers_could_disagree_are_refused(url, why):
    with pytest.raises(UnsafeURL) as e:
        check_url_syntax(url, STRICT)
    assert why in str(e.value)

    def no_dns(host, port):
        raise AssertionError(f"looked up {host}")

    got = await deliver(url, {}, STRICT, resolver=no_dns, sleep=Sleeps())
    assert got["status"] == "refused" and got["attempts"] == []
    private = WebhookPolicy(secret=SECRET, allow_http=True, allow_private=True)  # a spelling is no address check:
    with pytest.raises(UnsafeURL):  # it holds with the address checks off too
        check_url_syntax(url, private)


@pytest.mark.parametrize("host", ["127.0.0.1 ", "127.0.0.1%20", "hooks..example.com", " hooks.example.com", "a\x00b.com",
                                  "hooks.example.com\\", ""])  # fmt: skip
async def test_the_host_a_connection_is_given_is_checked_again(host):
    """What httpx hands the connection is checked with the same grammar (the pinned backend calls this)."""
    with pytest.raises(UnsafeURL):
        await resolve_and_check(host, 443, LOCAL, resolver)


async def test_a_checked_url_is_parsed_once_and_sent_as_parsed(receiver):
    target = check_url_syntax(receiver.url(path="/hook?x=1"), LOCAL)
    assert (target.host, target.port) == ("127.0.0.1", receiver.port) and target.url.path == "/hook"
    got = await deliver(receiver.url(path="/hook?x=1"), {"metadata": {"a": "\ud800", "b": float("nan")}}, LOCAL)
    assert got["status"] == "delivered"
    body = json.loads(receiver.requests[0].body)  # what a job holds is sent as JSON any receiver parses
    assert body == {"metadata": {"a": "\ufffd", "b": None}}


@pytest.mark.parametrize("url,why", NAMED)
async def test_refused_after_resolving(url, why):
    check_url_syntax(url, STRICT)  # nothing wrong on its face
    seen = []
    got = await deliver(url, {}, STRICT, resolver=resolver, on_attempt=seen.append, sleep=Sleeps())
    assert got["status"] == "refused" and why in got["reason"]
    assert got["attempts"] == [] and seen == []


async def test_scheme_and_allow_list():
    https_only = WebhookPolicy(secret=SECRET)
    with pytest.raises(UnsafeURL, match="scheme 'http' is not allowed"):
        check_url_syntax("http://hooks.example.com/", https_only)
    check_url_syntax("https://hooks.example.com/x", https_only)
    listed = WebhookPolicy(secret=SECRET, allow_hosts=["hooks.example.com", "*.receivers.example.org"])
    check_url_syntax("https://HOOKS.example.com./x", listed)
    check_url_syntax("https://a.b.receivers.example.org/x", listed)
    for url in ("https://example.com/", "https://receivers.example.org/", "https://evilreceivers.example.org/",
                "https://hooks.example.com.evil.net/"):  # fmt: skip
        with pytest.raises(UnsafeURL, match="not on the allowed hosts list"):
            check_url_syntax(url, listed)
    # allow_private skips the address checks only
    private = WebhookPolicy(secret=SECRET, allow_private=True, allow_hosts=["localhost"])
    check_url_syntax("https://localhost:8443/", private)
    for url, why in [("http://localhost/", "scheme"), ("https://u:p@localhost/", "credentials"),
                     ("https://127.0.0.1/", "allowed hosts")]:  # fmt: skip
        with pytest.raises(UnsafeURL, match=why):
            check_url_syntax(url, private)


async def test_public_addresses_pass():
    for url in ("https://hooks.example.com/x", f"https://{PUBLIC}/x", "https://[2606:4700::1111]/x",
                "https://[::ffff:93.184.216.34]/x", "https://xn--bcher-kva.example/x", "https://bücher.example/x"):  # fmt: skip
        check_url_syntax(url, WebhookPolicy(secret=SECRET))
    assert await resolve_and_check("hooks.example.com", 443, STRICT, resolver) == [PUBLIC]
    assert await resolve_and_check("[2606:4700::1111]", 443, STRICT) == ["2606:4700::1111"]
    assert await resolve_and_check("0x7f.1", 80, LOCAL) == ["127.0.0.1"]  # allowed, but still decoded
    with pytest.raises(UnsafeURL, match="127.0.0.1, a loopback address"):
        await resolve_and_check("localhost", 80, STRICT)  # the real resolver
    with pytest.raises(socket.gaierror):
        await resolve_and_check("nowhere.test", 80, STRICT, resolver)


def test_is_forbidden_address():
    ip = ipaddress.ip_address
    for public in (PUBLIC, "8.8.8.8", "1.1.1.1", "2606:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8",
                   "64:ff9b::808:808", "2002:808:808::1"):  # fmt: skip
        assert is_forbidden_address(ip(public)) is None, public
    assert is_forbidden_address(ip("127.0.0.1")) == "a loopback address"
    assert "metadata" in is_forbidden_address(ip("169.254.169.254"))
    assert "documentation" in is_forbidden_address(ip("192.0.2.1"))
    assert "documentation" in is_forbidden_address(ip("2001:db8::1"))
    assert is_forbidden_address(ip("fe80::1%eth0")) == "a link-local address"


# ---------------------------------------------------------------- DNS rebinding


@pytest.mark.parametrize("public_lookups", [1, 2])
async def test_rebinding_cannot_reach_loopback(receiver, public_lookups):
    """The name is public when checked, then 127.0.0.1: the connection must not go there.

    With 1 public answer the first connection already resolves to loopback; with 2 the first
    attempt goes to the (unreachable) public address and the retry's lookup gets loopback.
    """
    lookups: list[str] = []

    def rebinding(host, port):
        lookups.append(host)
        return [PUBLIC] if len(lookups) <= public_lookups else ["127.0.0.1"]

    policy = STRICT.model_copy(update={"timeout": 0.5, "max_attempts": 3})
    got = await deliver(receiver.url(host="rebind.test"), {"a": 1}, policy, resolver=rebinding, sleep=Sleeps())
    assert receiver.connections == 0 and receiver.requests == []
    assert got["status"] == "refused" and "127.0.0.1, a loopback address" in got["reason"]
    assert len(lookups) == public_lookups + 1  # checked again for each connection
    assert len(got["attempts"]) == public_lookups
    assert "loopback" in got["attempts"][-1]["error"]
