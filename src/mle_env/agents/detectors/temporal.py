"""DATA_LEAKAGE through time: features that read the future, and random splits of rows
that are ordered in time.

Rules
    future-feature        a feature column built with ``shift(-k)`` / ``diff(-k)`` /
                          ``pct_change(-k)`` (a value from a later row) — a target defined
                          that way and kept out of the features is fine
    centered-window       a feature built with ``rolling(..., center=True)``: the window
                          reaches into later rows
    backfill-across-split ``bfill()`` / ``fillna(method="bfill")`` on all rows before the
                          split: later (test) values fill earlier (training) rows
    shuffled-time-split   ``train_test_split`` (shuffling by default), ``KFold(shuffle=True)``
                          or ``ShuffleSplit`` on rows that are ordered in time (lag/rolling
                          features, sorted on a date, a datetime index; a date column in
                          time order in the data file) — ``TimeSeriesSplit`` is the fix

Evidence of time order comes from the code (and from the data files when ``data`` is given);
``TimeSeriesSplit`` or ``shuffle=False`` anywhere in the project means the author handled it.
"""

from __future__ import annotations

import ast
from typing import Any

from .base import Finding, call_tail, finding, is_target_name, kwarg, literal, name_tokens, number
from .program import Analysis
from .source import Source

CODE = "DATA_LEAKAGE"
TIME_WORDS = {"date", "time", "timestamp", "datetime", "day", "ts", "month", "year", "week", "period", "dt", "hour"}
SHUFFLING_SPLITTERS = {"ShuffleSplit", "StratifiedShuffleSplit"}
KFOLDS = {"KFold", "StratifiedKFold", "RepeatedKFold", "RepeatedStratifiedKFold", "GroupKFold"}
LAG_CALLS = {"shift", "rolling", "diff", "pct_change", "ewm", "expanding"}


def check(an: Analysis, data: Any = None) -> list[Finding]:
    out: list[Finding] = []
    for src in an.sources:
        out += future_features(an, src)
    evidence = time_evidence(an, data)
    out += backfill(an, evidence)
    out += shuffled_split(an, evidence)
    return out


# --- features from the future --------------------------------------------------------------


def lead(call: ast.Call, consts: dict) -> str | None:
    """``shift(-1)`` → "shift(-1)"; ``rolling(7, center=True)`` → "center"; else None."""
    tail = call_tail(call)
    if tail in ("shift", "diff", "pct_change"):
        arg = call.args[0] if call.args else kwarg(call, "periods")
        k = number(arg, consts)
        return f"{tail}({int(k)})" if k is not None and k < 0 else None
    if tail == "rolling" and literal(kwarg(call, "center"), consts) is True:
        return "center"
    return None


def column_uses(src: Source) -> tuple[set[str], set[str]]:
    """String column names a file selects somewhere (lists, subscripts), and those it drops."""
    used, dropped = set(), set()
    for node in ast.walk(src.tree):
        if isinstance(node, ast.Call) and call_tail(node) in ("drop", "pop"):
            for a in list(node.args) + [k.value for k in node.keywords]:
                dropped |= strings(literal(a, src.consts))
        elif isinstance(node, (ast.List, ast.Tuple)):
            used |= strings(literal(node, src.consts))
    return used, dropped


def strings(v: Any) -> set[str]:
    if isinstance(v, str):
        return {v}
    return {x for x in v if isinstance(x, str)} if isinstance(v, (list, tuple)) else set()


def future_features(an: Analysis, src: Source) -> list[Finding]:
    out: list[Finding] = []
    used: set[str] | None = None
    dropped: set[str] = set()
    for node in ast.walk(src.tree):
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
            continue
        t = node.targets[0]
        col = literal(t.slice, src.consts) if isinstance(t, ast.Subscript) else None
        if not isinstance(col, str):
            continue
        how = next(
            (h for c in ast.walk(node.value) if isinstance(c, ast.Call) for h in [lead(c, src.consts)] if h), None
        )
        if how is None or col in an.target_keys or is_target_name(col):
            continue
        if used is None:
            used, dropped = set(), set()
            for s in an.sources:
                u, d = column_uses(s)
                used, dropped = used | u, dropped | d
        if col in dropped:
            continue
        ahead = bool(set(name_tokens(col)) & {"next", "future", "tomorrow", "ahead", "fwd", "forward"})
        conf = 0.8 if col in used else 0.45 if ahead else 0.65  # "close_next" not selected: likely the label
        if how == "center":
            rule, what = "centered-window", "a centred rolling window (center=True), which averages over later rows"
            fix = "Use a trailing window (center=False, then shift(1) if the current row is the one predicted)."
        else:
            rule, what = "future-feature", f"{how}, i.e. from later rows"
            fix = f"Build features from past rows only (shift(k) with k > 0); keep {how} for the target alone."
        out.append(
            finding(
                CODE,
                rule,
                src.loc(node),
                f"the feature {col!r} is computed with {what}: at prediction time that value does not "
                "exist yet, so the model is scored with information from the future.",
                conf,
                fix,
            )
        )
    return out


