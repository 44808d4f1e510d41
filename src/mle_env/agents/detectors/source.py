"""One parsed file and what the detectors look up about it (constants, aliases, functions)."""

from __future__ import annotations

import ast
from typing import Any

from .base import Loc, literal


def module_constants(tree: ast.Module) -> dict[str, Any]:
    """Module-level ``NAME = literal`` assignments."""
    out: dict[str, Any] = {}
    for st in tree.body:
        if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name):
            v = literal(st.value, out)
            if v is not ...:
                out[st.targets[0].id] = v
        elif isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name) and st.value is not None:
            v = literal(st.value, out)
            if v is not ...:
                out[st.target.id] = v
    return out


def import_aliases(tree: ast.Module) -> dict[str, str]:
    """``{'SS': 'StandardScaler'}`` for ``from sklearn.preprocessing import StandardScaler as SS``."""
    out: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for a in node.names:
                if a.asname:
                    out[a.asname] = a.name
    return out


def enclosing_functions(tree: ast.Module) -> dict[int, str]:
    """Map from ``id(node)`` to the name of the innermost enclosing def, for every node."""
    out: dict[int, str] = {}

    def visit(node: ast.AST, fn: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            name = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else fn
            if name is not None:
                out[id(child)] = name
            visit(child, name)

    visit(tree, None)
    return out


class Source:
    """One parsed file with what the detectors look up about it."""

    def __init__(self, text: str, filename: str):
        self.text, self.file = text, filename
        self.tree = ast.parse(text, filename=filename)
        self.lines = text.splitlines()
        self.consts = module_constants(self.tree)
        self.aliases = import_aliases(self.tree)
        self._fn = enclosing_functions(self.tree)
        self._parents: dict[int, ast.AST] | None = None

    def parent(self, node: ast.AST) -> ast.AST | None:
        if self._parents is None:
            self._parents = {id(c): p for p in ast.walk(self.tree) for c in ast.iter_child_nodes(p)}
        return self._parents.get(id(node))

    def function_of(self, node: ast.AST) -> str | None:
        return self._fn.get(id(node))

    def function_at(self, line: int) -> str | None:
        best = None
        for n in ast.walk(self.tree):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.lineno <= line <= (
                n.end_lineno or n.lineno
            ):
                if best is None or n.lineno > best.lineno:
                    best = n
        return best.name if best else None

    def loc(self, node: ast.AST, start: ast.AST | None = None) -> Loc:
        first = start if start is not None else node
        return Loc(self.file, first.lineno, getattr(node, "end_lineno", None) or node.lineno, self.function_of(node))

    def cls(self, node: ast.AST) -> str | None:
        """The class or function name a call refers to, aliases resolved."""
        name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else None
        return self.aliases.get(name, name) if name else None

    def calls(self) -> list[ast.Call]:
        return [n for n in ast.walk(self.tree) if isinstance(n, ast.Call)]
