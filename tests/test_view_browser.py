"""The report and the served viewer in a real browser (issue 16): Debian's Chromium, headless,
driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``: no websocket client and
no Playwright needed; the driver is ``mle_env.view.browser``). On a run made here (oracle, a
scripted model that errs, a provider that fails) the pages load with no console error, no
exception and no request beyond 127.0.0.1; the leaderboard shows summary's numbers; choosing an
error code hides the other rows and the other samples' plot points; a sample page shows each
tool call, each criterion and the diff; its search finds text inside a folded output and opens it.

Skips where /usr/bin/chromium is absent (``./dev test`` installs it as root on Debian).
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

import pytest

from mle_env.view.browser import CHROMIUM, Browser, leaves_loopback, screenshot
from test_view import make_run, mle

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"
)


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
    points = "[...document.querySelectorAll('svg.scatter a.pt')].filter(p => p.getBoundingClientRect().width > 0)"
    assert b.js(f"{points}.length") > 0
    assert b.js(f"{points}.every(p => p.dataset.code === 'NONE')")
    assert b.js("[...document.querySelectorAll('a.pt')].some(p => p.dataset.code !== 'NONE')")  # there, but hidden
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
    # the scripted sample's transcript search: a line only in a folded output finds it, opens it, hides the rest
    sid = b.js("document.querySelector('section.sample[data-model^=scripted][data-task=wine-lot-authentication]').id")
    b.js(f"location.hash = '#{sid}'")
    page = f"document.getElementById('{sid}')"
    shown = f"[...{page}.querySelectorAll('.transcript .event')].filter(e => e.offsetParent !== null)"
    everything = b.js(f"{shown}.length")
    assert b.js(f"{page}.querySelector('.search').offsetParent !== null")  # the script shows the box
    assert not b.js(f"{page}.querySelector('div.tool[data-id=c4] details').open")
    b.js(f"(() => {{ const i = {page}.querySelector('.search input'); i.value = '</pre><b>X';"
         " i.dispatchEvent(new Event('input')); })()")  # fmt: skip
    time.sleep(0.5)
    assert b.js(f"{shown}.map(e => e.dataset.id)") == ["c4"]
    assert b.js(f"{page}.querySelector('div.tool[data-id=c4] details').open")
    assert b.js("CSS.highlights.get('mle-search').size") >= 1
    assert b.js(f"{page}.querySelector('.search .hits').textContent").startswith("1 of ")
    b.js(f"(() => {{ const i = {page}.querySelector('.search input'); i.value = '';"
         " i.dispatchEvent(new Event('input')); })()")  # fmt: skip
    time.sleep(0.5)
    assert b.js(f"{shown}.length") == everything
    assert not b.js(f"{page}.querySelector('div.tool[data-id=c4] details').open")  # folded again
    assert b.problems() == []
    assert leaves_loopback(b.requests()) == []


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
    screenshot(out.as_uri(), shot, "1200,900", tmp_path / "p")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    shutil.rmtree(tmp_path / "p", ignore_errors=True)
