"""ENCODING_ERROR: categorical features encoded inconsistently or with a false order.

Rules
    encoder-refit-on-test   a LabelEncoder/OneHotEncoder/vectoriser fitted separately on train
                            and on test (also in a loop over ``[train, test]``): the same category
                            gets different codes or columns
    get-dummies-separate    ``pd.get_dummies`` on train and on test separately, never aligned
    encoder-refit-on-test   (also) the model predicts on rows encoded by another fit of the encoder
                            than the one its training rows went through (re-fitted at predict time)
    encoding-per-dataset    a data-dependent encoding (``factorize``, ``astype("category").cat.codes``,
                            an encoder ``fit``, a vocabulary built from the values) run separately on
                            each dataset: in a loop over several frames, in a helper called on each,
                            or repeated on two frames; the codes differ between them
    ordinal-alphabetical    OrdinalEncoder without ``categories=`` on ranked words (data evidence)
    unseen-as-known-code    ``.map(vocab).fillna(0)`` where ``vocab`` numbers categories from 0 with
                            ``enumerate``: unseen categories silently become the first real one
    multi-valued-category   a column holding lists (``"pets;books"``, data evidence) one-hot/ordinal
                            encoded as if each combination were one category
    id-as-number            an identifier or postal-code column (integer-valued in the data) fed as a
                            number to a linear/distance model, never one-hot encoded
    ordinal-nominal         integer codes (``map({...})``, OrdinalEncoder, LabelEncoder,
                            ``.cat.codes``, ``factorize``) for a nominal feature fed to a model that
                            reads them as ordered quantities (linear, kNN, SVM, MLP)

The refit/per-dataset rules live in ``encoding_sets``, the code-valued ones (identifiers, unseen
and multi-valued categories) in ``encoding_codes``; ``check`` also runs ``target_leak``'s
data-aware checks, since only the modules in ``DATA_AWARE`` are handed the data evidence.
"""

from __future__ import annotations

import ast

from . import catalog as C
from . import target_leak
from .base import (
    Finding,
    call_tail,
    finding,
    is_target_name,
    kwarg,
    literal,
    name_tokens,
    subscript_key,
)
from .data import Evidence
from .encoding_codes import ids_as_numbers, multi_valued, unseen_as_known
from .encoding_sets import per_dataset, refit_mismatch
from .leakage import on_test_rows
from .program import Analysis

CODE = "ENCODING_ERROR"
ORDINAL_VALUES = set(
    "low medium med mid high small large big tiny huge xs s m l xl xxl poor fair good excellent bad average "
    "never rarely sometimes often always none basic intermediate advanced expert beginner novice primary "
    "secondary tertiary elementary middle highschool bachelor bachelors master masters phd doctorate junior "
    "senior lead mild moderate severe critical first second third cold warm hot young old child adult teen "
    "disagree neutral agree minor major light heavy short long slow fast weak strong lower upper least most "
    "unsatisfied satisfied rare frequent normal elevated entry executive".split()
)
ORDINAL_COLS = set(
    "size grade level education rating rank quality priority severity stage tier pclass class score "
    "satisfaction experience seniority band frequency condition intensity urgency".split()
)
NOMINAL_COLS = set(
    "color colour city country region state department dept category brand product type genre species breed "
    "occupation job industry zip zipcode postcode store neighborhood neighbourhood make channel source payment "
    "method segment team language embarked origin vendor carrier airline route browser device platform os "
    "plan sector nationality ethnicity race religion blood fuel cuisine material shape location site hospital "
    "ward clinic provider merchant contract".split()
)
BINARY_COLS = set("sex gender smoker smoking married is has flag binary yes no".split())
MODEL_ADVICE = "a linear model, kNN, SVM or neural net reads the integer codes as ordered, evenly spaced quantities"


def check(an: Analysis, data: Evidence | None = None) -> list[Finding]:
    out: list[Finding] = []
    for ev in an.events("fit"):
        if ev.est_kind in ("encoder", "vectorizer", "target_encoder") and on_test_rows(ev):
            out.append(
                finding(
                    CODE,
                    "encoder-refit-on-test",
                    ev.loc,
                    f"{ev.name}.{ev.method}() is fitted separately on the test rows: the same category "
                    "gets a different code (or column) in train and test.",
                    0.8,
                    f"Fit {ev.name} once on the training rows (handle_unknown='ignore' for OneHotEncoder) "
                    "and only transform() the test rows.",
                )
            )
    out += dummies(an)
    out += refit_mismatch(an)
    out += per_dataset(an)
    out += ids_as_numbers(an, data)
    out += unseen_as_known(an)
    out += multi_valued(an, data)
    out += ordinal_codes(an)
    out += alphabetical_order(an, data)
    if data:  # target_leak is not handed the data evidence: its data-aware checks run from here
        out += target_leak.feature_pairs(an, data)
    return out


