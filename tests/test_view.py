"""`mle-env report` and `mle-env view` (issue 16) on a run made here: oracle, baseline, a scripted
model whose script runs out (a `model` error) and a LiteLLM model whose provider answers 500 (an
`infra` error), over two bundled tasks. The HTML is parsed with the stdlib's html.parser and
checked against the run's own files and `mle-env summary --format json`."""

from __future__ import annotations

import asyncio
import json
import shutil
import sqlite3
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from fakes.providers import Fail, FakeOpenAI
from mle_env.runner.config import LLMSettings, LocalExecutor, RunConfig
from mle_env.runner.orchestrate import run_batch
from mle_env.sandbox import make_config

ROOT = Path(__file__).parents[1]
TASKS = [ROOT / "tasks" / f"{t}.json" for t in ("wine-lot-authentication", "bakery-demand-planner")]
REVISED = "print('hello from the script')\n"
SCRIPT = [
    {
        "text": "Let me look around.",
        "tool_calls": [{"id": "c1", "name": "list_files", "arguments": '{"path": "src"}'}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 10},
        "cost": 0.001,
    },
    {
        "tool_calls": [
            {
                "id": "c2",
                "name": "write_file",
                "arguments": json.dumps(
                    {
                        "path": "response/report.json",
                        "content": json.dumps(
                            {"error_type": "DATA_LEAKAGE", "locations": [], "explanation": "x", "proposed_fix": "y"}
                        ),
                    }
                ),
            },
            {
                "id": "c3",
                "name": "write_file",
                "arguments": json.dumps({"path": "response/revised_code.py", "content": REVISED}),
            },
            {"id": "c4", "name": "bash_exec", "arguments": json.dumps({"command": "seq 1 300; echo '</pre><b>x'"})},
        ]
    },
]  # fmt: skip  (the script runs out after turn 2: a model error, graded as the workspace stands)


def make_run(tmp: Path, models: tuple[str, ...] = ("oracle", "baseline", "scripted", "infra")) -> Path:
    """A finished run over TASKS with the given agents; ``scripted`` and ``infra`` as above."""
    script = tmp / "script.json"
    script.write_text(json.dumps(SCRIPT))
    names = [{"scripted": f"scripted:{script}", "infra": "openai/fake-model"}.get(m, m) for m in models]
    with pytest.MonkeyPatch.context() as mp, FakeOpenAI([Fail(500)] * 20) as srv:
        mp.setenv("OPENAI_API_KEY", "sk-test")
        cfg = RunConfig(tasks=TASKS, models=names, sandbox=make_config("bwrap"), executor=LocalExecutor(),
                        concurrency=2, output_dir=tmp, run_name="run", llm=LLMSettings(api_base=srv.api_base,
                                                                                     max_retries=0))  # fmt: skip
        asyncio.run(run_batch(cfg))
    return tmp / "run"


def mle(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mle_env.cli", *args], capture_output=True, text=True, timeout=300)


# ---------------------------------------------------------------- a small DOM over html.parser

VOID = {"meta", "br", "img", "input", "link", "hr", "col", "area", "base", "wbr", "source"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []  # type: list

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)
                and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]  # fmt: skip

    def find(self, *a, **kw) -> Node:
        found = self.find_all(*a, **kw)
        assert found, (a, kw)
        return found[0]


class Dom(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#root", {}, None)
        self.styles: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)
        if self.cur.tag == "style":
            self.styles.append(data)


# ---------------------------------------------------------------- tests


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    return make_run(tmp_path_factory.mktemp("view"))


@pytest.fixture(scope="module")
def report(run_dir: Path, tmp_path_factory) -> tuple[str, Dom]:
    out = tmp_path_factory.mktemp("report") / "report.html"
    res = mle("report", str(run_dir), "-o", str(out))
    assert res.returncode == 0, res.stderr
    html = out.read_text(encoding="utf-8")
    return html, Dom(html)


def _samples(run_dir: Path) -> list[dict]:
    db = sqlite3.connect(run_dir / "index.sqlite")
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute("SELECT * FROM samples ORDER BY model, task_file, epoch")]
    finally:
        db.close()


def _section(dom: Dom, model: str, task: str) -> Node:
    return dom.root.find("section", cls="sample", data_model=model, data_task=task)


