"""Headless Chromium driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``):
no websocket client and no Playwright. For the viewer's browser tests, ``bench/report.py`` and
``tools/screenshots.py`` only — nothing at run time imports it.

    with Browser(profile_dir) as b:
        b.goto("file:///…/report.html")
        b.js("document.title"), b.problems(), b.requests(), b.timings()
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select  # poll, not select(): a busy process (the test suite) has fds above FD_SETSIZE
import subprocess
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

CHROMIUM = os.environ.get("MLE_ENV_CHROMIUM_BIN", "/usr/bin/chromium")
FLAGS = ("--headless", "--no-sandbox", "--disable-background-networking", "--disable-gpu", "--no-first-run")


class Browser:
    """Headless Chromium with one tab at a time; CDP messages (JSON, NUL-terminated) over fds 3 and 4."""

    def __init__(self, profile: Path, binary: str = CHROMIUM, size: str = "1300,900") -> None:
        to_chrome_r, self._w = os.pipe()
        self._r, from_chrome_w = os.pipe()

        def fds() -> None:  # in the child: 3 = what it reads, 4 = what it writes (moved up first: no clash)
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_chrome_r, from_chrome_w)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.proc = subprocess.Popen(
            [binary, *FLAGS, "--remote-debugging-pipe", f"--user-data-dir={profile}", f"--window-size={size}",
             "about:blank"], preexec_fn=fds, close_fds=False,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buf = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []
        self.target: str | None = None
        self.session = ""
        self.new_tab()

    def new_tab(self) -> None:
        """Close the current tab (if any) and open a fresh one: nothing cached in the page, its events cleared."""
        if self.target:
            self.call("Target.closeTarget", targetId=self.target)
        self.target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=self.target, flatten=True)["sessionId"]
        self.events.clear()
        for domain in ("Runtime", "Network", "Log", "Page"):
            self.call(f"{domain}.enable", session=True)

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            poller = select.poll()
            poller.register(self._r, select.POLLIN)
            if left <= 0 or not poller.poll(left * 1000):
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self._r, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        out: dict[str, Any] = json.loads(msg)
        return out

    def call(self, method: str, session: bool = False, timeout: float = 60, **params: Any) -> dict[str, Any]:
        self._id += 1
        msg: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if session:
            msg["sessionId"] = self.session
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            m = self._read(deadline)
            if m.get("id") == self._id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                result: dict[str, Any] = m.get("result", {})
                return result
            self.events.append(m)

    def wait_for(self, method: str, timeout: float = 60) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        for i, e in enumerate(self.events):
            if e.get("method") == method:
                return self.events.pop(i)
        while True:
            m = self._read(deadline)
            if m.get("method") == method:
                return m
            self.events.append(m)

    def goto(self, url: str, timeout: float = 60) -> None:
        """Navigate and wait for the load event."""
        self.events.clear()
        self.call("Page.navigate", session=True, url=url)
        self.wait_for("Page.loadEventFired", timeout)

    def js(self, expression: str) -> Any:
        res = self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in res:
            raise RuntimeError(f"{expression[:80]}: {res['exceptionDetails']}")
        return res["result"].get("value")

    def capture(self, out: Path, selector: str, height: int, width: int = 1300) -> None:
        """A PNG of the page from the top of the first element matching ``selector`` down ``height`` px."""
        self.call("Emulation.setDeviceMetricsOverride", session=True, width=width, height=900, deviceScaleFactor=1,
                  mobile=False)  # fmt: skip
        top = self.js(f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                      " return e ? e.getBoundingClientRect().top + window.scrollY - 8 : null; })()")  # fmt: skip
        if top is None:
            raise RuntimeError(f"nothing matches {selector!r}")
        clip = {"x": 0, "y": top, "width": width, "height": height, "scale": 1}
        shot = self.call("Page.captureScreenshot", session=True, format="png", clip=clip, captureBeyondViewport=True)
        out.write_bytes(base64.b64decode(shot["data"]))

    def timings(self) -> dict[str, float | None]:
        """Milliseconds from the start of the navigation: DOMContentLoaded, load, first (contentful) paint."""
        value: dict[str, float | None] = self.js(
            "(() => { const n = performance.getEntriesByType('navigation')[0] || {};"
            " const p = Object.fromEntries(performance.getEntriesByType('paint').map(e => [e.name, e.startTime]));"
            " return {dom_content_loaded: n.domContentLoadedEventEnd ?? null, load: n.loadEventEnd ?? null,"
            " first_paint: p['first-paint'] ?? null, first_contentful_paint: p['first-contentful-paint'] ?? null}; })()"
        )
        return value

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and log errors seen so far."""
        out = []
        for e in self.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.exceptionThrown":
                out.append(f"exception: {p['exceptionDetails'].get('text')}")
            elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append(f"console.{p['type']}: {p.get('args')}")
            elif m == "Log.entryAdded" and p["entry"].get("level") == "error":
                out.append(f"log: {p['entry'].get('text')} {p['entry'].get('url', '')}")
        return out

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._r)
        os.close(self._w)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def leaves_loopback(urls: list[str]) -> list[str]:
    """The URLs that are neither a local file, ``data:``/``about:`` nor http(s) on 127.0.0.1."""
    out = []
    for u in urls:
        p = urlparse(u)
        if p.scheme in ("file", "data", "about") or (p.scheme in ("http", "https") and p.hostname == "127.0.0.1"):
            continue
        out.append(u)
    return out


def screenshot(url: str, out: Path, size: str, profile: Path, binary: str = CHROMIUM) -> None:
    """A PNG of ``url`` at window ``size`` ("W,H"), by Chromium's own ``--screenshot``."""
    subprocess.run([binary, *FLAGS, "--hide-scrollbars", f"--user-data-dir={profile}", f"--window-size={size}",
                    f"--screenshot={out}", url], check=True, capture_output=True, timeout=120)  # fmt: skip
