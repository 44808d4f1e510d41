"""One sample's page: the prompt, the transcript turn by turn, the agent's ``report.json``, its
``revised_code.py`` as a diff against the task's entry file, the rubric criterion by criterion,
and — behind a "reveal" toggle — the task's true answer and bug locations.

Everything the agent wrote is escaped; outputs longer than a screen are folded in ``<details>``
(Chromium's find-in-page opens them on a match). Highlighting and diffs: Pygments and difflib.
"""

from __future__ import annotations

import difflib
import json
from datetime import datetime
from html import escape
from typing import Any

from pygments import highlight  # type: ignore[import-untyped]
from pygments.formatters import HtmlFormatter  # type: ignore[import-untyped]
from pygments.lexers import DiffLexer, JsonLexer, PythonLexer  # type: ignore[import-untyped]

from mle_env.view.data import Sample

FOLD_LINES = 25
FOLD_CHARS = 2500
FORMATTER = HtmlFormatter(cssclass="hl")


def highlight_css() -> str:
    return FORMATTER.get_style_defs(".hl")


def _pre(text: str, css: str = "") -> str:
    return f'<pre class="{css}">{escape(text)}</pre>' if css else f"<pre>{escape(text)}</pre>"


def folded(text: str, label: str, css: str = "") -> str:
    """Short text as it is; long text in a ``<details>`` saying how long it is."""
    lines = text.count("\n") + 1
    if lines <= FOLD_LINES and len(text) <= FOLD_CHARS:
        return _pre(text, css)
    return (f'<details class="{css}"><summary>{escape(label)} ({lines:,} lines, {len(text):,} chars)</summary>'
            f"{_pre(text)}</details>")  # fmt: skip


def _f(v: Any, nd: int = 1) -> str:
    if v is None:
        return "-"
    return f"{v:,.{nd}f}" if isinstance(v, float) else f"{v:,}" if isinstance(v, int) else escape(str(v))


def _args(arguments: Any) -> dict[str, Any] | str:
    if isinstance(arguments, str):
        try:
            parsed = json.loads(arguments)
        except ValueError:
            return arguments
        return parsed if isinstance(parsed, dict) else arguments
    return arguments if isinstance(arguments, dict) else str(arguments)


def _arguments(name: str, arguments: Any) -> str:
    args = _args(arguments)
    if isinstance(args, str):
        return f'<div class="args">arguments (not JSON): {_pre(args)}</div>'
    content = args.get("content") if name == "write_file" and isinstance(args.get("content"), str) else None
    rest = {k: v for k, v in args.items() if content is None or k != "content"}
    out = f'<div class="args">{_pre(json.dumps(rest, indent=1, ensure_ascii=False))}</div>'
    if content is not None:
        out += folded(content, "content written", "written")
    return out


def _clock(events: list[dict[str, Any]]) -> Any:
    try:
        t0 = datetime.fromisoformat(events[0]["time"])
    except (LookupError, TypeError, ValueError):
        return lambda e: ""

    def at(e: dict[str, Any]) -> str:
        try:
            return f"+{(datetime.fromisoformat(e['time']) - t0).total_seconds():.1f}s"
        except (LookupError, TypeError, ValueError):
            return ""

    return at


def _num(v: Any) -> float:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else 0.0