def test_the_run_has_every_kind_of_sample(run_dir):
    kinds = {(r["model"].split(":")[0], r["status"], r["error_class"]) for r in _samples(run_dir)}
    assert ("scripted", "error", "model") in kinds and ("openai/fake-model", "error", "infra") in kinds
    assert ("oracle", "completed", None) in kinds and ("baseline", "completed", None) in kinds


def test_leaderboard_numbers_equal_summary_json(run_dir, report):
    res = mle("summary", str(run_dir), "--format", "json")
    assert res.returncode == 0, res.stderr
    lb = json.loads(res.stdout)
    rows = report[1].root.find_all("tr", cls="lb")
    assert [r.attrs["data-model"] for r in rows] == [m["model"] for m in lb["models"]]  # same order
    for row, m in zip(rows, lb["models"], strict=True):
        assert row.attrs["data-mean"] == str(m["mean"])
        assert row.attrs["data-ci"] == ("" if m["ci95"] is None else f"{m['ci95'][0]},{m['ci95'][1]}")
        cells = [td.text() for td in row.find_all("td")]
        assert cells[0] == f"{m['scored']}/{m['samples']}"
        assert cells[1] == ("-" if m["mean"] is None else f"{m['mean']:.1f}")
        assert cells[5:8] == [str(m["errors"][k]) for k in ("infra", "model", "grader")]
    # the heatmap is the leaderboard's per_code
    heat = report[1].root.find("table", cls="heatmap")
    for m in lb["models"]:
        tr = heat.find("tr", data_model=m["model"])
        for code, v in m["per_code"].items():
            assert tr.find("td", data_col=code).text() == f"{v:.1f}"


def test_every_tool_call_and_criterion_of_every_sample_is_shown(run_dir, report):
    dom = report[1]
    for row in _samples(run_dir):
        sec = _section(dom, row["model"], row["task_id"])
        traj = run_dir / Path(row["result_path"]).parent / Path(row["task_file"]).stem / "trajectory.jsonl"
        events = [json.loads(ln) for ln in traj.read_text().splitlines() if ln.strip()] if traj.exists() else []
        calls = [e for e in events if e["event"] == "tool_call"]
        shown = sec.find_all("div", cls="tool")
        assert [(d.attrs["data-id"], d.attrs["data-name"]) for d in shown] == [(c["id"], c["name"]) for c in calls]
        for d, c in zip(shown, calls, strict=True):
            assert c["result"].strip().splitlines()[-1] in d.text()  # the output, folded or not
        result = json.loads((run_dir / row["result_path"]).read_text())
        crits = (result.get("evaluation") or {}).get("results")
        if row["error_class"] == "infra":
            assert crits is None and "Not graded" in sec.text()
            continue
        shown_c = sec.find_all("tr", cls="criterion")
        assert len(shown_c) == len(crits) > 0
        for tr, c in zip(shown_c, crits, strict=True):
            assert tr.attrs["data-verdict"] == {True: "passed", False: "failed", None: "ungraded"}[c["passed"]]
            assert c["criterion"] in tr.text() and c["method"] in tr.text() and f"{c['points']:+d}" in tr.text()
    # a scripted sample's calls: the long output folded, the hostile text escaped
    sec = _section(dom, next(r["model"] for r in _samples(run_dir) if r["model"].startswith("scripted:")),
                   "wine-lot-authentication")  # fmt: skip
    folded = sec.find("div", data_id="c4").find("details")
    assert "</pre><b>x" in folded.text() and "300" in folded.text()


def test_the_diff_shows_the_changed_lines(run_dir, report):
    scripted = next(r["model"] for r in _samples(run_dir) if r["model"].startswith("scripted:"))
    text = _section(report[1], scripted, "wine-lot-authentication").find("div", cls="diff").text()
    assert "--- a/src/authenticate.py" in text and "+++ b/response/revised_code.py" in text
    assert "+" + REVISED.strip() in text
    assert "-def prepare_features(train_df, test_df, features):" in text
    oracle = _section(report[1], "oracle", "wine-lot-authentication").find("div", cls="diff").text()
    assert "+from sklearn.preprocessing import StandardScaler" in oracle


def test_the_true_answer_is_behind_the_reveal_toggle(report):
    sec = _section(report[1], "baseline", "wine-lot-authentication")
    reveal = sec.find("details", cls="reveal")
    assert (
        "SCALING_ERROR" in reveal.text()
        and "src/authenticate.py" in reveal.text()
        and "prepare_features" in reveal.text()
    )
    assert sec.find("h1").text().find("SCALING_ERROR") < 0