def dummies(an: Analysis) -> list[Finding]:
    evs = an.events("dummies")
    train = [e for e in evs if e.roles & {"train", "each"}]
    test = [e for e in evs if e.roles & {"test", "each"}]
    if not train or not test or an.uses("align", "reindex"):
        return []
    ev = test[0]
    return [
        finding(
            CODE,
            "get-dummies-separate",
            ev.loc,
            "pd.get_dummies is applied to train and test separately and the columns are never aligned: a "
            "category missing from one side shifts or drops columns.",
            0.8,
            "Align the test columns to the training ones (test.reindex(columns=train.columns, fill_value=0)) "
            "or use a OneHotEncoder(handle_unknown='ignore') fitted on train.",
        )
    ]


def looks_ordinal(keys: list[str]) -> bool:
    words = [k.lower().strip().replace("-", " ").replace("_", " ") for k in keys]
    hits = sum(1 for w in words if any(ch.isdigit() for ch in w) or set(w.split()) & ORDINAL_VALUES)
    return hits * 3 >= len(words) * 2


def column_weight(col) -> float | None:
    """+0.05 for a nominal-sounding column, None (skip) for an ordinal-sounding one or the target."""
    if not isinstance(col, str):
        return -0.1
    toks = set(name_tokens(col))
    if toks & ORDINAL_COLS or toks & BINARY_COLS:
        return None
    return 0.05 if toks & NOMINAL_COLS else -0.1


def ordinal_codes(an: Analysis) -> list[Finding]:
    sensitive = [c for c in an.classes if c in C.ORDER_SENSITIVE]
    if not sensitive:
        return []
    base = 0.6 - (0.15 if any(c in C.TREE_BASED for c in an.classes) else 0.0)
    base -= 0.15 if an.uses("OneHotEncoder", "get_dummies") else 0.0
    out = []
    for src in an.sources:
        encoders = {
            t.id
            for n in src.nodes
            if isinstance(n, ast.Assign)
            and isinstance(n.value, ast.Call)
            and "LabelEncoder" in {src.cls(c.func) for c in ast.walk(n.value) if isinstance(c, ast.Call)}
            for t in n.targets
            if isinstance(t, ast.Name)
        }
        for node in src.nodes:
            hit = None
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and call_tail(node) in ("map", "replace")
                and node.args
            ):
                mapping = literal(node.args[0], src.consts)
                if (
                    isinstance(mapping, dict)
                    and len(mapping) >= 3
                    and all(isinstance(k, str) for k in mapping)
                    and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in mapping.values())
                    and not looks_ordinal(list(mapping))
                ):
                    hit = (column_of(node.func.value, src), "map({...}) to integers", 0.05)
            elif (
                isinstance(node, ast.Attribute)
                and node.attr == "codes"
                and isinstance(node.value, ast.Attribute)
                and node.value.attr == "cat"
            ):
                hit = (column_of(node.value.value, src), ".cat.codes", 0.0)
            elif (
                isinstance(node, ast.Call)
                and call_tail(node) == "factorize"
                and (node.args or isinstance(node.func, ast.Attribute))
            ):
                arg = node.args[0] if node.args else node.func.value
                hit = (column_of(arg, src), "factorize()", 0.0)
            elif (
                isinstance(node, ast.Call)
                and src.cls(node.func) == "OrdinalEncoder"
                and kwarg(node, "categories") is None
            ):
                hit = (entry_column(src, node), "OrdinalEncoder without explicit categories", -0.05)
            elif isinstance(node, ast.Call) and call_tail(node) in ("fit_transform", "transform") and node.args:
                recv = node.func.value if isinstance(node.func, ast.Attribute) else None
                if (isinstance(recv, ast.Call) and src.cls(recv.func) == "LabelEncoder") or (
                    isinstance(recv, ast.Name) and (recv.id in encoders or "le" in name_tokens(recv.id))
                ):
                    hit = (column_of(node.args[0], src), "LabelEncoder on a feature", 0.0)
                    if is_target_name(assigned_name(node, src)) or assigned_name(node, src) in an.target_keys:
                        hit = None
            if hit is None:
                continue
            col, how, bonus = hit
            if col in an.target_keys or is_target_name(col if isinstance(col, str) else None):
                continue
            w = column_weight(col)
            if w is None:
                continue
            what = f"column {col!r}" if isinstance(col, str) else "a categorical column"
            out.append(
                finding(
                    CODE,
                    "ordinal-nominal",
                    src.loc(node),
                    f"{how} turns {what} into integer codes, and {MODEL_ADVICE} ({', '.join(sorted(sensitive)[:2])}).",
                    base + bonus + w,
                    "One-hot encode nominal features (OneHotEncoder(handle_unknown='ignore') or "
                    "pd.get_dummies), keep integer codes only for truly ordered categories.",
                )
            )
    return out


