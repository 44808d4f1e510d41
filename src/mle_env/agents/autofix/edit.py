"""Source-text editing (``Text``) and the AST/text helpers the fixers share."""

from __future__ import annotations

import ast
import re

from mle_env.agents.detectors import Finding
from mle_env.agents.detectors.base import call_tail


class Text:
    """Source text addressed by AST positions; edits are collected, then applied at once."""

    def __init__(self, source: str):
        self.src = source
        self.lines = source.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))
        self.edits: list[tuple[int, int, str]] = []

    def off(self, lineno: int, col: int) -> int:
        line = self.lines[lineno - 1] if lineno - 1 < len(self.lines) else ""
        return self.starts[lineno - 1] + len(line.encode()[:col].decode(errors="ignore"))

    def span(self, node: ast.AST) -> tuple[int, int]:
        return self.off(node.lineno, node.col_offset), self.off(node.end_lineno, node.end_col_offset)

    def seg(self, node: ast.AST) -> str:
        a, b = self.span(node)
        return self.src[a:b]

    def indent(self, st: ast.stmt) -> str:
        line = self.lines[st.lineno - 1]
        return line[: len(line) - len(line.lstrip())]

    def replace(self, node: ast.AST, text: str) -> None:
        self.edits.append((*self.span(node), text))

    def replace_stmt(self, st: ast.stmt, lines: list[str]) -> None:
        """Replace whole lines of a statement by ``lines`` (indented like it)."""
        ind = self.indent(st)
        self.edits.append(
            (self.starts[st.lineno - 1], self.starts[st.end_lineno], "".join(ind + t + "\n" for t in lines))
        )

    def insert_after(self, st: ast.stmt, lines: list[str]) -> None:
        ind = self.indent(st)
        pos = self.starts[st.end_lineno]
        self.edits.append((pos, pos, "".join(ind + t + "\n" for t in lines)))

    def result(self) -> str | None:
        out, last = self.src, None
        for a, b, t in sorted(self.edits, key=lambda e: (e[0], e[1]), reverse=True):
            if last is not None and b > last:
                return None  # overlapping edits: give up rather than corrupt the file
            out, last = out[:a] + t + out[b:], a
        return out


# --- where things are -------------------------------------------------------------------


def scope(tree: ast.Module, name: str | None) -> ast.AST:
    if name:
        for n in ast.walk(tree):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name:
                return n
    return tree


def blocks(node: ast.AST):
    """Every statement list under ``node`` (not entering nested defs/classes)."""
    for field in ("body", "orelse", "finalbody"):
        block = getattr(node, field, None)
        if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
            yield block
            for st in block:
                if not isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    yield from blocks(st)
    for h in getattr(node, "handlers", []) or []:
        yield from blocks(h)


def calls_in(node: ast.AST, names: set[str]) -> list[ast.Call]:
    return [c for c in ast.walk(node) if isinstance(c, ast.Call) and call_tail(c) in names]


def at_line(tree: ast.AST, f: Finding, names: set[str]) -> list[ast.Call]:
    return [c for c in calls_in(scope(tree, f.function), names) if f.line <= c.lineno <= f.end_line]


def loads(node: ast.AST, name: str, skip: list[ast.AST] = ()) -> int:
    skipped = {id(n) for s in skip for n in ast.walk(s)}
    return sum(1 for n in ast.walk(node) if isinstance(n, ast.Name) and n.id == name and id(n) not in skipped)


def add_import(text: Text, tree: ast.Module, line: str, name: str) -> None:
    if re.search(rf"\b{re.escape(name)}\b", text.src) and re.search(rf"import .*\b{re.escape(name)}\b", text.src):
        return
    imports = [st for st in tree.body if isinstance(st, (ast.Import, ast.ImportFrom))]
    if imports:
        text.insert_after(imports[-1], [line])
    else:
        text.edits.append((0, 0, line + "\n"))


def counterpart(name: str, want: str) -> str | None:
    """``X_train`` → ``X_test`` (want="test") and back."""
    pairs = [("train", "test"), ("Train", "Test"), ("TRAIN", "TEST"), ("tr", "te")]
    for a, b in pairs:
        src, dst = (a, b) if want == "test" else (b, a)
        new = re.sub(rf"(?<![A-Za-z]){src}(?![a-z])", dst, name)
        if new != name:
            return new
    return None