def test_filters_and_statuses(report):
    dom = report[1]
    statuses = {tr.attrs["data-status"] for tr in dom.root.find_all("tr", cls="sample-row")}
    assert statuses == {"completed", "model error", "infra"}
    options = {
        s.attrs["data-filter"]: [o.attrs["value"] for o in s.find_all("option")] for s in dom.root.find_all("select")
    }
    assert set(options) == {"model", "code", "difficulty", "status"}
    assert {"SCALING_ERROR", "NONE"} <= set(options["code"]) and {"medium", "hard"} <= set(options["difficulty"])
    assert (
        dom.root.find("figure", cls="confusion", data_model="oracle")
        .find("td", data_true="NONE", data_pred="NONE")
        .text()
        == "1"
    )


def test_nothing_is_fetched_from_anywhere(report):
    html, dom = report
    for n in dom.root.iter():
        for attr in ("src", "href", "action", "formaction", "srcset", "poster", "background"):
            v = n.attrs.get(attr)
            if v is not None:
                assert v.startswith("#") or v.startswith("data:"), (n.tag, attr, v)
        assert n.tag not in ("link", "iframe", "object", "embed", "img") or n.attrs.get("src", "").startswith("data:")
        if n.tag == "script":
            assert "src" not in n.attrs
    css = "".join(dom.styles)
    assert "@import" not in css and "url(" not in css
    assert "http-equiv" not in html


