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
import re
from typing import Any

from .base import Finding, base_name, call_tail, finding, is_target_name, kwarg, literal, name_tokens, number
from .program import Analysis
from .source import Source

CODE = "DATA_LEAKAGE"
TIME_WORDS = {"date", "time", "timestamp", "datetime", "day", "ts", "month", "year", "week", "period", "dt", "hour"}
SHUFFLING_SPLITTERS = {"ShuffleSplit", "StratifiedShuffleSplit"}
KFOLDS = {"KFold", "StratifiedKFold", "RepeatedKFold", "RepeatedStratifiedKFold", "GroupKFold"}
LAG_CALLS = {"shift", "rolling", "diff", "pct_change", "ewm", "expanding"}


def check(an: Analysis, data: Any = None) -> list[Finding]:
    out: list[Finding] = []
    dates = date_columns(an, data)
    evidence = time_evidence(an, data, dates)
    for src in an.sources:
        out += future_features(an, src) + lookahead_fill(an, src, evidence) + train_on_later(an, src, dates)
        out += after_cutoff_aggregates(src, dates)
    out += backfill(an, evidence) + all_time_aggregates(an, evidence)
    out += shuffled_split(an, evidence) + entity_rows_split(an, data)
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
    for node in src.nodes:
        if isinstance(node, ast.Call) and call_tail(node) in ("drop", "pop"):
            for a in list(node.args) + [k.value for k in node.keywords]:
                dropped |= strings(literal(a, src.consts))
        elif isinstance(node, (ast.List, ast.Tuple)):
            used |= strings(literal(node, src.consts))
    return used, dropped


def label_texts(an: Analysis) -> set[str]:
    """Source text of the column keys used as the label (``y = df[f"{c}_next"]``, ``fit(X, df[k])``)."""
    got = an.memo.get("label_texts")
    if got is None:
        got = an.memo["label_texts"] = _label_texts(an)
    return got


def project_column_uses(an: Analysis) -> tuple[set[str], set[str]]:
    """``column_uses`` over every file of the project."""
    got = an.memo.get("column_uses")
    if got is None:
        used: set[str] = set()
        dropped: set[str] = set()
        for s in an.sources:
            u, d = column_uses(s)
            used, dropped = used | u, dropped | d
        got = an.memo["column_uses"] = (used, dropped)
    return got


def _label_texts(an: Analysis) -> set[str]:
    out = set()
    for src in an.sources:
        for node in src.nodes:
            labelled = isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and is_target_name(t.id) for t in node.targets
            )
            if isinstance(node, ast.Assign) and labelled:
                v = node.value
            elif isinstance(node, ast.Call) and call_tail(node) == "fit" and len(node.args) >= 2:
                v = node.args[1]
            else:
                continue
            out |= {ast.unparse(s.slice) for s in ast.walk(v) if isinstance(s, ast.Subscript)}
    return out


def strings(v: Any) -> set[str]:
    if isinstance(v, str):
        return {v}
    return {x for x in v if isinstance(x, str)} if isinstance(v, (list, tuple)) else set()


def future_features(an: Analysis, src: Source) -> list[Finding]:
    out: list[Finding] = []
    used: set[str] | None = None
    dropped: set[str] = set()
    for node in src.nodes:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
            continue
        t = node.targets[0]
        col = literal(t.slice, src.consts) if isinstance(t, ast.Subscript) else None
        if isinstance(t, ast.Subscript) and isinstance(t.slice, ast.JoinedStr):  # out[f"{col}_trend"]
            col = ast.unparse(t.slice)
        if not isinstance(col, str):
            continue
        how = next(
            (h for c in ast.walk(node.value) if isinstance(c, ast.Call) for h in [lead(c, src.consts)] if h), None
        )
        if how is None or col in an.target_keys or is_target_name(col) or col in label_texts(an):
            continue
        if used is None:
            used, dropped = project_column_uses(an)
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


