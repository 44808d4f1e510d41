"""One parsed file and what the detectors look up about it (constants, aliases, functions).

The tree is walked once, when the file is parsed: ``src.nodes`` (every node, in ``ast.walk``
order), ``src.of_type(ast.Call, ...)`` and ``src.parent(node)`` read that index, so a rule
that looks for some kind of node should use them rather than ``ast.walk(src.tree)`` again.
"""

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


def import_aliases(tree: ast.Module, imports: list[ast.ImportFrom] | None = None) -> dict[str, str]:
    """``{'SS': 'StandardScaler'}`` for ``from sklearn.preprocessing import StandardScaler as SS``
    (``imports``: the tree's ``ImportFrom`` nodes in walk order, if already at hand)."""
    out: dict[str, str] = {}
    for node in ast.walk(tree) if imports is None else imports:
        if isinstance(node, ast.ImportFrom):
            for a in node.names:
                if a.asname:
                    out[a.asname] = a.name
    return out


def enclosing_functions(
    tree: ast.Module, nodes: list[ast.AST] | None = None, parents: dict[int, ast.AST] | None = None
) -> dict[int, str]:
    """Map from ``id(node)`` to the name of the innermost enclosing def, for every node
    (``nodes``/``parents``: the tree's ``walk_with_parents``, if already at hand)."""
    if nodes is None or parents is None:
        nodes, parents = walk_with_parents(tree)
    out: dict[int, str] = {}
    for node in nodes[1:]:  # breadth first: a node's parent is done before the node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            name: str | None = node.name
        else:
            name = out.get(id(parents[id(node)]))
        if name is not None:
            out[id(node)] = name
    return out


def walk_with_parents(tree: ast.AST) -> tuple[list[ast.AST], dict[int, ast.AST]]:
    """Every node of ``tree`` in ``ast.walk`` order (breadth first, children in
    ``ast.iter_child_nodes`` order) and the parent of each by ``id``."""
    nodes, parents = [tree], {}
    AST = ast.AST
    for node in nodes:  # grows while it is read
        for name in node._fields:
            field = getattr(node, name, None)
            if isinstance(field, AST):
                parents[id(field)] = node
                nodes.append(field)
            elif isinstance(field, list):
                for item in field:
                    if isinstance(item, AST):
                        parents[id(item)] = node
                        nodes.append(item)
    return nodes, parents


class Source:
    """One parsed file with what the detectors look up about it."""

    def __init__(self, text: str, filename: str):
        self.text, self.file = text, filename
        self.tree = ast.parse(text, filename=filename)
        self.lines = text.splitlines()
        # The tree indexed once (it is never changed after parsing): every node in ``ast.walk``
        # order, each node's parent by ``id``, and the nodes of each type (filled on first ask).
        self.nodes, self._parents = walk_with_parents(self.tree)
        self._by_type: dict[tuple[type, ...], list[Any]] = {}
        # Per-node answers of pure syntactic checks, by check name then ``id(node)`` (see ``flow``).
        self.memo: dict[str, dict[int, Any]] = {}
        self.consts = module_constants(self.tree)
        self.aliases = import_aliases(self.tree, self.of_type(ast.ImportFrom))
        self._fn = enclosing_functions(self.tree, self.nodes, self._parents)

    def of_type(self, *types: type) -> list[Any]:
        """The nodes of these types, in ``ast.walk`` order (a cached list: do not change it)."""
        got = self._by_type.get(types)
        if got is None:
            got = self._by_type[types] = [n for n in self.nodes if isinstance(n, types)]
        return got

    def parent(self, node: ast.AST) -> ast.AST | None:
        return self._parents.get(id(node))

    def function_of(self, node: ast.AST) -> str | None:
        return self._fn.get(id(node))

    def function_at(self, line: int) -> str | None:
        best = None
        for n in self.of_type(ast.FunctionDef, ast.AsyncFunctionDef):
            if n.lineno <= line <= (n.end_lineno or n.lineno):
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
        return list(self.of_type(ast.Call))
