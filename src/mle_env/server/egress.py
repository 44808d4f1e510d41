"""Where the server may connect on a caller's behalf: SSRF checks and connections pinned to them.

Threat model: a URL (a webhook's ``callback_url``) comes from an API user, and the server
connects to it from inside its own network. Unchecked, that is server-side request forgery:
a URL that names loopback, a private network, or a cloud metadata endpoint
(169.254.169.254 …) would reach services the user cannot. So a URL must be ``https``
(``http`` only if the policy allows it), carry no credentials, name a host on the
allow-list if there is one, and reach only public addresses — an IP literal in any
spelling libc or a browser accepts (``2130706433``, ``0x7f.1``, ``[::ffff:127.0.0.1]``,
``[64:ff9b::7f00:1]`` …) is decoded first.

The URL is parsed once (``check_url_syntax`` returns it, and that parsed URL is what is
sent), and the host must be spelled plainly: an IP literal, or a name of letters, digits,
``-`` and ``_`` in non-empty dot-separated labels (one trailing dot allowed). Whitespace,
control characters, percent-escapes, empty labels, and any host that ``urllib.parse`` and
httpx read differently (``https://127.0.0.1 /``, ``https://127%2e0.0.1/``,
``https://1。1。1。1/``) are refused rather than guessed at: resolvers and parsers disagree
on such spellings, and a disagreement is how a check is bypassed. The same grammar is
checked again on the exact host httpx hands to the connection (``resolve_and_check``).

A name is checked where it is connected, not only before: the connection goes to the
address that was checked (``_PinnedBackend``), so a name that resolves to a public address
once and to 127.0.0.1 the next time (DNS rebinding) gets nowhere. Redirects are not
followed and proxies from the environment are ignored (``pinned_client``).

A policy is any object with ``allow_http``, ``allow_private``, ``allow_hosts`` and
``timeout`` (``webhooks.WebhookPolicy``).
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import ipaddress
import re
import socket
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpcore
import httpx

if TYPE_CHECKING:
    from mle_env.server.webhooks import WebhookPolicy

MAX_URL_LENGTH = 2048
MAX_HOST_LENGTH = 253

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], "list[str] | Awaitable[list[str]]"]


class UnsafeURL(ValueError):
    """A callback URL that must not be called; the message says why."""


# ---------------------------------------------------------------- addresses

_FORBIDDEN = [(ipaddress.ip_network(net), reason) for reason, nets in [  # first match names the reason
    ("a cloud metadata address", "169.254.169.254/32 169.254.170.2/32 100.100.100.200/32 192.0.0.192/32 fd00:ec2::254/128"),
    ("an unspecified ('this network') address", "0.0.0.0/8 ::/128"),
    ("a loopback address", "127.0.0.0/8 ::1/128"),
    ("a private address", "10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 fc00::/7 fec0::/10"),
    ("a shared (carrier-grade NAT) address", "100.64.0.0/10"),
    ("a link-local address", "169.254.0.0/16 fe80::/10"),
    ("a multicast address", "224.0.0.0/4 ff00::/8"),
    ("the broadcast address", "255.255.255.255/32"),
    ("a reserved address", "240.0.0.0/4 192.0.0.0/24 192.88.99.0/24 100::/64"),
    ("a benchmarking address", "198.18.0.0/15 2001:2::/48"),
    ("a documentation address", "192.0.2.0/24 198.51.100.0/24 203.0.113.0/24 2001:db8::/32 3fff::/20"),
] for net in nets.split()]  # fmt: skip
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> tuple[str, ipaddress.IPv4Address] | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, Teredo, NAT64, compatible …)."""
    n = int(ip)
    if ip.ipv4_mapped:
        return "an IPv4-mapped address", ip.ipv4_mapped
    if ip.sixtofour:
        return "a 6to4 address", ip.sixtofour
    if ip.teredo:
        return "a Teredo address", ip.teredo[1]
    if ip in _NAT64:
        return "a NAT64 address", ipaddress.IPv4Address(n & 0xFFFFFFFF)
    if n >> 32 == 0xFFFF0000:
        return "an IPv4-translated address", ipaddress.IPv4Address(n & 0xFFFFFFFF)
    if n >> 32 == 0 and n > 1:
        return "an IPv4-compatible address", ipaddress.IPv4Address(n)
    return None