def turns(events: list[dict[str, Any]]) -> str:
    """Per turn: the model's seconds, tokens and cost, the tools' calls and seconds, running totals,
    and the turn's limit hit or error, as a table over the trajectory's events."""
    rows: dict[int, dict[str, Any]] = {}
    n = 0
    for e in events:
        kind = e.get("event")
        if isinstance(e.get("n"), int):
            n = e["n"]
        if kind not in ("model_response", "tool_call", "limit_hit", "error"):
            continue
        t = rows.setdefault(n, {"model_s": None, "tools_s": 0.0, "calls": 0, "failed": 0, "in": None, "out": None,
                                "cost": None, "flags": []})  # fmt: skip
        if kind == "model_response":
            raw = e.get("turn")
            turn: dict[str, Any] = raw if isinstance(raw, dict) else {}
            usage: dict[str, Any] = turn["usage"] if isinstance(turn.get("usage"), dict) else {}
            t["model_s"] = _num(e.get("seconds"))
            t["in"], t["out"] = int(_num(usage.get("prompt_tokens"))), int(_num(usage.get("completion_tokens")))
            t["cost"] = turn.get("cost") if isinstance(turn.get("cost"), (int, float)) else None
            if turn.get("retries"):
                t["flags"].append(f"{turn['retries']} retries")
        elif kind == "tool_call":
            t["calls"] += 1
            t["tools_s"] += _num(e.get("seconds"))
            t["failed"] += e.get("success") is False
        elif kind == "limit_hit":
            t["flags"].append(f"limit {e.get('limit')} = {e.get('value')} (after this turn)")
        else:
            t["flags"].append(f"error ({e.get('error_class')}, {e.get('type')}) after this turn")
    if not rows:
        return ""
    body, tokens, cost, any_cost, unpriced = [], 0, 0.0, False, False
    for n, t in sorted(rows.items()):
        tokens += (t["in"] or 0) + (t["out"] or 0)
        if t["cost"] is not None:
            cost, any_cost = cost + t["cost"], True
        unpriced = unpriced or (t["model_s"] is not None and t["cost"] is None)  # a call with no known price
        flag = "; ".join(t["flags"])
        failed = f" ({t['failed']} failed)" if t["failed"] else ""
        so_far = ("≥ " if unpriced else "") + _f(cost, 4) if any_cost else "-"
        css = ' class="flagged"' if any(f.startswith(("limit", "error")) for f in t["flags"]) else ""
        body.append(f'<tr{css} data-turn="{n}"><td class="num">{n}</td><td class="num">{_f(t["model_s"], 2)}</td>'
                    f'<td class="num">{_f(t["in"])}</td><td class="num">{_f(t["out"])}</td>'
                    f'<td class="num">{_f(t["cost"], 4)}</td><td class="num">{t["calls"]}{failed}</td>'
                    f'<td class="num">{_f(t["tools_s"], 2)}</td>'
                    f'<td class="num">{tokens:,}</td><td class="num">{so_far}</td>'
                    f"<td>{escape(flag)}</td></tr>")  # fmt: skip
    table = ('<table class="turns"><thead><tr><th>turn</th><th>model s</th><th>tokens in</th><th>tokens out</th>'
             "<th>cost $</th><th>tool calls</th><th>tools s</th><th>tokens so far</th><th>cost so far $</th>"
             f"<th>limit / error / retries</th></tr></thead><tbody>{''.join(body)}</tbody></table>")  # fmt: skip
    if len(rows) > 12:
        return f"<details><summary>per turn: {len(rows)} turns (seconds, tokens, cost)</summary>{table}</details>"
    return table


def stops(events: list[dict[str, Any]]) -> str:
    """A banner for each limit hit and error of the trajectory, above the transcript."""
    out = []
    for e in events:
        if e.get("event") == "limit_hit":
            out.append(f"<li>limit hit: <b>{escape(str(e.get('limit')))}</b> = {escape(str(e.get('value')))}</li>")
        elif e.get("event") == "error":
            out.append(f"<li>error ({escape(str(e.get('error_class')))}, {escape(str(e.get('type')))}): "
                       f"{escape(str(e.get('error', ''))[:300])}</li>")  # fmt: skip
    return f'<div class="stops"><b>The agent was stopped:</b><ul>{"".join(out)}</ul></div>' if out else ""


SEARCH = ('<div class="search" hidden><input type="search" placeholder="search the transcript, folded outputs too" '
          'aria-label="search the transcript"> <span class="meta hits"></span></div>'
          '<p class="meta nosearch">Find in page (Ctrl-F) searches folded outputs too and opens them.</p>')  # fmt: skip


def transcript(events: list[dict[str, Any]]) -> str:
    if not events:
        return '<p class="meta">No trajectory (yet).</p>'
    return stops(events) + turns(events) + SEARCH + f'<div class="transcript">{_events(events)}</div>'