def date_columns(an: Analysis, data: Any) -> set[str]:
    """Columns known to hold dates: ``parse_dates=[...]``, ``df[c] = pd.to_datetime(...)``, and
    the date columns of the data files read."""
    out: set[str] = set()
    for src in an.sources:
        for node in src.nodes:
            if isinstance(node, ast.Call) and kwarg(node, "parse_dates") is not None:
                out |= strings(literal(kwarg(node, "parse_dates"), src.consts))
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                if call_tail(node.value) == "to_datetime" and isinstance(node.targets[0], ast.Subscript):
                    out |= strings(literal(node.targets[0].slice, src.consts))
    for table in getattr(data, "tables", None) or ():
        out |= {c.name for c in table.columns.values() if c.kind == "date"}
    return out


def time_evidence(an: Analysis, data: Any, dates: set[str] | None = None) -> tuple[float, str]:
    """How sure we are that rows are ordered in time *and* the task predicts later rows from
    earlier ones (a confidence) and why. A parsed date column, or a data file that happens to be
    in date order, is not enough on its own: many tabular tasks carry a date they never model."""
    dates = dates or set()
    best, date_index = (0.0, ""), False
    for src in an.sources:
        for node in src.nodes:
            if not isinstance(node, ast.Call):
                continue
            tail = call_tail(node)
            arg = literal(node.args[0], src.consts) if node.args else literal(kwarg(node, "by"), src.consts)
            dated = bool(strings(arg) & dates) or is_time_name(arg)
            if tail == "shift" and (number(node.args[0] if node.args else kwarg(node, "periods"), src.consts) or 1) > 0:
                cand = (0.75, "lag features built with shift()")
            elif tail in ("rolling", "ewm", "expanding"):
                cand = (0.75, f"window features built with {tail}()")
            elif tail == "sort_values" and dated:
                cand = (0.7, f"rows sorted on {arg!r}")
            elif tail in ("asfreq", "resample") and isinstance(arg, str) and node.args:
                cand = (0.7, f"a time-indexed series ({tail}())")
            elif tail == "set_index" and dated or (
                strings(literal(kwarg(node, "index_col"), src.consts)) & dates and kwarg(node, "parse_dates")
            ):
                date_index = True
                cand = (0.45, "a date index")
            else:
                continue
            best = max(best, cand)
    if date_index and any(src.cls(c.func) == "sort_index" or call_tail(c) == "sort_index" for src in an.sources
                          for c in src.calls()):
        best = max(best, (0.7, "rows sorted on a date index"))
    ordered = [(t.path, c.name) for t in getattr(data, "tables", None) or () for c in t.columns.values()
               if c.kind == "date" and c.ordered]  # fmt: skip
    if ordered:
        why = "the rows of {} are in order of {!r}".format(*ordered[0])
        best = (min(0.9, best[0] + 0.15), f"{best[1]}; {why}") if best[0] >= 0.6 else max(best, (0.4, why))
    return best


def time_aware(an: Analysis) -> bool:
    return an.uses("TimeSeriesSplit") or any(
        literal(kwarg(call, "shuffle"), src.consts) is False for src in an.sources for call in src.calls()
    )


def shuffled_split(an: Analysis, evidence: tuple[float, str]) -> list[Finding]:
    conf, why = evidence
    if conf <= 0 or time_aware(an):
        return []
    return [
        finding(
            CODE,
            "shuffled-time-split",
            src.loc(call),
            f"{what}, but the rows are ordered in time ({why.lstrip('; ')}): the model is trained on rows that "
            "come after the ones it is tested on, so the score overstates a real forecast.",
            conf,
            "Split by time: train on the earlier rows and test on the later ones "
            "(shuffle=False, a date cutoff, or TimeSeriesSplit for cross-validation).",
        )
        for src, call, what in random_splits(an)
    ]