def test_served_app_answers_on_a_real_socket_and_rerenders(run_dir, tmp_path):
    from mle_env.view.serve import make_server

    live = tmp_path / "live"
    shutil.copytree(run_dir, live, ignore=shutil.ignore_patterns("run.lock"))
    server = make_server([live], "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    try:
        with urllib.request.urlopen(url, timeout=60) as resp:
            assert resp.status == 200 and "default-src 'none'" in resp.headers["Content-Security-Policy"]
            first = Dom(resp.read().decode())
        assert first.root.find("body").attrs.get("data-live") is None  # finished: no reloading
        assert len(first.root.find_all("section", cls="sample")) == len(_samples(run_dir))
        db = sqlite3.connect(live / "index.sqlite")
        db.execute("UPDATE samples SET status='pending' WHERE model='oracle'")
        db.commit()
        db.close()
        with urllib.request.urlopen(url, timeout=60) as resp:  # rendered again: the run is going
            again = Dom(resp.read().decode())
        assert again.root.find("body").attrs.get("data-live") == "1"
        assert {tr.attrs["data-status"] for tr in again.root.find_all("tr", cls="sample-row")} >= {"pending"}
        req = urllib.request.Request(url, headers={"Host": "attacker.example"})
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(req, timeout=30)
        assert e.value.code == 421
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(url + "etc/passwd", timeout=30)
        assert e.value.code == 404
    finally:
        server.shutdown()
        server.server_close()


def test_a_directory_that_is_no_run_is_a_clear_error(tmp_path):
    res = mle("report", str(tmp_path), "-o", str(tmp_path / "r.html"))
    assert res.returncode == 2 and "not a run directory" in res.stderr
    res = mle("view", str(tmp_path), "--port", "0")
    assert res.returncode == 2 and "not a run directory" in res.stderr


def test_confusion_counts_are_in_summary_and_the_view_draws_them(run_dir, report):
    lb = json.loads(mle("summary", str(run_dir), "--format", "json").stdout)
    by_model = {m["model"]: m for m in lb["models"]}
    scripted = next(m for m in by_model if m.startswith("scripted:"))
    # the script writes error_type DATA_LEAKAGE on both tasks; the infra samples are left out
    assert by_model[scripted]["confusion"] == {"SCALING_ERROR": {"DATA_LEAKAGE": 1}, "NONE": {"DATA_LEAKAGE": 1}}
    assert by_model["oracle"]["confusion"] == {"SCALING_ERROR": {"SCALING_ERROR": 1}, "NONE": {"NONE": 1}}
    assert by_model["openai/fake-model"]["confusion"] == {}
    # the summary.json the run wrote when it finished has the same counts
    written = json.loads((run_dir / "summary.json").read_text())
    got = {m["model"]: m.get("confusion") for m in written["leaderboard"]["models"]}
    assert got == {m: by_model[m]["confusion"] for m in by_model}
    # the keys summary had before stay as they were: the confusion counts are an addition
    from mle_env.cli.runs import _load_run
    from mle_env.leaderboard import compute

    run, rows = _load_run(str(run_dir))
    for old, new in zip(compute(run, rows)["models"], lb["models"], strict=True):
        assert set(new) - set(old) == {"confusion"} and all(new[k] == old[k] for k in old)
    # the view's matrices are summary's counts, cell for cell
    for m in lb["models"]:
        fig = report[1].root.find_all("figure", cls="confusion", data_model=m["model"])
        drawn = {}
        for td in fig[0].find_all("td") if fig else []:
            if td.text():
                drawn.setdefault(td.attrs["data-true"], {})[td.attrs["data-pred"]] = int(td.text())
        assert drawn == m["confusion"]


def _points(dom: Dom, kind: str, title: str) -> list[Node]:
    svg = next(s for s in dom.root.find_all("svg", cls=kind) if s.attrs.get("aria-label") == title)
    return svg.find_all("a", cls="pt")


def _x(point: Node) -> float:
    return float(point.find("circle").attrs["cx"])


def test_scatter_and_distributions_plot_each_finished_sample(run_dir, report):
    dom = report[1]
    rows = _samples(run_dir)
    sections = {s.attrs["id"]: s for s in dom.root.find_all("section", cls="sample")}
    tokens = _points(dom, "scatter", "Score % against tokens")
    scored = [r for r in rows if r["error_class"] != "infra"]
    assert len(tokens) == len(scored)  # the infra samples have no score: left out, and said so
    assert "2 sample(s) without a score not plotted" in dom.root.text()
    for p in tokens:  # each point opens its sample and names it in its tooltip
        sec = sections[p.attrs["href"][1:]]
        assert p.attrs["data-model"] == sec.attrs["data-model"]
        assert p.find("title").text().startswith(sec.attrs["data-task"] + " · ")
    by_model = {}
    for p in tokens:
        by_model.setdefault(p.attrs["data-model"].split(":")[0], []).append(p)
    assert min(map(_x, by_model["scripted"])) > max(map(_x, by_model["oracle"]))  # 110 tokens vs none
    oracle_y = {float(p.find("circle").attrs["cy"]) for p in by_model["oracle"]}
    scripted_y = {float(p.find("circle").attrs["cy"]) for p in by_model["scripted"]}
    assert max(oracle_y) < min(scripted_y)  # 100 % sits above 0 %
    turns = _points(dom, "strips", "Turns per sample")
    assert len(turns) == len(rows)  # every finished sample has turns, the infra ones too
    t = {p.attrs["data-model"].split(":")[0]: _x(p) for p in turns}
    assert t["scripted"] > t["oracle"]  # 3 turns vs 1
    boxes = {g.attrs["data-model"] for g in dom.root.find_all("g", cls="box")}
    assert boxes == {r["model"] for r in rows}
    assert len(_points(dom, "strips", "Wall time per sample")) == len(rows)


def test_the_sample_page_shows_turns_and_marks_the_error(report):
    dom = report[1]
    scripted = next(s.attrs["data-model"] for s in dom.root.find_all("section", cls="sample")
                    if s.attrs["data-model"].startswith("scripted:"))  # fmt: skip
    sec = _section(dom, scripted, "wine-lot-authentication")
    turns = sec.find("table", cls="turns").find_all("tr")[1:]
    first = [td.text() for td in turns[0].find_all("td")]
    assert first[:5] == ["1", first[1], "100", "10", "0.0010"]  # tokens in/out and cost of the script's turn 1
    assert first[5] == "1" and first[7] == "110"
    assert "flagged" in turns[-1].classes and "ScriptExhausted" in turns[-1].text()
    assert [td.text() for td in turns[-1].find_all("td")][5] == "3"  # turn 2's three calls
    assert "ScriptExhausted" in sec.find("div", cls="stops").text()
    assert sec.find("div", cls="error").find("div", cls="head").text().startswith("⚠ error (model")
    oracle = _section(dom, "oracle", "wine-lot-authentication")
    assert oracle.find_all("div", cls="stops") == []
    # the search box needs the script: without it, it stays hidden and the page says to use find-in-page
    assert "hidden" in sec.find("div", cls="search").attrs and "Ctrl-F" in sec.find("p", cls="nosearch").text()