def is_forbidden_address(ip: IPAddress) -> str | None:
    """Why a webhook must not connect to ``ip`` ("a loopback address" …), or None if it is public."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            ip = ipaddress.IPv6Address(str(ip).split("%")[0])
        if embedded := _embedded_ipv4(ip):
            kind, v4 = embedded
            if reason := is_forbidden_address(v4):
                return f"{kind} embedding {v4}, {reason}"
            if ip.ipv4_mapped:
                return None
    for net, reason in _FORBIDDEN:
        if ip.version == net.version and ip in net:
            return reason
    return None if ip.is_global else "a non-public (special-purpose) address"


_NUMERIC_LABEL = re.compile(r"0x[0-9a-f]*|[0-9]+")


def _host_ip(host: str) -> IPAddress | None:
    """The address ``host`` denotes if it is an IP literal in any form libc or browsers accept
    (``127.1``, ``2130706433``, ``0177.0.0.1``, ``0x7f.0.0.1``, IPv6), else None (a name).

    A host ending in a numeric label that is no valid address is refused, as browsers do.
    """
    h = host.strip("[]").rstrip(".").lower()
    try:
        if ":" in h:
            return ipaddress.IPv6Address(h.split("%", 1)[0])
        labels = h.split(".")
        if not _NUMERIC_LABEL.fullmatch(labels[-1]):
            return None
        if len(labels) > 4:
            raise ValueError
        nums = [_ipv4_number(label) for label in labels]
        last = nums.pop()
        if any(x > 255 for x in nums) or last >= 256 ** (4 - len(nums)):
            raise ValueError
        value = sum(x << (8 * (3 - i)) for i, x in enumerate(nums)) + last
        return ipaddress.IPv4Address(value)
    except ValueError:
        raise UnsafeURL(f"callback_url host {host} is not a valid IP address") from None


def _ipv4_number(label: str) -> int:
    if label.startswith("0x"):
        return int(label[2:] or "0", 16)
    if len(label) > 1 and label.startswith("0"):
        return int(label, 8)  # ValueError on "08"
    return int(label)  # ValueError on "" or a name


_INTERNAL_SUFFIXES = (".internal", ".local", ".localdomain", ".home.arpa", ".intranet", ".lan")
_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")
_UNSAFE_CHAR = re.compile(r"[\x00-\x20\x7f-\x9f\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]")


def host_problem(host: str) -> str | None:
    """Why ``host`` (as httpx hands it to a connection: ASCII, IPv6 without brackets, or with)
    is not plainly spelled, or None. Names are LDH labels (``_`` allowed), none empty."""
    if not host:
        return "has no host"
    if len(host) > MAX_HOST_LENGTH:
        return f"has a host longer than {MAX_HOST_LENGTH} characters"
    if m := _UNSAFE_CHAR.search(host):
        return f"host {host!r} holds whitespace or a control character ({m.group()!r})"
    if "%" in host:
        return f"host {host!r} holds a percent-escape; write the host plainly"
    bare = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if ":" in bare:
        try:
            ipaddress.IPv6Address(bare)
        except ValueError:
            return f"host {host!r} is not a valid IPv6 address"
        return None
    labels = bare.lower().split(".")
    if labels[-1] == "" and len(labels) > 1:
        labels.pop()  # one trailing dot: the same name, fully qualified
    if any(label == "" for label in labels):
        return f"host {host!r} has an empty label"
    bad = next((label for label in labels if not _LABEL.fullmatch(label)), None)
    if bad is not None:
        return f"host {host!r} has a label that is not letters, digits, '-' or '_' ({bad!r})"
    return None


def _check_name(host: str) -> None:
    if host == "localhost" or host.endswith(".localhost"):
        raise UnsafeURL(f"callback_url host {host} is a loopback name")
    if "." not in host or host.endswith(_INTERNAL_SUFFIXES):
        raise UnsafeURL(f"callback_url host {host} is an internal name, not a public domain")


def _allowed(host: str, allow_hosts: list[str]) -> bool:
    for entry in (e.lower().rstrip(".") for e in allow_hosts):
        if entry == host or (entry.startswith("*.") and host.endswith(entry[1:])):
            return True
    return False


@dataclass(frozen=True)
class Target:
    """A callback URL that passed ``check_url_syntax``: parsed once, sent as parsed."""

    url: httpx.URL
    host: str  # as httpx connects to it: ASCII (IDNA), lower case, IPv6 without brackets
    port: int


def check_url_syntax(url: str, policy: WebhookPolicy) -> Target:
    """Refuse (``UnsafeURL``) a URL that is unsafe on its face — no DNS: scheme, credentials,
    host spelling, port, allow-list, IP literals and local names. For a 422 when a job is
    submitted; returns the parsed URL that deliveries then use."""
    if len(url) > MAX_URL_LENGTH:
        raise UnsafeURL(f"callback_url is longer than {MAX_URL_LENGTH} characters")
    try:
        u = httpx.URL(url)
    except httpx.InvalidURL as e:  # httpx rejects "0177.0.0.1": still say what it is if we can
        host, ip = "", None
        with contextlib.suppress(ValueError):  # UnsafeURL too
            host = urllib.parse.urlsplit(url).hostname or ""
            ip = _host_ip(host)
        if ip and not policy.allow_private and (reason := is_forbidden_address(ip)):
            raise UnsafeURL(_what(host, ip, reason)) from None
        if m := _UNSAFE_CHAR.search(url):
            raise UnsafeURL(f"callback_url holds whitespace or a control character ({m.group()!r} at {m.start()})") from None
        raise UnsafeURL(f"callback_url is not a valid URL: {e}") from None
    schemes = ("https", "http") if policy.allow_http else ("https",)
    if u.scheme not in schemes:
        raise UnsafeURL(f"callback_url scheme {u.scheme or '(none)'!r} is not allowed (only {' or '.join(schemes)})")
    if u.userinfo:
        raise UnsafeURL("callback_url must not contain credentials (user:password@)")
    if m := _UNSAFE_CHAR.search(url):  # httpx would percent-encode a space in the host, urllib keep it
        raise UnsafeURL(f"callback_url holds whitespace or a control character ({m.group()!r} at {m.start()})")
    raw = u.raw_host.decode("ascii")
    if why := host_problem(raw):
        raise UnsafeURL(f"callback_url {why}")
    _same_host_for_urllib(url, u)
    host = raw.lower().rstrip(".")
    if u.port is not None and not 0 < u.port < 65536:
        raise UnsafeURL(f"callback_url port {u.port} is not a valid port")
    if policy.allow_hosts is not None and not _allowed(host, policy.allow_hosts):
        raise UnsafeURL(f"callback_url host {host} is not on the allowed hosts list")
    ip = _host_ip(host)
    if not policy.allow_private:
        if ip is None:
            _check_name(host)
        elif reason := is_forbidden_address(ip):
            raise UnsafeURL(_what(host, ip, reason))
    return Target(u, raw, u.port or (443 if u.scheme == "https" else 80))


def _same_host_for_urllib(url: str, u: httpx.URL) -> None:
    """``urllib.parse`` must find the host httpx found (as written, or its IDNA form): a URL the
    two read differently is refused, whichever reading would be safe."""
    try:
        theirs = (urllib.parse.urlsplit(url).hostname or "").rstrip(".")
    except ValueError as e:
        raise UnsafeURL(f"callback_url is not a valid URL: {e}") from None
    ours = {u.raw_host.decode("ascii").lower().rstrip("."), u.host.lower().rstrip(".")}
    if theirs not in ours:
        raise UnsafeURL(f"callback_url host is read as {theirs!r} by one URL parser and {u.host!r} by another; "
                        "write the host plainly (ASCII, or its xn-- form)")  # fmt: skip


def _what(host: str, ip: IPAddress, reason: str, resolved: bool = False) -> str:
    if resolved:
        return f"callback_url host {host} resolves to {ip}, {reason}"
    if host.strip("[]") == str(ip):
        return f"callback_url host {host} is {reason}"
    return f"callback_url host {host} is {ip}, {reason}"


async def _getaddrinfo(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


async def resolve_and_check(host: str, port: int, policy: WebhookPolicy, resolver: Resolver | None = None) -> list[str]:
    """The addresses ``host`` resolves to, each one checked (``UnsafeURL`` if any is forbidden).

    An IP literal is decoded, not looked up. Lookup failures raise ``OSError`` (or ``UnicodeError``
    for names the IDNA codec refuses). ``host`` must be plainly spelled (``host_problem``)."""
    if why := host_problem(host):
        raise UnsafeURL(f"callback_url {why}")
    ip = _host_ip(host)
    if ip is not None:
        found = [str(ip)]
    else:
        got = (resolver or _getaddrinfo)(host, port)
        found = list(await got) if inspect.isawaitable(got) else list(got)
    try:
        addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in found]
    except ValueError:
        raise UnsafeURL(f"callback_url host {host} resolves to something that is not an address: {found}") from None
    if not addresses:
        raise UnsafeURL(f"callback_url host {host} resolves to no address")
    if not policy.allow_private:
        for addr in addresses:
            if reason := is_forbidden_address(addr):
                raise UnsafeURL(_what(host, addr, reason, resolved=ip is None))
    return [str(a) for a in addresses]


# ---------------------------------------------------------------- connecting to the checked address


class _PinnedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, but ``connect_tcp`` resolves and checks the host itself and
    connects to the checked IP literal; httpcore still uses the URL's host name for TLS (SNI,
    certificate) and httpx for the Host header."""

    def __init__(self, policy: WebhookPolicy, resolver: Resolver | None) -> None:
        self._policy, self._resolver, self._inner = policy, resolver, httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None, socket_options: Any = None) -> httpcore.AsyncNetworkStream:  # fmt: skip
        try:
            addresses = await resolve_and_check(host, port, self._policy, self._resolver)
        except UnsafeURL:
            raise
        except (OSError, ValueError) as e:
            raise httpcore.ConnectError(f"cannot resolve {host}: {e}") from e
        error: Exception = httpcore.ConnectError(f"cannot connect to {host}")
        for address in addresses:
            try:
                return await self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                error = e
        raise error

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: Any = None) -> httpcore.AsyncNetworkStream:  # fmt: skip
        raise httpcore.ConnectError("webhooks do not use unix sockets")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport over a pool with our backend. Its ``__init__`` is skipped on purpose:
    it builds a pool that takes no network backend, and everything else only uses ``_pool``."""

    def __init__(self, backend: httpcore.AsyncNetworkBackend) -> None:  # pylint: disable=super-init-not-called
        ctx = httpx.create_ssl_context(trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(ssl_context=ctx, network_backend=backend, max_connections=1)


def pinned_client(policy: WebhookPolicy, resolver: Resolver | None) -> httpx.AsyncClient:
    transport = _PinnedTransport(_PinnedBackend(policy, resolver))
    return httpx.AsyncClient(transport=transport, trust_env=False, follow_redirects=False, timeout=policy.timeout)

