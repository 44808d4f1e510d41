"""A set of analysed files: function lookup across them, and the traces of running them.

Every module's top level is one entry (it usually ends in ``main()``, which is inlined with
everything it calls). A function that no entry reached (a library helper, a method, a file
without ``__main__``) is then analysed on its own, its parameters standing for unknown data.
"""

from __future__ import annotations

import ast
from pathlib import PurePosixPath
from typing import Any

from . import parts
from .base import is_target_name, literal, role_from_name
from .flow import EMPTY, Obj, Trace, Val, Walker
from .source import Source


class Program:
    def __init__(
        self, sources: list[Source], part_roles: dict[str, str] | None = None, test_roots: set[str] | None = None
    ):
        self.sources = sources
        self.part_roles = part_roles or {}  # row selection → "train"/"test" (see ``parts``)
        self.test_roots = test_roots or set()  # loads only predicted on and scored (see ``parts``)
        self.slices: dict = {}
        self.funcs: dict[str, tuple[Source, ast.FunctionDef]] = {}
        self.methods: list[tuple[str, Source, ast.FunctionDef, ast.ClassDef]] = []
        self.class_defs: dict[str, tuple[Source, ast.ClassDef]] = {}
        self.stems: dict[str, Source] = {}
        self.imports: dict[str, dict[str, tuple[str, str | None]]] = {}
        self.genv: dict[str, dict[str, Val]] = {}
        self.called: set[str] = set()
        self.target_keys: set = set()
        self.inlining = True
        self.inlined = 0
        self._tick = 0
        for src in sources:
            stem = PurePosixPath(src.file.replace("\\", "/")).stem
            self.stems.setdefault(stem, src)
            self.imports[src.file] = imports_of(src.tree, src.of_type(ast.Import, ast.ImportFrom))
            for st in src.tree.body:
                if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    self.funcs[f"{src.file}::{st.name}"] = (src, st)
                elif isinstance(st, ast.ClassDef):
                    self.class_defs[f"{src.file}::{st.name}"] = (src, st)
                    for m in st.body:
                        if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)):
                            self.methods.append((f"{src.file}::{st.name}.{m.name}", src, m, st))
            self.target_keys |= target_keys(src)

    def can_inline(self) -> bool:
        """Inline calls while the budget lasts (a pathological call graph must not explode)."""
        self.inlined += 1
        return self.inlining and self.inlined <= 20_000

    def tick(self) -> int:
        self._tick += 1
        return self._tick

    def resolve(self, src: Source, func: ast.expr) -> tuple[Source, ast.FunctionDef, str] | None:
        """The project function a call refers to: a def of this file, ``from mod import f``
        or ``mod.f`` where ``mod`` is one of the analysed files."""
        imports = self.imports.get(src.file, {})
        if isinstance(func, ast.Name):
            key = f"{src.file}::{func.id}"
            if key in self.funcs:
                return (*self.funcs[key], key)
            if func.id in imports:
                stem, orig = imports[func.id]
                return self._lookup(stem, orig)
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            if func.value.id in imports and imports[func.value.id][1] is None:
                return self._lookup(imports[func.value.id][0], func.attr)
        return None

    def resolve_class(self, src: Source, func: ast.expr) -> tuple[Source, ast.ClassDef] | None:
        """A class defined in the analysed files that ``func`` names (``Trainer`` in ``Trainer()``)."""
        if isinstance(func, ast.Name):
            if f"{src.file}::{func.id}" in self.class_defs:
                return self.class_defs[f"{src.file}::{func.id}"]
            stem, orig = self.imports.get(src.file, {}).get(func.id, (None, None))
            other = self.stems.get(stem) if stem else None
            if other is not None and f"{other.file}::{orig}" in self.class_defs:
                return self.class_defs[f"{other.file}::{orig}"]
        return None

    def class_of(self, obj) -> tuple[Source, ast.ClassDef] | None:
        hits = [v for k, v in self.class_defs.items() if k.endswith(f"::{obj.cls}")]
        return next((h for h in hits if h[0].file == obj.loc.file), hits[0] if hits else None)

    def method(self, cls: tuple[Source, ast.ClassDef] | None, name: str) -> tuple[ast.FunctionDef, str] | None:
        """A method of a project class (its own body only; bases outside the project are unknown)."""
        if cls is None:
            return None
        for m in cls[1].body:
            if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and m.name == name:
                return m, f"{cls[0].file}::{cls[1].name}.{name}"
        return None

    def _lookup(self, stem: str, name: str | None):
        other = self.stems.get(stem)
        if other is None or name is None:
            return None
        key = f"{other.file}::{name}"
        return (*self.funcs[key], key) if key in self.funcs else None

    def run(self) -> list[Trace]:
        # Pass 1: each module's globals (constants, module-level estimators), nothing inlined.
        self.inlining = False
        for src in self.sources:
            env: dict[str, Val] = {}
            Walker(self, src, Trace("prepass"), env, None).run(
                [st for st in src.tree.body if not isinstance(st, ast.If)]
            )
            self.genv[src.file] = env
        self.inlining = True
        traces = []
        for src in self.sources:
            trace = Trace(src.file)
            env = self.genv[src.file] = dict(self.genv[src.file])  # live: inlined functions see it
            Walker(self, src, trace, env, None).run(src.tree.body)
            traces.append(trace)
        pending = [(k, s, f, None) for k, (s, f) in self.funcs.items()] + self.methods
        for key, src, fdef, cdef in pending:
            if key in self.called:
                continue
            trace = Trace(key)
            obj = None
            if cdef is not None:  # a method no entry reached: run __init__ first for self.<attributes>
                obj = Obj(cdef.name, "user", src.loc(cdef), None)
                init = self.method((src, cdef), "__init__")
                if init is not None and init[0] is not fdef:
                    env = {p: param_val(p) for p in params(init[0])}
                    Walker(self, src, trace, env, self.genv[src.file], stack=(init[1],), selfobj=obj).run(init[0].body)
            env = {p: param_val(p) for p in params(fdef)}
            Walker(self, src, trace, env, self.genv[src.file], stack=(key,), selfobj=obj).run(fdef.body)
            traces.append(trace)
        return traces


