"""Bounds on the server's connections, so slow or idle clients cannot hold it: uvicorn's h11
protocol with deadlines and a cap.

uvicorn closes a kept-alive connection idle for ``timeout_keep_alive`` seconds, but nothing
bounds a client that sends its request slowly: one header byte a second, or a body that
trickles, holds its socket (and, by the hundreds, the server's file descriptors) for ever.
``bounded_protocol`` gives each request a deadline, armed from the moment the server waits
for it (the connection opened, or the previous response was sent):

- ``header_timeout`` seconds to receive the request line and headers;
- then ``body_timeout`` seconds to receive the whole body.

A client that misses one gets ``408 Request Timeout`` (if nothing was answered yet) and the
connection is closed. At most ``max_connections`` connections are open at once. When one more
is accepted, the connection that has waited longest for a request's headers (idle, or sending
them slowly) is closed to make room — a client that sends its request promptly always gets
in, however many slow ones there are; only when every connection is busy with a request (or
its body) is the new one answered ``503`` (``Retry-After``) and closed. Headers are at most
``MAX_HEADER_BYTES`` (``serve`` passes it to h11).

This leans on uvicorn's ``H11Protocol`` (``conn``, ``cycle``, ``transport``, ``connections``);
tests/test_server.py drives it over real sockets.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

MAX_HEADER_BYTES = 16 * 1024
"""The request line and headers together, at most (h11's ``max_incomplete_event_size``); more is a 400."""

REQUEST_TIMEOUT = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
                   b"connection: close\r\ncontent-length: %d\r\n\r\n%s")  # fmt: skip
UNAVAILABLE = (b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\nretry-after: 5\r\n"
               b"connection: close\r\ncontent-length: %d\r\n\r\n%s")  # fmt: skip


def bounded_protocol(*, header_timeout: float, body_timeout: float, max_connections: int) -> type[H11Protocol]:
    """An ``H11Protocol`` class (for ``uvicorn.run(http=...)``) with these bounds."""

    class Bounded(_Bounded):
        pass

    Bounded.header_timeout, Bounded.body_timeout, Bounded.max_connections = header_timeout, body_timeout, max_connections
    return Bounded


class _Bounded(H11Protocol):
    header_timeout: float
    body_timeout: float
    max_connections: int

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._waiting_for: object = None  # the h11 state the armed deadline is for
        self._armed_at = 0.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._rearm()
        if len(self.connections) > self.max_connections and not self._make_room():
            self._disarm()
            self._refuse(UNAVAILABLE, f"{self.max_connections} connections are busy; try again shortly")

    def _make_room(self) -> bool:
        """Close the connection that has waited longest for a request's headers; False if none does
        (or there is room after all: connections being closed do not count)."""
        live = [c for c in self.connections if c is not self and not c.transport.is_closing()]
        if len(live) < self.max_connections:
            return True
        waiting = [c for c in live if isinstance(c, _Bounded) and c._waiting_for is h11.IDLE]
        if not waiting:
            return False
        oldest = min(waiting, key=lambda c: c._armed_at)
        oldest._expired("headers", None)
        return True

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._rearm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._rearm()  # the next request on a kept-alive connection gets its own deadlines

    # ------------------------------------------------------------ deadlines
    def _rearm(self) -> None:
        """Arm the deadline for what the connection waits for now: headers (h11 IDLE) or the
        rest of the body (SEND_BODY); none once the request is in (the app has it)."""
        if self.transport is None or self.transport.is_closing():
            return self._disarm()
        state = self.conn.their_state
        if state is self._waiting_for:
            return  # still waiting for the same thing: the deadline stands (bytes do not extend it)
        self._disarm()
        if state is h11.IDLE:
            self._arm(state, self.header_timeout, "headers")
        elif state is h11.SEND_BODY:
            self._arm(state, self.body_timeout, "body")

    def _arm(self, state: object, seconds: float, what: str) -> None:
        self._waiting_for, self._armed_at = state, self.loop.time()
        self._deadline = self.loop.call_later(seconds, self._expired, what, seconds)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline, self._waiting_for = None, None

    def _expired(self, what: str, seconds: float | None) -> None:
        """The deadline passed (or, ``seconds`` None, the connection was closed to make room)."""
        self._disarm()
        if self.transport.is_closing():
            return
        cycle = self.cycle
        if what == "headers":
            silent = cycle is not None and not self.conn.trailing_data[0]  # kept alive, not a byte since
        else:
            silent = cycle is not None and cycle.response_started  # answered already (a 413, say): nothing to add
        if silent:
            self.transport.close()
        else:
            why = "the server needed the connection" if seconds is None else f"not within {seconds:g} s"
            self._refuse(REQUEST_TIMEOUT, f"the request's {what} did not arrive: {why}")

    def _refuse(self, template: bytes, why: str) -> None:
        """Answer with a canned response and close; an app still reading this request then hears
        a disconnect (``connection_lost``)."""
        body = (why + "\n").encode()
        self.transport.write(template % (len(body), body))
        self.transport.close()