def _events(events: list[dict[str, Any]]) -> str:
    at = _clock(events)
    out = []
    for e in events:
        kind = e.get("event")
        when = f'<span class="meta">{at(e)}</span>'
        if kind == "run_start":
            lim = {k: v for k, v in (e.get("limits") or {}).items() if v is not None}
            body = f'<div class="meta">limits {escape(json.dumps(lim))}</div>'
            if isinstance(e.get("system_prompt"), str):
                body += folded(e["system_prompt"], "system prompt")
            out.append(f'<div class="event start"><div class="head">start {escape(str(e.get("model", "")))} '
                       f"{when}</div>{body}</div>")  # fmt: skip
        elif kind == "model_response":
            turn = e.get("turn") or {}
            usage = turn.get("usage") or {}
            calls = [c.get("name", "?") for c in turn.get("tool_calls") or [] if isinstance(c, dict)]
            meta = (f"tokens {_f(usage.get('prompt_tokens'))} in / {_f(usage.get('completion_tokens'))} out · "
                    f"cost {_f(turn.get('cost'), 4)} · {_f(e.get('seconds'), 2)} s"
                    + (f" · retries {turn['retries']}" if turn.get("retries") else ""))  # fmt: skip
            text = turn.get("text")
            body = f'<div class="assistant">{escape(text)}</div>' if isinstance(text, str) and text else ""
            if calls:
                body += f'<div class="meta">calls {escape(", ".join(calls))}</div>'
            out.append(f'<div class="event model" data-turn="{escape(str(e.get("n")))}"><div class="head">turn '
                       f'{escape(str(e.get("n")))} · assistant <span class="meta">{meta}</span> {when}</div>'
                       f"{body}</div>")  # fmt: skip
        elif kind == "tool_call":
            name = str(e.get("name", "?"))
            ok = e.get("success")
            result = e.get("result")
            result = result if isinstance(result, str) else json.dumps(result, ensure_ascii=False)
            status = "ok" if ok else "failed"
            css = "tool" if ok else "tool failed"
            out.append(f'<div class="event {css}" data-id="{escape(str(e.get("id", "")))}" data-name="{escape(name)}">'
                       f'<div class="head">{escape(name)} <span class="badge {status}">{status}</span>'
                       f'<span class="meta">id {escape(str(e.get("id", "")))} · {_f(e.get("seconds"), 3)} s'
                       f"</span> {when}</div>{_arguments(name, e.get('arguments'))}"
                       f"{folded(result, 'output', 'output')}</div>")  # fmt: skip
        elif kind == "limit_hit":
            out.append(f'<div class="event limit"><div class="head">⚠ limit hit: {escape(str(e.get("limit")))} '
                       f'= {escape(str(e.get("value")))} {when}</div></div>')  # fmt: skip
        elif kind == "error":
            out.append(f'<div class="event error"><div class="head">⚠ error ({escape(str(e.get("error_class")))}, '
                       f'{escape(str(e.get("type")))}) {when}</div>{_pre(str(e.get("error", "")))}</div>')  # fmt: skip
        elif kind == "run_end":
            stopped = " stopped" if e.get("status") != "completed" else ""
            out.append(f'<div class="event end{stopped}"><div class="head">end: {escape(str(e.get("status")))} '
                       f"{when}</div>"
                       f"{folded(str(e.get('answer') or ''), 'answer')}</div>")  # fmt: skip
        else:
            rest = {k: v for k, v in e.items() if k != "time"}
            out.append(f'<div class="event other"><div class="head">{escape(str(kind))} {when}</div>'
                       f"{folded(json.dumps(rest, indent=1, ensure_ascii=False), 'event')}</div>")  # fmt: skip
    return "".join(out)


def report_json(s: Sample) -> str:
    if s.report_text is None:
        return '<p class="meta">No response/report.json.</p>'
    if not isinstance(s.report, dict):
        return '<p class="warn">report.json is not a JSON object:</p>' + folded(s.report_text, "report.json")
    rows = []
    for key, value in s.report.items():
        if isinstance(value, str):
            cell = f'<div class="assistant">{escape(value)}</div>'
        else:
            cell = _pre(json.dumps(value, indent=1, ensure_ascii=False))
        rows.append(f"<tr><th>{escape(str(key))}</th><td>{cell}</td></tr>")
    raw = highlight(json.dumps(s.report, indent=2, ensure_ascii=False), JsonLexer(), FORMATTER)
    return f'<table class="report">{"".join(rows)}</table><details><summary>raw report.json</summary>{raw}</details>'


def diff(s: Sample) -> str:
    if s.revised is None:
        return '<p class="meta">No response/revised_code.py.</p>'
    if s.original is None:
        return ('<p class="meta">The task\'s entry file is not known here (task file missing or changed since the '
                "run); revised_code.py as written:</p>" + highlight(s.revised, PythonLexer(), FORMATTER))  # fmt: skip
    path, original = s.original
    lines = list(difflib.unified_diff(original.splitlines(keepends=True), s.revised.splitlines(keepends=True),
                                      fromfile=f"a/{path}", tofile="b/response/revised_code.py"))  # fmt: skip
    if not lines:
        return f'<p class="meta">revised_code.py is identical to {escape(path)}.</p>'
    text = "".join(ln if ln.endswith("\n") else ln + "\n" for ln in lines)
    changed = sum(1 for ln in lines if ln[:1] in "+-" and not ln.startswith(("+++", "---")))
    return (f'<p class="meta">{changed} changed line(s) against {escape(path)}</p>'
            f'<div class="diff">{highlight(text, DiffLexer(), FORMATTER)}</div>')  # fmt: skip