def entry_column(src, node: ast.AST) -> object:
    """The column an encoder of a ``(name, encoder, columns)`` entry gets: the first nominal-sounding
    one, ``False``-like None when one of them sounds ordinal."""
    parent = src.parent(node)
    if not (isinstance(parent, ast.Tuple) and len(parent.elts) >= 2 and parent.elts[-1] is not node):
        return None
    cols = literal(parent.elts[-1], src.consts)
    cols = [cols] if isinstance(cols, str) else cols
    if not isinstance(cols, (list, tuple)) or not all(isinstance(c, str) for c in cols):
        return None
    if any(column_weight(c) is None for c in cols):
        return cols[0]
    return next((c for c in cols if (column_weight(c) or 0) > 0), None)


def column_of(node: ast.AST, src) -> object:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.attr
    key = subscript_key(node, src.consts) if isinstance(node, ast.Subscript) else ...
    return key if isinstance(key, str) else None


def assigned_name(node: ast.AST, src) -> str | None:
    parent = src.parent(node)
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1:
        t = parent.targets[0]
        if isinstance(t, ast.Name):
            return t.id
        if isinstance(t, ast.Subscript):
            key = subscript_key(t, src.consts)
            return key if isinstance(key, str) else None
    return None


def alphabetical_order(an: Analysis, data: Evidence | None) -> list[Finding]:
    """``OrdinalEncoder()`` without ``categories=`` on columns whose values (in the data) are
    ordered words (poor/fair/good/excellent): the codes follow the alphabet, not the order."""
    if not data:
        return []
    out = []
    for src in an.sources:
        for node in src.nodes:
            if not isinstance(node, ast.Tuple) or len(node.elts) < 2:
                continue
            cols = literal(node.elts[-1], src.consts)
            enc = [
                c
                for e in node.elts[:-1]
                for c in ast.walk(e)
                if isinstance(c, ast.Call) and src.cls(c.func) == "OrdinalEncoder" and kwarg(c, "categories") is None
            ]
            if not enc or not isinstance(cols, (tuple, list)):
                continue
            for name in cols:
                col = data.column(name) if isinstance(name, str) else None
                values = [str(v) for v in col.counts] if col is not None and col.kind == "cat" else []
                scale = scale_of(values)
                ranked = [v for v in values if scale and v.lower().strip() in scale]
                if len(ranked) >= 3 and sorted(ranked) != semantic(ranked):
                    out.append(
                        finding(
                            CODE,
                            "ordinal-alphabetical",
                            src.loc(enc[0]),
                            f"OrdinalEncoder() without categories= codes {name!r} ({', '.join(sorted(values)[:5])}) "
                            "in alphabetical order, not in the order the grades have: the model sees a scrambled "
                            "scale.",
                            0.7,
                            f"Pass the order explicitly: OrdinalEncoder(categories=[[{name} grades, lowest first]]).",
                        )
                    )
                    break
    return out[:1]


def scale_of(values: list[str]) -> tuple | None:
    """The ranked vocabulary nearly all of ``values`` come from (3+ of them), if any."""
    words = {v.lower().strip() for v in values}
    best = max(SCALES, key=lambda sc: len(words & set(sc)))
    return best if len(words & set(best)) >= 3 and len(words - set(best)) <= 1 else None


def semantic(values: list[str]) -> list[str]:
    """Best guess of the natural order of grade words (by a small ranked vocabulary)."""
    scale = scale_of(values) or ORDER
    rank = {w: i for i, w in enumerate(scale)}
    return sorted(values, key=lambda v: rank.get(v.lower().strip(), len(rank)))


ORDER = tuple("poor bad fair average ok good great excellent".split())
SCALES = (
    ORDER,
    tuple("bronze silver gold platinum diamond".split()),
    tuple("basic standard plus premium".split()),
    tuple("free basic pro enterprise".split()),
    tuple("xs s m l xl xxl".split()),
    tuple("tiny small medium large huge".split()),
    tuple("none low medium high critical".split()),
    tuple("never rarely sometimes often always".split()),
    tuple("mild moderate severe critical".split()),
    tuple("junior mid senior lead principal".split()),
    tuple("primary secondary tertiary".split()),
    tuple("beginner intermediate advanced expert".split()),
    tuple("cold cool warm hot".split()),
)
