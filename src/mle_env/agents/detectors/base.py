"""What every detector shares: the ``Finding`` it reports and small AST helpers.

A finding names one place (file, line range, enclosing function), one of the seven bug
codes, the rule that fired and a confidence in [0, 1]. Confidence is calibrated loosely:

    >= 0.7   strong: the pattern is the bug in nearly every program that has it
    0.5-0.7  likely: usually a bug, sometimes a deliberate choice
    <  0.5   a hint: worth a look, often fine (hidden by default, see ``detect``)
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from mle_env.task.model import ERROR_CODES

BUG_CODES = tuple(c for c in ERROR_CODES if c != "NONE")


@dataclass(frozen=True)
class Finding:
    code: str
    rule: str
    file: str
    line: int
    end_line: int
    function: str | None
    message: str
    confidence: float
    fix: str

    def __post_init__(self) -> None:
        if self.code not in BUG_CODES:
            raise ValueError(f"unknown bug code {self.code!r}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} outside [0, 1]")

    def format(self, rule: bool = False) -> str:
        """``file:line: CODE message`` — the linter's output line (``[rule]`` appended on request)."""
        return f"{self.file}:{self.line}: {self.code} {self.message}" + (f" [{self.rule}]" if rule else "")

    @property
    def sort_key(self) -> tuple[Any, ...]:
        return (self.file, self.line, self.end_line, self.code, self.rule)


@dataclass(frozen=True)
class Loc:
    """A place in the code: file, 1-based inclusive line span, enclosing function."""

    file: str
    line: int
    end_line: int
    function: str | None


def finding(code: str, rule: str, loc: Loc, message: str, confidence: float, fix: str) -> Finding:
    conf = round(min(1.0, max(0.0, confidence)), 2)
    return Finding(code, rule, loc.file, loc.line, loc.end_line, loc.function, message, conf, fix)


# --- AST helpers -------------------------------------------------------------------------


