"""Signed webhooks for async jobs, safe to send from a public server.

Where a delivery may go is ``egress``'s business (SSRF checks, connections pinned to the
checked address); this module signs, sends and retries.

Receivers verify the signature (see ``verify_signature``). Each delivery has headers::

    X-MLE-Env-Event: job.finished
    X-MLE-Env-Delivery: <id, the same across retries: deduplicate on it>
    X-MLE-Env-Timestamp: <unix seconds, fresh for each attempt>
    X-MLE-Env-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>." + raw body)>

Check the HMAC over the *raw* body with a constant-time compare and reject timestamps
more than a few minutes away (replays).
"""

from __future__ import annotations

import asyncio
import email.utils
import hashlib
import hmac
import inspect
import json
import random
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone
from typing import Any

import httpx
from pydantic import BaseModel, ConfigDict, Field

from mle_env import __version__
from mle_env.server.guards import scrub
from mle_env.server.egress import (
    Resolver,
    Target,
    UnsafeURL,
    check_url_syntax,
    is_forbidden_address,
    pinned_client,
    resolve_and_check,
)

__all__ = ["DELIVERY_HEADER", "EVENT_HEADER", "SIGNATURE_HEADER", "TIMESTAMP_HEADER", "Target", "UnsafeURL",
           "WebhookPolicy", "check_url_syntax", "deliver", "is_forbidden_address", "resolve_and_check", "sign", "verify_signature"]

SIGNATURE_HEADER = "X-MLE-Env-Signature"
TIMESTAMP_HEADER = "X-MLE-Env-Timestamp"
EVENT_HEADER = "X-MLE-Env-Event"
DELIVERY_HEADER = "X-MLE-Env-Delivery"
MAX_DELAY = 60.0


class WebhookPolicy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    allow_http: bool = False
    """Allow ``http://`` URLs too (else ``https://`` only)."""
    allow_private: bool = False
    """DANGEROUS, for tests and local receivers: skip the address checks (the rest still apply)."""
    allow_hosts: list[str] | None = None
    """If set, the URL's host must be one of these (exact, case-insensitive; ``*.example.com`` for subdomains)."""
    secret: str = Field(min_length=1)
    max_attempts: int = Field(5, ge=1)
    backoff: float = Field(1.0, ge=0)
    """Attempt n waits ``backoff * 2**(n-1)`` seconds (plus up to 10% jitter, at most ``MAX_DELAY``)."""
    timeout: float = Field(10.0, gt=0)
    """Seconds for one attempt, all told (resolve, connect, send, read)."""
    max_response_bytes: int = Field(64 * 1024, ge=0)




# ---------------------------------------------------------------- signing and delivering


def sign(body: bytes, secret: str, timestamp: int) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify_signature(body: bytes, secret: str, timestamp_header: str, signature_header: str, *,
                     tolerance: int = 300, now: float | None = None) -> bool:  # fmt: skip
    """For receivers: is ``signature_header`` ours for this raw ``body``, signed within ``tolerance`` s?"""
    try:
        timestamp = int(timestamp_header)
    except (TypeError, ValueError):
        return False
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        return False
    return hmac.compare_digest(sign(body, secret, timestamp).encode(), (signature_header or "").strip().encode())


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _outcome(status: int) -> tuple[str, str | None]:
    """("delivered" | "retry" | "fatal", error) for a response status."""
    if 200 <= status < 300:
        return "delivered", None
    if 300 <= status < 400:
        return "fatal", f"HTTP {status}: redirects are not followed"
    return ("retry" if status in (408, 425, 429) or status >= 500 else "fatal"), f"HTTP {status}"


