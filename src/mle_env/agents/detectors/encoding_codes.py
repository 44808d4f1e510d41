"""ENCODING_ERROR: values that are codes, not quantities or single categories (rules
``id-as-number``, ``unseen-as-known-code``, ``multi-valued-category``; see ``encoding``)."""

from __future__ import annotations

import ast

from . import catalog as C
from . import columns
from .base import Finding, call_tail, finding, kwarg, literal, name_tokens
from .data import Evidence
from .program import Analysis

CODE = "ENCODING_ERROR"


# ---- identifiers and postal codes as quantities ---------------------------------------------

ID_WORDS = {"id", "zip", "zipcode", "postcode", "postal", "fips", "zip5"}


def id_like(col: str, data: Evidence | None) -> bool | None:
    """True: an identifier the data shows as integers with many levels; None: the name alone."""
    toks = name_tokens(col)
    if not toks or not (toks[-1] in ID_WORDS or set(toks) & (ID_WORDS - {"id"})):
        return False
    c = data.column(col) if data else None
    if c is None:
        return None
    if c.kind != "num" or c.n_unique < 5:
        return False
    return all(float(v).is_integer() for v in (c.lo, c.hi) if v == v) and all(
        isinstance(k, (int, float)) and float(k).is_integer() for k in c.counts
    )


def encoded_columns(an: Analysis, scope, only=None) -> set:
    """Columns handed to an encoder (a ColumnTransformer entry, get_dummies(columns=...))."""
    out: set = set()
    for src in an.sources if only is None else [only]:
        for t in src.of_type(ast.Tuple):
            calls = [c for e in t.elts[:-1] for c in ast.walk(e) if isinstance(c, ast.Call)]
            if len(t.elts) >= 2 and any(C.kind_of(src.cls(c.func)) in ("encoder", "target_encoder") for c in calls):
                got = scope.names(t.elts[-1]) if src is scope.src else literal(t.elts[-1], src.consts)
                out |= set(got) if isinstance(got, (list, tuple)) else set()
        for c in src.of_type(ast.Call):
            if call_tail(c) == "get_dummies" and kwarg(c, "columns") is not None:
                got = literal(kwarg(c, "columns"), src.consts)
                out |= set(got) if isinstance(got, (list, tuple)) else {got}
    return out


def ids_as_numbers(an: Analysis, data: Evidence | None) -> list[Finding]:
    sensitive = sorted(c for c in an.classes if c in C.ORDER_SENSITIVE)
    if not sensitive:
        return []
    out, seen = [], set()
    encoded: set | None = None
    for p in columns.pairs(an):
        src, cols = p.src, p.cols
        if cols is None or cols.span is not None:
            continue
        names = list(cols.cols or ())
        if cols.cols is None and data:
            names = [c.name for c in data.features() if c.name not in cols.excluded]
        if encoded is None:
            encoded = set().union(*(encoded_columns(an, columns.module_scope(an, s), s) for s in an.sources))
        skip = encoded | an.target_keys
        for col in names:
            kind = id_like(col, data) if isinstance(col, str) and col not in skip else False
            if kind is False or col in seen or (kind is None and cols.cols is None):
                continue
            seen.add(col)
            where = cols.elts.get(col)
            out.append(
                finding(
                    CODE,
                    "id-as-number",
                    where[0].loc(where[1]) if where else src.loc(cols.node),
                    f"{col!r} is an identifier/code, fed as a number to {sensitive[0]}: the model fits a "
                    "slope or distance to arbitrary labels.",
                    0.75 if kind else 0.55,
                    f"One-hot encode {col!r} (OneHotEncoder(handle_unknown='ignore')) or drop it.",
                )
            )
    return out


# ---- unseen categories and multi-valued cells -----------------------------------------------


def unseen_as_known(an: Analysis) -> list[Finding]:
    """``x.map(vocab).fillna(k)`` with ``vocab`` from ``enumerate`` (codes 0, 1, …) and ``k`` one of them."""
    starts = []
    for src in an.sources:
        for d in src.of_type(ast.DictComp):
            it = d.generators[0].iter if len(d.generators) == 1 else None
            if isinstance(it, ast.Call) and call_tail(it) == "enumerate":
                given = it.args[1] if len(it.args) > 1 else kwarg(it, "start")
                start = literal(given) if given is not None else 0
                if isinstance(start, int):
                    starts.append(start)
    if not starts:
        return []
    out = []
    for src in an.sources:
        for call in src.of_type(ast.Call):
            recv = call.func.value if isinstance(call.func, ast.Attribute) else None
            if call_tail(call) != "fillna" or not isinstance(recv, ast.Call) or call_tail(recv) != "map":
                continue
            fill = literal(call.args[0]) if call.args else ...
            if not recv.args or isinstance(recv.args[0], ast.Dict) or not isinstance(fill, int):
                continue
            if isinstance(fill, bool) or not any(fill >= st for st in starts):
                continue
            out.append(
                finding(
                    CODE,
                    "unseen-as-known-code",
                    src.loc(call),
                    f"categories missing from the vocabulary are filled with {fill}, which is already the code of a "
                    "real category (the vocabulary numbers them from "
                    f"{min(starts)}): every unseen value is silently read as that category.",
                    0.65,
                    "Reserve a code for unknown values (number the vocabulary from 1 and fill with 0, or -1), "
                    "or use OneHotEncoder(handle_unknown='ignore').",
                )
            )
    return out


def multi_valued(an: Analysis, data: Evidence | None) -> list[Finding]:
    """A column whose cells hold several values (``a;b``) encoded as one category per combination."""
    if not data:
        return []
    out = []
    for src in an.sources:
        scope = columns.module_scope(an, src)
        for col in sorted(encoded_columns(an, scope, src)):
            c = data.column(col) if isinstance(col, str) else None
            if c is None or c.kind != "cat" or c.multi_valued < 0.3:
                continue
            out.append(
                finding(
                    CODE,
                    "multi-valued-category",
                    src.loc(encoder_entry(src, col) or src.tree.body[0]),
                    f"{col!r} holds lists of values ({next(iter(c.counts), '')!r}): encoding it as one category "
                    "makes every combination a separate, mostly unseen level.",
                    0.65,
                    f"Split {col!r} into one indicator per value (str.get_dummies(sep=...) or a "
                    "MultiLabelBinarizer) instead of one-hot encoding the raw strings.",
                )
            )
        if out:
            break
    return out


def encoder_entry(src, col: str):
    for t in src.of_type(ast.Tuple):
        if len(t.elts) >= 2 and any(
            isinstance(c, ast.Call) and C.kind_of(src.cls(c.func)) == "encoder"
            for e in t.elts[:-1]
            for c in ast.walk(e)
        ):
            got = literal(t.elts[-1], src.consts)
            if isinstance(got, (list, tuple)) and col in got:
                return t
    return None