def dotted(node: ast.AST | None) -> str | None:
    """``a.b.c`` for a chain of names and attributes, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def call_tail(call: ast.Call) -> str | None:
    """The last component of the called name: ``fit_transform`` for ``s.fit_transform(X)``."""
    f = call.func
    if isinstance(f, ast.Attribute):
        return f.attr
    if isinstance(f, ast.Name):
        return f.id
    return None


def kwarg(call: ast.Call, name: str) -> ast.expr | None:
    for k in call.keywords:
        if k.arg == name:
            return k.value
    return None


def literal(node: ast.AST | None, consts: dict[str, Any] | None = None) -> Any:
    """The value of a literal expression (numbers, strings, tuples, lists, ``-x``, ``1e3 * 2``,
    module constants); ``...`` (Ellipsis) when unknown."""
    if node is None:
        return ...
    if isinstance(node, ast.Constant):
        return node.value
    if not never_literal(node):
        try:
            return ast.literal_eval(node)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            pass
    if consts is not None and isinstance(node, ast.Name) and node.id in consts:
        return consts[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        v = literal(node.operand, consts)
        return -v if isinstance(v, (int, float)) else ...
    if isinstance(node, ast.BinOp):
        a, b = literal(node.left, consts), literal(node.right, consts)
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            ops = {
                ast.Mult: lambda: a * b,
                ast.Add: lambda: a + b,
                ast.Sub: lambda: a - b,
                ast.Pow: lambda: a**b if abs(b) < 64 else ...,
                ast.Div: lambda: a / b if b else ...,
            }
            op = ops.get(type(node.op))
            return op() if op else ...
    if isinstance(node, (ast.Tuple, ast.List)):
        vals = [literal(e, consts) for e in node.elts]
        return ... if any(v is ... for v in vals) else tuple(vals)
    return ...


# Expressions ``ast.literal_eval`` always rejects (a call other than ``set()`` too): ``literal``
# skips it for them rather than pay for the exception it raises.
_NEVER_LITERAL = (ast.Name, ast.Attribute, ast.Subscript, ast.Compare, ast.BoolOp, ast.JoinedStr, ast.Lambda, ast.IfExp)


def never_literal(node: ast.AST) -> bool:
    if isinstance(node, ast.Call):
        return not (isinstance(node.func, ast.Name) and node.func.id == "set")
    return isinstance(node, _NEVER_LITERAL)


def number(node: ast.AST | None, consts: dict[str, Any] | None = None) -> float | None:
    v = literal(node, consts)
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    return float(v)


_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def name_tokens(name: str) -> list[str]:
    """``X_train_scaled`` → ``['x', 'train', 'scaled']``; ``testDF`` → ``['test', 'df']``."""
    out = []
    for part in re.split(r"[_.\W]+", name):
        out += [t.lower() for t in _CAMEL.findall(part)] or ([part.lower()] if part else [])
    return out


TRAIN_WORDS = {"train", "training", "trn", "tr"}
TEST_WORDS = {"test", "testing", "tst", "te", "holdout", "val", "valid", "validation", "dev", "unseen"}
TARGET_WORDS = {"y", "target", "targets", "label", "labels", "outcome", "yhat"}
# Short role words count only in short names next to a data word: X_val, val_df, y_dev, te_idx —
# not std_dev, max_val, is_valid.
_SHORT = {"tr", "te", "val", "valid", "dev"}
_DATA_WORDS = {
    "x",
    "y",
    "df",
    "data",
    "set",
    "features",
    "feats",
    "labels",
    "target",
    "idx",
    "index",
    "ids",
    "ds",
    "dataset",
    "frame",
    "matrix",
    "arr",
    "loader",
    "split",
    "rows",
    "mask",
    "pool",
    "scaled",
}


# Words that make a name a number about a part, not the part: min_train_size, n_test, train_end.
_SCALAR_WORDS = {
    "size", "n", "num", "len", "length", "count", "frac", "fraction", "ratio", "pct", "percent", "share",
    "min", "max", "start", "end", "stop", "step", "steps", "window", "period", "periods", "cutoff", "date",
    "days", "rounds", "epochs", "iters", "time", "seconds", "prop", "proportion", "score", "scores", "loss",
    "acc", "accuracy", "error", "err", "rmse", "mae", "auc", "f1", "r2", "mse", "months", "years", "weeks",
}  # fmt: skip


@lru_cache(maxsize=8192)  # asked about the same few names over and over
def role_from_name(name: str) -> str | None:
    """``train``/``test`` from a variable's name — a weak hint used only where the dataflow
    says nothing (``parts`` infers the roles of hand-made splits from their use)."""
    words = name_tokens(name.split(".")[-1])
    toks = set(words)
    if toks & _SCALAR_WORDS and not toks & _DATA_WORDS:
        return None
    if not (len(words) <= 3 and toks & _DATA_WORDS):
        toks -= _SHORT
    if toks & TEST_WORDS and not toks & TRAIN_WORDS:
        return "test"
    if toks & TRAIN_WORDS and not toks & TEST_WORDS:
        return "train"
    return None


@lru_cache(maxsize=8192)
def is_target_name(name: str | None) -> bool:
    return bool(name) and bool(set(name_tokens(name.split(".")[-1])) & TARGET_WORDS)


def base_name(node: ast.AST) -> str | None:
    """The variable an expression is rooted in: ``y`` for ``y.values.reshape(-1, 1)``."""
    while True:
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Attribute):
            node = node.value
        elif isinstance(node, ast.Subscript):
            node = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            node = node.func.value
        else:
            return None


def subscript_key(node: ast.AST, consts: dict[str, Any]) -> Any:
    """``'price'`` for ``df['price']`` / ``df[TARGET]`` / ``df.loc[:, 'price']``."""
    if isinstance(node, ast.Subscript):
        key = literal(node.slice, consts)
        if isinstance(key, tuple) and len(key) == 2:
            key = key[1]
        return key
    return ...