def later_split(an: Analysis, order: int, roots: frozenset) -> Any:
    """The first split of these rows after ``order``: a split event, or the first of two row
    masks (a hand-made split such as ``df[df.t <= cut]`` / ``df[df.t > cut]``)."""
    splits = [s for s in an.events("split") if s.order > order and s.data.roots & roots]
    masks = [f for f in an.events("filter") if f.order > order and f.data.roots & roots]
    cands = splits + (masks if len(masks) >= 2 else [])
    return min(cands, key=lambda e: e.order) if cands else None


def split_below(an: Analysis, file: str, line: int) -> Any:
    """A split (or two row masks) further down the same file, for rules working on the syntax."""
    evs = [e for e in an.events("split", "filter") if e.loc.file == file and e.loc.line > line]
    splits = [e for e in evs if e.kind == "split"]
    return min(splits or (evs if len(evs) >= 2 else []), key=lambda e: e.loc.line, default=None)


def backfill(an: Analysis, evidence: tuple[float, str]) -> list[Finding]:
    out = []
    for ev in an.events("bfill"):
        if not ev.roles & {"full", "param"}:
            continue
        later = later_split(an, ev.order, ev.data.roots)
        if later is None:
            continue
        conf = 0.75 if evidence[0] >= 0.5 else 0.55
        out.append(
            finding(
                CODE,
                "backfill-across-split",
                ev.loc,
                f"{ev.name}() fills gaps with the next known value before the split (line {later.loc.line}): "
                "values from later rows — test rows among them — flow back into earlier rows.",
                conf,
                "Split first; fill forward (ffill) or impute with statistics of the training rows only.",
            )
        )
    return out


def lookahead_fill(an: Analysis, src: Source, evidence: tuple[float, str]) -> list[Finding]:
    """``interpolate(limit_direction="both")`` / ``interpolate(method="bfill")`` (or a plain
    linear interpolation of time-ordered rows) on all rows before the split."""
    out = []
    for call in src.calls():
        if call_tail(call) != "interpolate":
            continue
        direction = literal(kwarg(call, "limit_direction"), src.consts)
        method = literal(kwarg(call, "method") or (call.args[0] if call.args else None), src.consts)
        if method in ("pad", "ffill") or direction == "forward" and method not in (None, "linear", "time"):
            continue
        back = direction in ("both", "backward") or method in ("bfill", "backfill")
        conf = 0.75 if back else 0.55 if evidence[0] >= 0.6 else 0.0
        later = split_below(an, src.file, call.lineno) if conf else None
        if later is None:
            continue
        how = f"limit_direction={direction!r}" if direction in ("both", "backward") else f"method={method!r}"
        out.append(finding(CODE, "backfill-across-split", src.loc(call),
            f"interpolate({how if back else ''}) fills each gap from the values after it, on all rows before the "
            f"split (line {later.loc.line}): later rows — test rows among them — leak into earlier ones.",
            conf, "Split first and fill forward only (ffill), or interpolate within each part separately.",
        ))  # fmt: skip
    return out


def column_of(node: ast.AST, src: Source) -> str | None:
    key = literal(node.slice, src.consts) if isinstance(node, ast.Subscript) else None
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        key = node.attr
    return key if isinstance(key, str) else None


def time_masks(src: Source, dates: set[str]) -> dict[str, tuple[str, str, ast.Assign]]:
    """``newer = df[df["month"] >= cut]`` → {"newer": ("month", "later", stmt)} for date columns."""
    out = {}
    for st in src.nodes:
        if not (isinstance(st, ast.Assign) and isinstance(st.targets[0], ast.Name)):
            continue
        v = st.value
        while isinstance(v, ast.Call) and isinstance(v.func, ast.Attribute) and v.func.attr in ("copy", "reset_index"):
            v = v.func.value
        cmp = v.slice if isinstance(v, ast.Subscript) else None
        if not (isinstance(cmp, ast.Compare) and len(cmp.ops) == 1):
            continue
        left, op, right = cmp.left, cmp.ops[0], cmp.comparators[0]
        col, flip = column_of(left, src), False
        if col is None:
            col, flip = column_of(right, src), True
        if col is None or col not in dates:
            continue
        later = isinstance(op, (ast.Gt, ast.GtE)) != flip
        if isinstance(op, (ast.Gt, ast.GtE, ast.Lt, ast.LtE)):
            out[st.targets[0].id] = (col, "later" if later else "earlier", st)
    return out