def rubric(result: dict[str, Any] | None) -> str:
    ev = (result or {}).get("evaluation")
    if not isinstance(ev, dict):
        return '<p class="meta">Not graded (yet).</p>'
    if "results" not in ev:
        return f'<p class="warn">Grading failed: {escape(str(ev.get("error", ev)))}</p>'
    rows = []
    for i, r in enumerate(ev["results"]):
        verdict = {True: "passed", False: "failed"}.get(r.get("passed"), "ungraded")
        rows.append(f'<tr class="criterion" data-index="{i}" data-verdict="{verdict}"><td class="num">{i + 1}</td>'
                    f'<td class="num">{r.get("points", 0):+d}</td><td class="v-{verdict}">{verdict}</td>'
                    f'<td>{escape(str(r.get("method", "")))}</td><td>{escape(str(r.get("category", "")))}</td>'
                    f'<td>{escape(str(r.get("criterion", "")))}</td>'
                    f'<td>{escape(str(r.get("reasoning", "")))}</td></tr>')  # fmt: skip
    bench = ev.get("benchmark") or {}
    gated = "".join(f"<li>{escape(str(g))}</li>" for g in bench.get("gated") or [])
    head = (f'<p>rubric: <b>{_f(ev.get("score"))}</b> of {_f(ev.get("graded_possible"))} graded points '
            f'({_f(ev.get("percentage"))} %); {_f(ev.get("ungraded_points"))} point(s) in '
            f'{_f(ev.get("ungraded_criteria"))} criteria ungraded · '
            f'benchmark score <b>{_f(bench.get("percentage"))} %</b>'
            f"</p>{f'<ul>{gated}</ul>' if gated else ''}")  # fmt: skip
    return (
        head + '<table class="rubric"><thead><tr><th>#</th><th>points</th><th>verdict</th><th>method</th>'
        "<th>category</th><th>criterion</th><th>reasoning</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def reveal(s: Sample) -> str:
    ext = (s.task or {}).get("mle_env") or {}
    locs = "".join(f"<li>{escape(str(b.get('file')))} lines {escape(str(b.get('lines')))}"
                   + (f" in {escape(str(b['function']))}()" if b.get("function") else "") + "</li>"
                   for b in ext.get("bug_locations") or [] if isinstance(b, dict))  # fmt: skip
    return ('<details class="reveal"><summary>Reveal the true answer (spoils the task)</summary>'
            f'<p>expected error code: <b class="expected">{escape(s.row.get("expected") or "?")}</b></p>'
            f"{f'<p>bug locations:</p><ul>{locs}</ul>' if locs else ''}</details>")  # fmt: skip


def prompt(s: Sample) -> str:
    if s.task is None:
        return '<p class="warn">The task file is missing or changed since the run: its prompt is not shown.</p>'
    parts = s.task.get("prompt") or []
    texts = [p.get("content", "") for p in parts if isinstance(p, dict)] if isinstance(parts, list) else [str(parts)]
    return _pre("\n\n".join(str(t) for t in texts), "prompt")


def page(s: Sample, sid: str, back: str, score_label: str) -> str:
    r = s.row
    st = s.status
    meta = (f'<span class="badge st-{st.replace(" ", "-")}">{escape(st)}</span> · score <b>{score_label}</b> · '
            f"turns {_f(r.get('turns'))} · tool calls {_f(r.get('tool_calls'))} · tokens {_f(r.get('total_tokens'))} · "
            f"cost {_f(r.get('cost'), 4)} · {_f(r.get('duration'))} s")  # fmt: skip
    err = f'<p class="warn">{escape(r["error"])}</p>' if r.get("error") else ""
    answer = (s.result or {}).get("answer")
    return (f'<section class="sample" id="{sid}" data-model="{escape(r["model"])}" data-task="{escape(r["task_id"])}">'
            f'<p><a href="#{back}">← run</a></p>'
            f'<h1>{escape(r["task_id"])} · {escape(r["model"])} · epoch {r["epoch"]}</h1>'
            f'<p class="meta">{meta}</p>{err}{reveal(s)}'
            f"<h2>Task prompt</h2>{prompt(s)}"
            f"<h2>Transcript</h2>{transcript(s.events)}"
            + (f"<h2>Final answer</h2>{folded(answer, 'answer')}" if isinstance(answer, str) else "")
            + f"<h2>report.json</h2>{report_json(s)}"
            f'<h2 class="diff-head">revised_code.py</h2>{diff(s)}'
            f"<h2>Rubric</h2>{rubric(s.result)}</section>")  # fmt: skip