# --- time order, and what ignores it -------------------------------------------------------


def is_time_name(v: Any) -> bool:
    vals = v if isinstance(v, tuple) else (v,)
    return any(isinstance(x, str) and set(name_tokens(x)) & TIME_WORDS for x in vals)


def time_evidence(an: Analysis, data: Any) -> tuple[float, str]:
    """How sure we are that rows are ordered in time (a confidence) and why."""
    best = (0.0, "")
    for src in an.sources:
        for node in ast.walk(src.tree):
            if not isinstance(node, ast.Call):
                continue
            tail = call_tail(node)
            arg = literal(node.args[0], src.consts) if node.args else literal(kwarg(node, "by"), src.consts)
            if tail == "shift" and (number(node.args[0] if node.args else kwarg(node, "periods"), src.consts) or 1) > 0:
                cand = (0.75, "lag features built with shift()")
            elif tail in ("rolling", "ewm", "expanding"):
                cand = (0.75, f"window features built with {tail}()")
            elif tail in ("sort_values", "set_index") and is_time_name(arg):
                cand = (0.7, f"rows sorted on / indexed by {arg!r}")
            elif tail in ("asfreq", "resample") and isinstance(arg, str) and node.args:
                cand = (0.7, f"a time-indexed series ({tail}())")
            elif tail == "sort_index":
                cand = (0.55, "rows sorted on their index")
            elif kwarg(node, "parse_dates") is not None or tail == "to_datetime":
                cand = (0.45, "a parsed date column")
            else:
                continue
            best = max(best, cand)
    for table in getattr(data, "tables", None) or ():
        for c in table.columns.values():
            if c.kind == "date" and c.ordered:
                best = max(best, (max(0.7, best[0] + 0.15), f"the rows of {table.path} are in order of {c.name!r}"))
    return best


def time_aware(an: Analysis) -> bool:
    return an.uses("TimeSeriesSplit") or any(
        literal(kwarg(call, "shuffle"), src.consts) is False for src in an.sources for call in src.calls()
    )


def shuffled_split(an: Analysis, evidence: tuple[float, str]) -> list[Finding]:
    conf, why = evidence
    if conf <= 0 or time_aware(an):
        return []
    out = []
    for src in an.sources:
        for call in src.calls():
            name = src.cls(call.func)
            if name == "train_test_split":
                what = "train_test_split() shuffles the rows by default"
            elif name in KFOLDS and literal(kwarg(call, "shuffle"), src.consts) is True:
                what = f"{name}(shuffle=True) mixes the rows"
            elif name in SHUFFLING_SPLITTERS:
                what = f"{name} draws random rows"
            else:
                continue
            out.append(
                finding(
                    CODE,
                    "shuffled-time-split",
                    src.loc(call),
                    f"{what}, but the rows are ordered in time ({why}): the model is trained on rows that "
                    "come after the ones it is tested on, so the score overstates a real forecast.",
                    conf,
                    "Split by time: train on the earlier rows and test on the later ones "
                    "(shuffle=False, a date cutoff, or TimeSeriesSplit for cross-validation).",
                )
            )
    return out


def backfill(an: Analysis, evidence: tuple[float, str]) -> list[Finding]:
    out = []
    splits = an.events("split")
    for ev in an.events("bfill"):
        if not ev.roles & {"full", "param"}:
            continue
        later = [s for s in splits if s.order > ev.order and s.data.roots & ev.data.roots]
        if not later:
            continue
        conf = 0.75 if evidence[0] >= 0.5 else 0.55
        out.append(
            finding(
                CODE,
                "backfill-across-split",
                ev.loc,
                f"{ev.name}() fills gaps with the next known value before the split (line {later[0].loc.line}): "
                "values from later rows — test rows among them — flow back into earlier rows.",
                conf,
                "Split first; fill forward (ffill) or impute with statistics of the training rows only.",
            )
        )
    return out