async def _attempt(n: int, url: httpx.URL, body: bytes, headers: dict[str, str], policy: WebhookPolicy,
                   resolver: Resolver | None) -> tuple[dict, str, float | None]:  # fmt: skip
    timestamp = int(time.time())
    headers = {**headers, TIMESTAMP_HEADER: str(timestamp), SIGNATURE_HEADER: sign(body, policy.secret, timestamp)}
    at, start = datetime.now(timezone.utc).isoformat(timespec="milliseconds"), time.monotonic()
    status = retry_after = None
    outcome, error = "retry", None
    try:
        async with asyncio.timeout(policy.timeout), pinned_client(policy, resolver) as client:
            async with client.stream("POST", url, content=body, headers=headers) as resp:
                status, retry_after = resp.status_code, _retry_after(resp.headers.get("retry-after"))
                read = 0
                async for chunk in resp.aiter_raw():  # read a bounded part of the reply, then hang up
                    read += len(chunk)
                    if read >= policy.max_response_bytes:
                        break
    except UnsafeURL as e:
        outcome, error = "refused", str(e)
    except (TimeoutError, httpx.TimeoutException):
        error = f"timed out after {policy.timeout:g} s"
    except httpx.TransportError as e:
        error = f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
    except Exception as e:  # noqa: BLE001 - a delivery never raises
        outcome, error = "fatal", f"unexpected error: {type(e).__name__}: {e}"
    if status is not None:  # the receiver answered: that decides, whatever happened while reading the rest
        outcome, error = _outcome(status)
    record = {"attempt": n, "at": at, "status_code": status, "error": error,
              "seconds": round(time.monotonic() - start, 3)}  # fmt: skip
    return record, outcome, retry_after


def _delay(n: int, policy: WebhookPolicy, retry_after: float | None) -> float:
    delay = min(policy.backoff * 2 ** (n - 1), MAX_DELAY)
    delay += random.uniform(0, delay / 10)
    return min(max(delay, retry_after or 0.0), MAX_DELAY)


async def deliver(url: str, payload: dict, policy: WebhookPolicy, *, event: str = "job.finished",
                  on_attempt: Callable[[dict], Awaitable[None] | None] | None = None,
                  resolver: Resolver | None = None, sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep) -> dict:  # fmt: skip
    """POST ``payload`` to ``url``, signed, retrying transient failures. Network trouble and unsafe
    URLs are results, never exceptions: only CancelledError (and what ``on_attempt`` raises) propagate.

    Returns ``{"url", "delivery_id", "status": "delivered" | "failed" | "refused", "attempts", "reason"}``;
    ``on_attempt`` gets each attempt's record as it happens.
    """
    result: dict[str, Any] = {"url": url, "delivery_id": f"whd_{uuid.uuid4().hex}", "status": "failed",
                              "attempts": [], "reason": None}  # fmt: skip
    try:
        target: Target = check_url_syntax(url, policy)  # parsed once: this URL is what is sent
        async with asyncio.timeout(policy.timeout):
            await resolve_and_check(target.host, target.port, policy, resolver)
    except UnsafeURL as e:
        return {**result, "status": "refused", "reason": str(e)}
    except (OSError, ValueError):
        pass  # DNS trouble (or a slow resolver): the attempts retry it and record why
    # what a job holds (its metadata, an agent's output) as JSON any receiver parses: no lone surrogate, no NaN
    body = json.dumps(scrub(payload), separators=(",", ":"), sort_keys=True).encode()
    headers = {"Content-Type": "application/json", "User-Agent": f"mle-env-webhook/{__version__}",
               EVENT_HEADER: event, DELIVERY_HEADER: result["delivery_id"]}  # fmt: skip
    for n in range(1, policy.max_attempts + 1):
        record, outcome, retry_after = await _attempt(n, target.url, body, headers, policy, resolver)
        result["attempts"].append(record)
        if on_attempt is not None and inspect.isawaitable(done := on_attempt(record)):
            await done
        if outcome in ("delivered", "refused"):
            return {**result, "status": outcome, "reason": record["error"]}
        if outcome == "fatal" or n == policy.max_attempts:
            break
        await sleep(_delay(n, policy, retry_after))
    return {**result, "reason": f"{record['error']} (after {n} attempt{'s' if n > 1 else ''})"}
