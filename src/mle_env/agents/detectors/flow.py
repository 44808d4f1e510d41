"""A small abstract interpreter for ML scripts: which data each value comes from.

Each expression evaluates to a ``Val``: its *roles* (``full`` data, a ``train`` or ``test``
part, ``each`` for a loop over both parts, ``param`` for an unknown argument), its *roots*
(where the data was loaded), the preprocessing *fits* it went through, the kinds of
transforms applied, and the estimator object it is (if any). Walking a program in execution
order records ``Event``s — fits, splits, predictions, metrics, row filters — into a trace.
Calls to functions of the analysed files are inlined (call stack in ``via``), so a fit inside
``preprocess()`` is seen with the roles of the data ``main()`` passed to it.
"""

from __future__ import annotations

import ast
from dataclasses import replace

from . import parts as P
from .base import dotted, role_from_name
from .source import Source
from .values import DATA_ROLES, EMPTY, Event, Obj, Trace, Val, each_join, is_mask, join, tuple_val, with_role

__all__ = ["DATA_ROLES", "EMPTY", "Event", "Obj", "Trace", "Val", "Walker", "join"]


class Walker:
    """Walks one function body (or a module) in order, updating ``env`` and the trace."""

    def __init__(self, prog, src: Source, trace: Trace, env: dict, genv: dict | None, via=(), stack=(), selfobj=None):
        self.prog, self.src, self.trace = prog, src, trace
        self.env, self.genv, self.via, self.stack = env, genv, via, stack
        self.selfobj: Obj | None = selfobj  # the instance whose method this is (project classes)
        self.returns: list[Val] = []
        self.index_names: set[str] = set()  # names holding row positions or masks
        self.column_names: set[str] = set()  # names holding lists of columns
        self.mutated: set[str] = set()  # names changed in place (``df[c] = ...``)
        self.rebound: set[str] = set()

    # --- events -------------------------------------------------------------------------
    def emit(self, kind: str, name: str, node: ast.AST, data: Val, start: ast.AST | None = None, **kw) -> Event:
        ev = Event(kind, name, self.src.loc(node, start), self.prog.tick(), self.via, data, node, **kw)
        self.trace.events.append(ev)
        return ev

    # --- statements ---------------------------------------------------------------------
    def run(self, body: list[ast.stmt]) -> Val:
        for st in body:
            self.stmt(st)
        rets = [r for r in self.returns if r is not None]
        if rets and all(r.parts is not None and len(r.parts) == len(rets[0].parts) for r in rets):
            return tuple_val(join(*ps) for ps in zip(*(r.parts for r in rets)))
        return join(*rets) if len(rets) != 1 else rets[0]

    def stmt(self, st: ast.stmt) -> None:
        if isinstance(st, ast.Assign):
            v = self.ev(st.value)
            for t in st.targets:
                self.classify(t, st.value)
                self.assign(t, v)
        elif isinstance(st, ast.AnnAssign) and st.value is not None:
            self.assign(st.target, self.ev(st.value))
        elif isinstance(st, ast.AugAssign):
            self.assign(st.target, join(self.ev(st.target), self.ev(st.value)))
        elif isinstance(st, ast.Expr):
            self.ev(st.value)
        elif isinstance(st, ast.Return):
            self.returns.append(self.ev(st.value) if st.value is not None else EMPTY)
        elif isinstance(st, (ast.For, ast.AsyncFor)):
            it = (
                st.iter.args[0]
                if isinstance(st.iter, ast.Call) and P.call_tail(st.iter) == "enumerate" and st.iter.args
                else st.iter
            )
            if P.is_index_expr(it, self.index_names):  # ``for k, held in enumerate(folds)``
                tgt = st.target.elts[-1] if st.iter is not it and isinstance(st.target, ast.Tuple) else st.target
                self.index_names |= {n.id for n in ast.walk(tgt) if isinstance(n, ast.Name)}
            self.assign(st.target, self.element(st.iter), loop=True)
            self.run_block(st.body + st.orelse)
        elif isinstance(st, (ast.If, ast.While)):
            self.ev(st.test)
            self.run_block(st.body + st.orelse)
        elif isinstance(st, (ast.With, ast.AsyncWith)):
            for item in st.items:
                v = self.ev(item.context_expr)
                if item.optional_vars is not None:
                    self.assign(item.optional_vars, v)
            self.run_block(st.body)
        elif isinstance(st, ast.Try) or type(st).__name__ == "TryStar":
            self.run_block(st.body + [s for h in st.handlers for s in h.body] + st.orelse + st.finalbody)

    def classify(self, target: ast.expr, value: ast.expr) -> None:
        """Remember names bound to row positions/masks or to column lists (syntactically)."""
        if isinstance(target, (ast.Tuple, ast.List)):
            vals = value.elts if isinstance(value, (ast.Tuple, ast.List)) else [value] * len(target.elts)
            if len(vals) == len(target.elts):
                for t, v in zip(target.elts, vals, strict=False):
                    self.classify(t, v)
            return
        if not isinstance(target, ast.Name):
            return
        if P.is_index_expr(value, self.index_names):
            self.index_names.add(target.id)
            sl = P.slice_of(value.slice, self.src.consts) if isinstance(value, ast.Subscript) else None
            if sl is not None:
                self.prog.slices[self.scoped(target.id, target)] = (sl, self.src.loc(value))
        elif column_expr(self.src, value):
            self.column_names.add(target.id)

    def scoped(self, text: str, node: ast.AST) -> str:
        return f"{self.src.file}:{self.src.function_of(node)}:{text}"

    def select_rows(self, base: Val, text: str, node: ast.AST) -> Val:
        """The rows ``base`` keeps after a row selection; a hand-made split once the first run
        has seen what the part is used for (``parts.infer``)."""
        tag = self.scoped(text, node)
        v = replace(join(base), part=tag)
        role = self.prog.part_roles.get(tag)
        if role and base.roles & {"full", "param"} and not base.roles & {"train", "test", "each"}:
            self.emit("split", "rows", node, base)
            v = replace(with_role(v, role), part=tag)
        return v

    def run_block(self, body: list[ast.stmt]) -> None:
        for st in body:
            self.stmt(st)

    def element(self, it: ast.expr) -> Val:
        """The value of a loop variable over ``it``; ``each`` when looping over train and test."""
        if isinstance(it, (ast.List, ast.Tuple)) and it.elts:
            vals = [self.ev(e) for e in it.elts]
            if all(v.parts is not None for v in vals) and len({len(v.parts) for v in vals}) == 1:
                return tuple_val(each_join(list(ps)) for ps in zip(*(v.parts for v in vals)))
            return each_join(vals)
        v = self.ev(it)
        return v if v.parts is not None else join(v)

    def assign(self, target: ast.expr, v: Val, loop: bool = False) -> None:
        if isinstance(target, (ast.Tuple, ast.List)):
            elts = target.elts
            if v.parts is not None and len(v.parts) == len(elts):
                for t, p in zip(elts, v.parts):
                    self.assign(t, p, loop)
            else:
                for t in elts:
                    self.assign(t.value if isinstance(t, ast.Starred) else t, join(v), loop)
            return
        if isinstance(target, ast.Subscript):
            key = dotted(target.value)
            if key is not None:
                self.mutated.add(key)
                old = self.lookup(key)
                new = join(old, v)
                self.store(key, replace(new, roles=old.roles or new.roles, part=old.part) if old.is_data else new)
            return
        key = dotted(target)
        if key is None:
            return
        self.rebound.add(key)
        role = role_from_name(key)
        if role and v.obj is None and not v.scalar and not loop:
            if v.fresh:
                v = with_role(v, role)
            elif (
                v.roles & {"full", "param"} and not v.roles & {"train", "test", "each"} and isinstance(target, ast.Name)
            ):
                self.emit("split", "manual", target, v)
                v = with_role(v, role)
        self.store(key, replace(v, fresh=False) if v.fresh else v)

    def store(self, key: str, v: Val) -> None:
        if self.selfobj is not None and key.startswith("self."):
            self.selfobj.attrs[key] = v
        else:
            self.env[key] = v

    def lookup(self, key: str) -> Val:
        if self.selfobj is not None and (key == "self" or key.startswith("self.")):
            return Val(obj=self.selfobj) if key == "self" else self.selfobj.attrs.get(key, EMPTY)
        if key in self.env:
            return self.env[key]
        if self.genv is not None and key in self.genv:
            return self.genv[key]
        return EMPTY

    # --- expressions --------------------------------------------------------------------
    def ev(self, node: ast.expr | None) -> Val:
        if node is None:
            return EMPTY
        if isinstance(node, ast.Name):
            return self.lookup(node.id)
        if isinstance(node, ast.Attribute):
            key = dotted(node)
            if key is not None and (
                key in self.env
                or (self.genv is not None and key in self.genv)
                or (self.selfobj is not None and key in self.selfobj.attrs)
            ):
                return self.lookup(key)
            base = self.ev(node.value)
            if base.obj is not None and node.attr in ("best_estimator_", "estimator_") and base.obj.steps:
                return Val(obj=base.obj.steps[0])
            return join(base) if base.obj is None else EMPTY
        if isinstance(node, ast.Subscript):
            return self.subscript(node)
        if isinstance(node, ast.Call):
            from .calls import evaluate_call

            return evaluate_call(self, node)
        if isinstance(node, (ast.Lambda, ast.Constant)):
            return EMPTY
        if isinstance(node, (ast.Yield, ast.YieldFrom)):  # a generator: what it yields is what it gives
            self.returns.append(self.ev(node.value))
            return EMPTY
        if isinstance(node, ast.Tuple):
            return tuple_val(self.ev(e) for e in node.elts)
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            for gen in node.generators:
                self.assign(gen.target, self.element(gen.iter), loop=True)
        return join(*(self.ev(c) for c in ast.iter_child_nodes(node) if isinstance(c, ast.expr)))

    def subscript(self, node: ast.Subscript) -> Val:
        base = self.ev(node.value)
        sl = node.slice
        if base.parts is not None and isinstance(sl, ast.Constant) and isinstance(sl.value, int):
            return base.parts[sl.value] if -len(base.parts) <= sl.value < len(base.parts) else join(base)
        first = sl.elts[0] if isinstance(sl, ast.Tuple) and sl.elts else sl
        if isinstance(first, ast.Slice) and not base.is_data:
            return join(base)
        text = P.row_tag(sl, self.src.consts, self.index_names, self.column_names) if base.is_data else None
        if is_mask(first):
            mask = self.ev(first)
            self.emit("filter", "mask", node, base, extra=mask)
            return self.select_rows(base, text, node) if text else join(base)
        idx = self.ev(sl)
        picked = idx.roles & {"train", "test"}
        if picked and base.is_data:
            return replace(
                join(base), roles=(base.roles - DATA_ROLES) | picked, part=self.scoped(text, node) if text else None
            )
        if text:
            if isinstance(first, ast.Slice):
                got = P.slice_of(sl, self.src.consts)
                if got is not None:
                    self.prog.slices.setdefault(self.scoped(text, node), (got, self.src.loc(node)))
            return self.select_rows(base, text, node)
        return join(base, idx) if idx.is_data else join(base)


def column_expr(src: Source, node: ast.expr) -> bool:
    """``parts.is_column_expr`` of a node of ``src``, remembered: the program is run twice and
    inlined functions once per call, and the check walks the whole expression."""
    memo = src.memo.setdefault("column_expr", {})
    got = memo.get(id(node))
    if got is None:
        got = memo[id(node)] = P.is_column_expr(node, src.consts)
    return got
