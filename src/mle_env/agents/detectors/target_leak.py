"""DATA_LEAKAGE through the features themselves: the target column left among them.

Rule
    target-in-features  ``y = df["price"]`` and ``X = df.drop(columns=[...])`` (or
                        ``df[[...]]``) that keeps ``"price"``: the model reads the answer
"""

from __future__ import annotations

import ast

from .base import Finding, dotted, finding, is_target_name, literal, name_tokens
from .program import Analysis

CODE = "DATA_LEAKAGE"


def check(an: Analysis) -> list[Finding]:
    return target_in_features(an)


def target_in_features(an: Analysis) -> list[Finding]:
    out = []
    for src in an.sources:
        scopes = [src.tree] + [n for n in ast.walk(src.tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        for scope in scopes:
            targets: dict[str, set] = {}
            assigns = [
                n
                for n in ast.walk(scope)
                if isinstance(n, ast.Assign)
                and len(n.targets) == 1
                and isinstance(n.targets[0], ast.Name)
                and src.function_of(n) == src.function_of(scope.body[0])
            ]
            for a in assigns:
                v = a.value
                if is_target_name(a.targets[0].id) and isinstance(v, ast.Subscript) and dotted(v.value):
                    key = literal(v.slice, src.consts)
                    if isinstance(key, str):
                        targets.setdefault(dotted(v.value), set()).add(key)
            for a in assigns:
                toks = set(name_tokens(a.targets[0].id))
                if not toks & {"x", "features", "feature", "feats"}:
                    continue
                base, kept = kept_columns(a.value, src.consts)
                leaked = targets.get(base, set()) & kept if kept is not None else set()
                base, dropped = dropped_columns(a.value, src.consts)
                if base in targets and dropped is not None and not targets[base] & dropped:
                    leaked = targets[base]
                if leaked:
                    col = sorted(leaked)[0]
                    out.append(
                        finding(
                            CODE,
                            "target-in-features",
                            src.loc(a),
                            f"the feature matrix still contains the target column {col!r}: the model "
                            "can read the answer from its inputs.",
                            0.75,
                            f"Drop {col!r} from the features (df.drop(columns=[{col!r}])).",
                        )
                    )
    return out


def kept_columns(v: ast.expr, consts) -> tuple[str | None, set | None]:
    if isinstance(v, ast.Subscript) and dotted(v.value):
        cols = literal(v.slice, consts)
        if isinstance(cols, (list, tuple)) and all(isinstance(c, str) for c in cols):
            return dotted(v.value), set(cols)
    return None, None


def dropped_columns(v: ast.expr, consts) -> tuple[str | None, set | None]:
    if not (isinstance(v, ast.Call) and isinstance(v.func, ast.Attribute) and v.func.attr == "drop"):
        return None, None
    cols = None
    for k in v.keywords:
        if k.arg == "columns" or (k.arg == "labels" and any(x.arg == "axis" for x in v.keywords)):
            cols = literal(k.value, consts)
    axis = next((literal(k.value) for k in v.keywords if k.arg == "axis"), 0)
    if cols is None and v.args and axis in (1, "columns"):
        cols = literal(v.args[0], consts)
    base = dotted(v.func.value)
    if isinstance(cols, str):
        return base, {cols}
    if isinstance(cols, (list, tuple)) and all(isinstance(c, str) for c in cols):
        return base, set(cols)
    return None, None
