"""The report and the served viewer in a real browser (issue 16): Debian's Chromium, headless,
driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``: no websocket client and
no Playwright needed). On a run made here (oracle, a scripted model that errs, a provider that
fails) the pages load with no console error, no exception and no request beyond 127.0.0.1; the
leaderboard shows summary's numbers; choosing an error code hides the other rows; a sample page
shows each tool call, each criterion and the diff.

Skips where /usr/bin/chromium is absent (``./dev test`` installs it as root on Debian).
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from test_view import make_run, mle

CHROMIUM = os.environ.get("MLE_ENV_CHROMIUM_BIN", "/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"
)


class Browser:
    """Headless Chromium, one page, CDP messages (JSON, NUL-terminated) over fds 3 and 4."""

    def __init__(self, profile: Path) -> None:
        to_chrome_r, self._w = os.pipe()
        self._r, from_chrome_w = os.pipe()

        def fds() -> None:  # in the child: 3 = what it reads, 4 = what it writes (moved up first: no clash)
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_chrome_r, from_chrome_w)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-background-networking", "--disable-gpu",
             "--no-first-run", "--remote-debugging-pipe", f"--user-data-dir={profile}", "--window-size=1300,900",
             "about:blank"], preexec_fn=fds, close_fds=False,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buf = b""
        self._id = 0
        self.events: list[dict] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Runtime", "Network", "Log", "Page"):
            self.call(f"{domain}.enable", session=True)

    def _read(self, deadline: float) -> dict:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._r], [], [], left)[0]:
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self._r, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method: str, session: bool = False, timeout: float = 60, **params) -> dict:
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params}
        if session:
            msg["sessionId"] = self.session
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            m = self._read(deadline)
            if m.get("id") == self._id:
                assert "error" not in m, m
                return m.get("result", {})
            self.events.append(m)

    def wait_for(self, method: str, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        for i, e in enumerate(self.events):
            if e.get("method") == method:
                return self.events.pop(i)
        while True:
            m = self._read(deadline)
            if m.get("method") == method:
                return m
            self.events.append(m)

    def goto(self, url: str) -> None:
        self.events.clear()
        self.call("Page.navigate", session=True, url=url)
        self.wait_for("Page.loadEventFired")

    def js(self, expression: str):
        res = self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True, awaitPromise=True)
        assert "exceptionDetails" not in res, res
        return res["result"].get("value")

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


def _leaves_loopback(urls: list[str]) -> list[str]:
    out = []
    for u in urls:
        p = urlparse(u)
        if p.scheme in ("file", "data", "about") or (p.scheme in ("http", "https") and p.hostname == "127.0.0.1"):
            continue
        out.append(u)
    return out


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    return make_run(tmp_path_factory.mktemp("browser"), models=("oracle", "scripted", "infra"))


@pytest.fixture
def browser(tmp_path):
    b = Browser(tmp_path / "profile")
    yield b
    b.close()


def _check_pages(b: Browser, url: str, run_dir: Path) -> None:
    b.goto(url)
    lb = json.loads(mle("summary", str(run_dir), "--format", "json").stdout)
    shown = b.js("[...document.querySelectorAll('tr.lb')].map(r => [r.dataset.model, r.cells[2].textContent])")
    assert shown == [[m["model"], "-" if m["mean"] is None else f"{m['mean']:.1f}"] for m in lb["models"]]
    visible = "[...document.querySelectorAll('tr.sample-row')].filter(r => r.offsetParent !== null).length"
    assert b.js(visible) == 6
    # choose an error code: only that code's rows stay
    b.js("(() => { const s = document.querySelector('select[data-filter=code]'); s.value = 'NONE';"
         " s.dispatchEvent(new Event('change')); })()")  # fmt: skip
    assert b.js(visible) == 3
    assert b.js(
        "[...document.querySelectorAll('tr.sample-row')].filter(r => !r.hidden).every(r => r.dataset.code === 'NONE')"
    )
    assert b.js("document.querySelector('.shown').textContent") == "3"
    # a sample page: its section shows, the run page hides; each tool call and criterion, the diff
    sid = b.js("document.querySelector('section.sample[data-model=oracle][data-task=wine-lot-authentication]').id")
    b.js(f"location.hash = '#{sid}'")
    time.sleep(0.3)
    assert b.js("document.querySelector('section.runpage').offsetParent === null")
    page = f"document.getElementById('{sid}')"
    assert b.js(f"{page}.offsetParent !== null")
    result = json.loads((run_dir / "oracle" / "result_wine-lot-authentication.json").read_text())
    calls = [e for e in result["trace"] if e["event"] == "tool_call"]
    assert b.js(f"[...{page}.querySelectorAll('div.tool')].map(d => d.dataset.id)") == [c["id"] for c in calls]
    crits = b.js(f"[...{page}.querySelectorAll('tr.criterion')].map(t => t.dataset.verdict)")
    assert crits == [
        {True: "passed", False: "failed", None: "ungraded"}[c["passed"]] for c in result["evaluation"]["results"]
    ]
    diff = b.js(f"{page}.querySelector('div.diff').innerText")
    assert "+from sklearn.preprocessing import StandardScaler" in diff
    # the reveal toggle hides the answer until clicked
    assert not b.js(f"{page}.querySelector('details.reveal').open")
    assert b.problems() == []
    assert _leaves_loopback(b.requests()) == []


def test_the_report_file_works_offline_in_chromium(run_dir, browser, tmp_path):
    out = tmp_path / "report.html"
    assert mle("report", str(run_dir), "-o", str(out)).returncode == 0
    _check_pages(browser, out.as_uri(), run_dir)
    assert browser.requests() and all(u.startswith(("file:", "data:", "about:")) for u in browser.requests())


def test_the_served_viewer_works_in_chromium(run_dir, browser):
    from mle_env.view.serve import make_server

    server = make_server([run_dir], "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/"
        _check_pages(browser, url, run_dir)
        assert any(u.startswith(url) for u in browser.requests())
    finally:
        server.shutdown()
        server.server_close()


def test_screenshots_can_be_made(run_dir, tmp_path):
    out = tmp_path / "report.html"
    assert mle("report", str(run_dir), "-o", str(out)).returncode == 0
    shot = tmp_path / "run.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-background-networking", "--disable-gpu",
                    f"--user-data-dir={tmp_path / 'p'}", "--window-size=1200,900", f"--screenshot={shot}",
                    out.as_uri()], capture_output=True, timeout=120, check=True)  # fmt: skip
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    shutil.rmtree(tmp_path / "p", ignore_errors=True)