def train_on_later(an: Analysis, src: Source, dates: set[str]) -> list[Finding]:
    """The model is fitted on the later period and scored on the earlier one."""
    masks = time_masks(src, dates)
    if not masks:
        return []
    fitted: set[str] = set()
    scored: set[str] = set()
    for call in src.calls():
        tail = call_tail(call)
        names = {n for a in call.args[:1] if (n := base_name(a))}
        if tail == "fit":
            fitted |= names
        elif tail in ("predict", "predict_proba", "score", "decision_function"):
            scored |= names
    for f in fitted & masks.keys():
        col, side, st = masks[f]
        if side != "later":
            continue
        older = [n for n in scored & masks.keys() if masks[n][0] == col and masks[n][1] == "earlier"]
        if older:
            return [finding(CODE, "train-on-future", src.loc(st),
                f"the model is fitted on the later rows ({f}: {col} after the cutoff) and scored on the earlier "
                f"ones ({older[0]}): it learns from the future of the period it is tested on.",
                0.7, "Train on the earlier period and test on the later one (a forward-in-time split).")]  # fmt: skip
    return []


AGGS = {"mean", "sum", "max", "min", "median", "std", "var", "count", "nunique", "size", "first", "last"}


def after_cutoff_aggregates(src: Source, dates: set[str]) -> list[Finding]:
    """Features aggregated over a whole event table while the label is read from the events after a
    cutoff: the features count events that happen after the moment of prediction."""
    after: dict[str, str] = {}  # table name -> date column compared to a cutoff from above
    for cmp in src.nodes:
        if isinstance(cmp, ast.Compare) and len(cmp.ops) == 1 and isinstance(cmp.ops[0], (ast.Gt, ast.GtE)):
            col = column_of(cmp.left, src)
            if col in dates and isinstance(cmp.left, ast.Subscript) and isinstance(cmp.left.value, ast.Name):
                after.setdefault(cmp.left.value.id, col)
    out: list[Finding] = []
    merged = {base_name(a) for c in src.calls() if call_tail(c) in ("merge", "join")
              for a in [*c.args, c.func]}  # fmt: skip
    for st in src.nodes:  # ``per_user = events.groupby("user").agg(...)``, later merged onto the labels
        if not (isinstance(st, ast.Assign) and isinstance(st.targets[0], ast.Name) and st.targets[0].id in merged):
            continue
        if not (isinstance(st.value, ast.Call) and call_tail(st.value) in AGGS | {"agg", "aggregate", "apply"}):
            continue
        grp = next((c for c in ast.walk(st.value) if isinstance(c, ast.Call) and call_tail(c) == "groupby"), None)
        if grp is None or not isinstance(grp.func, ast.Attribute) or not isinstance(grp.func.value, ast.Name):
            continue
        table = grp.func.value.id
        if table not in after or clipped_before(src, table, after[table], st.lineno):
            continue
        out.append(finding(CODE, "features-after-cutoff", src.loc(st),
            f"features are aggregated over every row of {table}, but the label looks at the rows of {table} after a "
            f"cutoff on {after[table]!r}: the features count events from the very period the label describes.",
            0.6, f"Aggregate only the rows before the cutoff ({table}[{table}[{after[table]!r}] <= cutoff]).",
        ))  # fmt: skip
        break
    return out


def clipped_before(src: Source, table: str, col: str, line: int) -> bool:
    """Whether ``table`` was cut to rows before a date (``t = t[t[col] <= cut]``) above ``line``."""
    for st in src.nodes:
        if isinstance(st, ast.Assign) and st.lineno < line and any(
            isinstance(t, ast.Name) and t.id == table for t in st.targets
        ):
            if any(isinstance(c, ast.Compare) and isinstance(c.ops[0], (ast.Lt, ast.LtE)) for c in ast.walk(st.value)):
                return True
    return False


