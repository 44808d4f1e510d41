"""``mle-env view``: the report served from a local HTTP server (stdlib ``http.server``),
rendered again on every request, so a run still going shows its progress (the page reloads
itself every few seconds until no sample is pending or running).

One route, ``GET /``: the same document ``mle-env report`` writes (sample pages are
``#fragments`` of it). Requests whose ``Host`` is not this machine are refused (421), so a web
page cannot read the report through DNS rebinding.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from mle_env.view.data import load_run
from mle_env.view.render import render

log = logging.getLogger("mle_env.view")
LOCAL_NAMES = {"127.0.0.1", "localhost", "::1", "[::1]"}


def host_name(header: str) -> str:
    """The name of a ``Host`` header, without its port (``[::1]:80`` → ``[::1]``)."""
    h = header.strip()
    if h.startswith("["):
        return h.split("]")[0] + "]"
    return h.rsplit(":", 1)[0] if h.count(":") == 1 else h


def page_of(run_dirs: Sequence[str | Path]) -> Callable[[], str]:
    """The served document, read afresh from ``run_dirs`` each time it is called."""
    return lambda: render([load_run(d) for d in run_dirs], live_reload=True)


def make_server(run_dirs: Sequence[str | Path], host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """A server (not yet serving) over ``run_dirs``; ``port`` 0 picks a free one (``server.server_port``)."""
    page = page_of(run_dirs)
    allowed = LOCAL_NAMES | {host}
    guard = host in LOCAL_NAMES  # served on loopback: only loopback names (bound wider, the user chose who may ask)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            if guard and host_name(self.headers.get("Host") or "") not in allowed:
                return self._send(421, "text/plain", b"unknown host\n")
            if self.path.split("?")[0] != "/":
                return self._send(404, "text/plain", b"not found: the report is at /\n")
            try:
                body = page().encode("utf-8")
            except Exception as e:  # a run dir that went away, a file half written: say so, keep serving
                log.warning("rendering failed: %s", e)
                return self._send(500, "text/plain", f"cannot render the report: {e}\n".encode())
            self._send(200, "text/html; charset=utf-8", body)

        def _send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:",
            )
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            log.debug(format, *args)

    return ThreadingHTTPServer((host, port), Handler)