def params(fdef: ast.FunctionDef) -> list[str]:
    a = fdef.args
    return [p.arg for p in a.posonlyargs + a.args + a.kwonlyargs if p.arg not in ("self", "cls")]


def param_val(name: str) -> Val:
    role = role_from_name(name)
    return Val(roles=frozenset({role or "param"}), roots=frozenset({f"param:{name}"}))


def imports_of(tree: ast.Module, imports: list[ast.AST] | None = None) -> dict[str, tuple[str, str | None]]:
    """``{local name: (module stem, original name or None for a module)}`` (``imports``: the
    tree's import statements in walk order, if already at hand)."""
    out: dict[str, tuple[str, str | None]] = {}
    for node in ast.walk(tree) if imports is None else imports:
        if isinstance(node, ast.ImportFrom) and node.module:
            stem = node.module.split(".")[-1]
            for a in node.names:
                out[a.asname or a.name] = (stem, a.name)
        elif isinstance(node, ast.ImportFrom):  # from . import features
            for a in node.names:
                out[a.asname or a.name] = (a.name, None)
        elif isinstance(node, ast.Import):
            for a in node.names:
                out[a.asname or a.name.split(".")[0]] = (a.name.split(".")[-1], None)
    return out


def target_keys(src: Source) -> set:
    """Column names used as the label: ``y = df["price"]``, ``df.pop(TARGET)``, ``LABEL = "x"``."""
    out = set()
    for node in src.of_type(ast.Call):  # the column a model is fitted to: ``m.fit(X, df["y"])``, ``stratify=df["y"]``
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            ys = [node.args[1]] if node.func.attr == "fit" and len(node.args) >= 2 else []
            ys += [k.value for k in node.keywords if k.arg == "stratify"]
            for y in ys:
                if isinstance(y, ast.Subscript):
                    key = literal(y.slice, src.consts)
                    if isinstance(key, str):
                        out.add(key)
    for name, value in src.consts.items():
        if isinstance(value, str) and is_target_name(name):
            out.add(value)
    for node in src.of_type(ast.Assign):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and is_target_name(t.id) for t in node.targets):
            v = node.value
            while isinstance(v, (ast.Call, ast.Attribute)) and not (
                isinstance(v, ast.Call) and isinstance(v.func, ast.Attribute) and v.func.attr == "pop"
            ):
                v = (
                    v.func.value
                    if isinstance(v, ast.Call) and isinstance(v.func, ast.Attribute)
                    else (v.value if isinstance(v, ast.Attribute) else None)
                )
            if isinstance(v, ast.Subscript):
                key = literal(v.slice, src.consts)
                if isinstance(key, str):
                    out.add(key)
            elif isinstance(v, ast.Call) and v.args:
                key = literal(v.args[0], src.consts)
                if isinstance(key, str):
                    out.add(key)
    return out


__all__ = ["Program", "EMPTY"]


class Analysis:
    """What the rules look at: the parsed files and the traces of running them."""

    def __init__(self, sources: list[Source]):
        self.sources = sources
        self._events: dict[tuple[str, ...], list] = {}  # see ``events``
        # Whole-project answers a rule computes once and reuses, by the rule's own key.
        self.memo: dict[str, Any] = {}
        self.program = Program(sources)
        self.traces = self.program.run()
        self.parts = parts.infer(self.traces, self.program.slices)
        if self.parts.roles or self.parts.test_roots:  # splits or test loads found: run again with their roles
            self.program = Program(sources, self.parts.roles, self.parts.test_roots)
            self.traces = self.program.run()
        self.target_keys = self.program.target_keys
        self.classes: dict[str, list[tuple[Source, ast.Call]]] = {}
        for src in sources:
            for call in src.calls():
                name = src.cls(call.func)
                if name:
                    self.classes.setdefault(name, []).append((src, call))

    def events(self, *kinds: str) -> list:
        """The events of these kinds, in trace order (a fresh list; the traces are final by now)."""
        got = self._events.get(kinds)
        if got is None:  # events by the kinds asked for, filled on first ask
            got = self._events[kinds] = [e for t in self.traces for e in t.events if e.kind in kinds]
        return list(got)

    def uses(self, *names: str) -> bool:
        """Whether any of these classes or functions is called anywhere."""
        return any(n in self.classes for n in names)