def all_time_aggregates(an: Analysis, evidence: tuple[float, str]) -> list[Finding]:
    """``df.groupby(key)[col].transform("mean")`` over all rows of a time-ordered table that is
    split afterwards: each row's feature averages that entity's *later* rows too."""
    if evidence[0] < 0.6:
        return []
    out = []
    for src in an.sources:
        for st in src.nodes:
            if not (isinstance(st, ast.Assign) and isinstance(st.value, ast.Call)):
                continue
            call = st.value
            agg = literal(call.args[0], src.consts) if call.args else None
            chain = call.func.value if isinstance(call.func, ast.Attribute) else None
            sub = chain if isinstance(chain, ast.Subscript) else None
            if call_tail(call) != "transform" or agg not in AGGS or sub is None:
                continue
            inner = sub.value
            if not (isinstance(inner, ast.Call) and call_tail(inner) == "groupby"):
                continue
            col = literal(sub.slice, src.consts)
            if col in an.target_keys or (isinstance(col, str) and is_target_name(col)):
                continue  # target statistics: the target-stats rules' business
            later = split_below(an, src.file, st.lineno)
            if later is None:
                continue
            out.append(finding(CODE, "all-time-aggregate", src.loc(st),
                f"transform({agg!r}) over every row of each group, in rows ordered in time ({evidence[1]}): each "
                f"row's feature includes the group's later rows, which come after the split (line {later.loc.line}).",
                0.6, "Use only earlier rows: groupby(...).transform(lambda s: s.shift(1).expanding().mean()).",
            ))  # fmt: skip
    return out


ID = re.compile(r"^[A-Za-z]{0,4}[-_]?\d{2,}$")
GROUPED = {"GroupKFold", "GroupShuffleSplit", "StratifiedGroupKFold", "LeaveOneGroupOut", "LeavePGroupsOut"}


def entity_rows_split(an: Analysis, data: Any) -> list[Finding]:
    """Dated rows that repeat the same entity (an id column with a few rows per id) split at
    random: each entity's other visits, earlier and later, sit in the training rows."""
    tables = getattr(data, "tables", None) or ()
    if not tables or an.uses(*GROUPED) or any(kwarg(c, "groups") is not None for s in an.sources for c in s.calls()):
        return []
    target = getattr(getattr(data, "target", None), "name", None)
    ent = next(((t, c) for t in tables if any(c.kind == "date" for c in t.columns.values())
                for c in t.columns.values() if c.kind == "cat" and c.name != target and c.n_unique >= 20
                and 2 <= t.rows / c.n_unique <= 100 and c.counts and all(ID.match(str(v)) for v in c.counts)),
               None)  # fmt: skip
    if ent is None:
        return []
    table, col = ent
    splits = [f for f in random_splits(an)]
    return [finding(CODE, "entity-rows-split", src.loc(call),
        f"{what}, but the {table.rows} dated rows of {table.path} repeat {col.n_unique} values of {col.name!r} "
        f"(about {table.rows / col.n_unique:.0f} rows each): every one of them has rows on both sides, so the score "
        "measures recognising known entities and their other dates.",
        0.6, f"Split by {col.name!r}: GroupShuffleSplit / GroupKFold (groups={col.name}), or by time.")
        for src, call, what in splits]  # fmt: skip


def random_splits(an: Analysis) -> list[tuple[Source, ast.Call, str]]:
    out = []
    for src in an.sources:
        for call in src.calls():
            name = src.cls(call.func)
            if name == "train_test_split" and literal(kwarg(call, "shuffle"), src.consts) is not False:
                out.append((src, call, "train_test_split() shuffles the rows by default"))
            elif name in KFOLDS and literal(kwarg(call, "shuffle"), src.consts) is True:
                out.append((src, call, f"{name}(shuffle=True) mixes the rows"))
            elif name in SHUFFLING_SPLITTERS:
                out.append((src, call, f"{name} draws random rows"))
    return out