def split_stmt(block: list[ast.stmt], line: int):
    for i, st in enumerate(block):
        if (
            isinstance(st, ast.Assign)
            and st.end_lineno >= line
            and isinstance(st.value, ast.Call)
            and call_tail(st.value) == "train_test_split"
            and isinstance(st.targets[0], ast.Tuple)
            and st.value.args
            and isinstance(st.value.args[0], ast.Name)
        ):
            return i, st
    return None


def chain(text: Text, block: list[ast.stmt], end: int, x: str, y: str | None):
    """The fitting steps that turn raw data into ``x`` just before ``block[end]``:
    (steps in order, raw X source, raw y name, statements). ``y`` is the label's source."""
    steps, stmts, x0 = [], [], x
    for st in reversed(block[:end]):
        v = st.value if isinstance(st, ast.Assign) else None
        tail = call_tail(v) if isinstance(v, ast.Call) else None
        t = st.targets[0] if isinstance(st, ast.Assign) and len(st.targets) == 1 else None
        if (
            isinstance(t, ast.Name)
            and t.id == x
            and tail == "fit_transform"
            and isinstance(v.func, ast.Attribute)
            and v.args
        ):
            sup = v.args[1] if len(v.args) > 1 else None
            if sup is not None and text.seg(sup) != y:
                return None
            steps.insert(0, ("ft", v.func.value, sup is not None))
            stmts.insert(0, st)
            x0 = text.seg(v.args[0])
            if not isinstance(v.args[0], ast.Name):
                break
            x = v.args[0].id
        elif (
            isinstance(t, ast.Tuple)
            and tail == "fit_resample"
            and len(t.elts) == 2
            and len(v.args) == 2
            and [getattr(e, "id", None) for e in t.elts] == [x, y]
            and all(isinstance(a, ast.Name) for a in v.args)
        ):
            steps.insert(0, ("rs", v.func.value, True))
            stmts.insert(0, st)
            x, y = v.args[0].id, v.args[1].id
            x0 = x
        elif any(isinstance(n, ast.Name) and n.id in (x, y) and isinstance(n.ctx, ast.Store) for n in ast.walk(st)):
            break
    return (steps, x0, y, stmts) if steps else None


def stores(sts: list[ast.stmt]) -> set[str]:
    return {n.id for st in sts for n in ast.walk(st) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


def substitute(text: Text, node: ast.AST, subs: dict[int, str]) -> str:
    """The source of ``node`` with the sub-nodes whose id is in ``subs`` replaced."""
    out, base = text.seg(node), text.span(node)[0]
    hits = sorted(((*text.span(n), subs[id(n)]) for n in ast.walk(node) if id(n) in subs), reverse=True)
    for a, b, new in hits:
        out = out[: a - base] + new + out[b - base :]
    return out


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def fresh_name(base: str, used: set[str]) -> str:
    name, k = base, 2
    while name in used:
        name, k = f"{base}_{k}", k + 1
    used.add(name)
    return name


# --- small keyword edits ----------------------------------------------------------------


def set_kwarg(text: Text, call: ast.Call, name: str, value: str) -> None:
    kw = next((k for k in call.keywords if k.arg == name), None)
    if kw is not None:
        text.replace(kw.value, value)
        return
    items = [*call.args, *call.keywords]
    if items:
        end = max(text.span(n)[1] for n in items)
        text.edits.append((end, end, f", {name}={value}"))
    else:
        end = text.span(call)[1] - 1
        text.edits.append((end, end, f"{name}={value}"))


def drop_kwarg(text: Text, call: ast.Call, name: str) -> None:
    items = sorted([*call.args, *call.keywords], key=lambda n: text.span(n)[0])
    kw = next((k for k in call.keywords if k.arg == name), None)
    if kw is None:
        return
    k = items.index(kw)
    if k > 0:
        text.edits.append((text.span(items[k - 1])[1], text.span(kw)[1], ""))
    elif k + 1 < len(items):
        text.edits.append((text.span(kw)[0], text.span(items[k + 1])[0], ""))
    else:
        text.edits.append((*text.span(kw), ""))


def ctor_at(tree: ast.Module, f: Finding, want=None) -> ast.Call | None:
    """The constructor call a finding points at (the first on its line that ``want`` accepts)."""
    from mle_env.agents.detectors.catalog import kind_of

    want = want or (lambda name: kind_of(name) == "model")
    calls = [
        c
        for c in ast.walk(scope(tree, f.function))
        if isinstance(c, ast.Call) and c.lineno == f.line and want(call_tail(c) or "")
    ]
    return min(calls, key=lambda c: c.col_offset) if calls else None
