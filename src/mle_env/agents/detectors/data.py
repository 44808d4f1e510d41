"""Data-aware evidence: what the project's data files show, without running the project's code.

``Evidence(sources, reader)`` finds where the code reads a data file (``pd.read_csv``,
``read_table``, ``np.load``/``loadtxt``/``genfromtxt``, ``open`` + ``csv``), resolves the path
(literals, module constants, ``os.path.join``, pathlib ``/``, ``Path(__file__).parents[k]``,
f-strings over constants, argparse and parameter defaults), asks ``reader`` for the bytes and
profiles a bounded sample of each file (``profiles``). The target column is inferred from the
code (``y = df["col"]``, ``df.pop(LABEL)``, ``return X, df["col"]``, ``stratify=df["col"]``).
Pickle is never loaded; parquet is skipped (no reader without pyarrow). Paths are
project-relative POSIX strings; ``reader`` returns None for a file it cannot give.
"""

from __future__ import annotations

import ast
import csv
import io
import posixpath
from collections.abc import Callable
from dataclasses import dataclass

from .base import call_tail, dotted, is_target_name, literal
from .profiles import MAX_BYTES, MAX_ROWS, Column, Table, profile
from .source import Source

Reader = Callable[[str], "bytes | None"]
DATA_EXT = (".csv", ".tsv", ".txt", ".npy", ".csv.gz")
READERS = {"read_csv", "read_table", "loadtxt", "genfromtxt", "load", "open", "read_parquet", "read_feather"}


@dataclass(frozen=True)
class Read:
    """One place the code reads a data file, and the table it found (None if unreadable)."""

    src: Source
    node: ast.Call
    path: str | None
    table: Table | None


class Evidence:
    """The data files the analysed code reads, profiled; and the target column."""

    def __init__(self, sources: list[Source], reader: Reader | None, root: str = "", target_keys: set | None = None):
        self.reader, self.root = reader, root.rstrip("/")
        self._cache: dict[str, Table | None] = {}  # path → its profiled table (None: unreadable)
        self._pool_hits: list[tuple[str, str, Table]] | None = None  # see ``pool_tables``
        self._raw: dict[str, dict[str, list[str]]] = {}  # see ``raw_columns``
        # Answers rules compute from this evidence and reuse, by the rule's own key.
        self.memo: dict[object, object] = {}
        self.reads: list[Read] = []
        if reader is not None:
            envs = [PathEnv(src) for src in sources]
            pool = [(e.src.file, p) for e in envs for p in e.data_paths()]  # for paths passed as arguments
            for env in envs:
                self.reads += reads_of(env, self, pool)
        self.tables = [r.table for r in self.reads if r.table is not None]
        # The table of each path read, from its first read, in first-read order (``reads`` repeats
        # a path once per call that reads it, and once per unresolved call for pooled paths).
        self.by_path: dict[str | None, Table | None] = {}
        for r in self.reads:
            self.by_path.setdefault(r.path, r.table)
        # Each table once, in first-read order (a table read by many calls repeats in ``tables``),
        # and the first column of each name among them: what ``column`` and ``features`` look in.
        self._distinct = list({id(t): t for t in self.tables}.values())
        self._columns: dict[str, Column] = {}
        for t in self._distinct:
            for c in t.columns.values():
                self._columns.setdefault(c.name, c)
        keys = set(target_keys or ()) | code_targets(sources)
        cols = [c for t in self._distinct for c in t.columns.values()]
        self.target = next((c for c in cols if c.name in keys), None)

    def __bool__(self) -> bool:
        return bool(self.tables)

    def load(self, path: str) -> Table | None:
        if path not in self._cache:
            raw = self.reader(path) if self.reader is not None else None
            self._cache[path] = profile(path, raw) if raw else None
        return self._cache[path]

    def raw_columns(self, path: str) -> dict[str, list[str]]:
        """A CSV data file's columns as text (stripped), over the well-formed rows of the bounded
        sample ``load`` profiles; parsed once per path. Empty for NPY or unreadable files."""
        if path not in self._raw:
            raw = self.reader(path) if self.reader is not None and not path.lower().endswith(".npy") else None
            cols: dict[str, list[str]] = {}
            if raw:
                text = raw[:MAX_BYTES].decode("utf-8", errors="replace")
                first = text[: text.find("\n")] if "\n" in text else text
                rows = csv.reader(io.StringIO(text), delimiter=max(",;\t|", key=first.count))
                header = [h.strip() for h in next(rows, [])]
                body = [r for _, r in zip(range(MAX_ROWS), rows, strict=False) if len(r) == len(header)]
                for i, h in enumerate(header):
                    cols.setdefault(h, [r[i].strip() for r in body])
            self._raw[path] = cols
        return self._raw[path]

    def find(self, rel: str, file: str) -> tuple[str, Table] | None:
        """The table at ``rel`` resolved from the file's directory, the root or any parent."""
        here = posixpath.dirname(file)
        tries = [posixpath.join(here, rel), rel]
        for _ in range(4):  # a few parents up (never past the filesystem root)
            up = posixpath.dirname(here)
            if not here or up == here:
                break
            here = up
            tries.append(posixpath.join(here, rel))
        if rel.startswith("/"):  # /app/data/x.csv → data/x.csv, x.csv relative to the root
            parts = rel.strip("/").split("/")
            tries = [posixpath.join(self.root, "/".join(parts[i:])) for i in range(1, len(parts))]
        for p in dict.fromkeys(posixpath.normpath(t) for t in tries):
            if p.startswith("..") or p in (".", ""):
                continue
            t = self.load(p)
            if t is not None:
                return p, t
        return None

    def pool_tables(self, pool: list[tuple[str, str]], file: str) -> dict[str, Table]:
        """The tables the project's spelled-out data paths resolve to (path → table), for a read in
        ``file`` whose path is a parameter: those spelled out by the files nearest to it (the
        deepest directory they share with it), so in a folder of several projects a helper's read
        takes its own project's data, not every table of every project."""
        if self._pool_hits is None:  # resolved once: the pool is the same for every file
            self._pool_hits = [(f, *h) for f, p in pool if (h := self.find(p, f)) is not None]
        here = posixpath.dirname(file).split("/")

        def shared(other: str) -> int:
            n = 0
            for a, b in zip(here, posixpath.dirname(other).split("/"), strict=False):
                if a != b:
                    break
                n += 1
            return n

        best = max((shared(f) for f, _, _ in self._pool_hits), default=0)
        return {p: t for f, p, t in self._pool_hits if shared(f) == best}

    def column(self, name: str) -> Column | None:
        return self._columns.get(name)

    def features(self) -> list[Column]:
        """Columns of the read tables other than the target, de-duplicated by name."""
        return [c for name, c in self._columns.items() if self.target is None or name != self.target.name]

    @property
    def rows(self) -> int:
        return max((t.rows for t in self._distinct), default=0)

    @property
    def truncated(self) -> bool:
        return any(t.truncated for t in self._distinct)


# --- finding the reads -------------------------------------------------------------------


def reads_of(env: PathEnv, ev: Evidence, pool: list[tuple[str, str]]) -> list[Read]:
    src = env.src
    out, unresolved = [], []
    for call in src.calls():
        tail = call_tail(call) or ""
        if tail not in READERS or not (call.args or call.keywords):
            continue
        if tail == "load" and not (dotted(call.func) or "").startswith(("np.", "numpy.")):
            continue
        arg = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg in PATH_KW), None)
        rel = env.value(arg)
        hit = ev.find(rel, src.file) if isinstance(rel, str) and rel.lower().endswith(DATA_EXT) else None
        if hit is not None:
            out.append(Read(src, call, hit[0], hit[1]))
        elif tail != "open":
            unresolved.append(call)
    if unresolved:  # paths from parameters: any data-file path the file spells out
        found = ev.pool_tables(pool, src.file)
        for call in unresolved:
            out += [Read(src, call, p, t) for p, t in found.items()]
    return out


PATH_KW = {"filepath_or_buffer", "fname", "file", "path", "io"}


class PathEnv:
    """Evaluates path expressions of one file to project-relative strings."""

    def __init__(self, src: Source):
        self.src = src
        self.names: dict[str, ast.expr | None] = {}
        self.args: dict[str, ast.expr] = {}
        for node in src.nodes:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                self.names.setdefault(node.targets[0].id, node.value)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                self.names.setdefault(node.target.id, node.value)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                a = node.args
                pos = a.posonlyargs + a.args
                for p, d in zip(pos[len(pos) - len(a.defaults) :], a.defaults, strict=False):
                    self.names.setdefault(p.arg, d)
                for p, kd in zip(a.kwonlyargs, a.kw_defaults, strict=False):
                    if kd is not None:
                        self.names.setdefault(p.arg, kd)
            elif isinstance(node, ast.Call) and call_tail(node) == "add_argument":
                default = next((k.value for k in node.keywords if k.arg == "default"), None)
                flags = [literal(a) for a in node.args]
                dest = next((k.value for k in node.keywords if k.arg == "dest"), None)
                names = [literal(dest)] if dest is not None else [f for f in flags if isinstance(f, str)]
                for f in names:
                    if isinstance(f, str) and default is not None:
                        self.args.setdefault(f.lstrip("-").replace("-", "_"), default)

    def value(self, node: ast.AST | None, depth: int = 0) -> str | None:  # noqa: C901 - one case per form
        if node is None or depth > 12:
            return None
        v = literal(node, self.src.consts)
        if isinstance(v, str):
            return v
        if isinstance(node, ast.Name):
            if node.id == "__file__":
                return self.src.file
            return self.value(self.names.get(node.id), depth + 1)
        if isinstance(node, ast.Attribute):
            if node.attr == "parent":
                base = self.value(node.value, depth + 1)
                return posixpath.dirname(base) if base is not None else None
            if isinstance(node.value, ast.Name) and node.attr in self.args:
                return self.value(self.args[node.attr], depth + 1)
            return self.value(self.names.get(node.attr), depth + 1)
        if isinstance(node, ast.JoinedStr):
            parts = []
            for p in node.values:
                part = self.value(p.value if isinstance(p, ast.FormattedValue) else p, depth + 1)
                if part is None:
                    return None
                parts.append(part)
            return "".join(parts)
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Div, ast.Add)):
            a, b = self.value(node.left, depth + 1), self.value(node.right, depth + 1)
            if a is None or b is None:
                return None
            return posixpath.join(a, b) if isinstance(node.op, ast.Div) else a + b
        if isinstance(node, ast.Subscript):
            if isinstance(node.value, ast.Attribute) and node.value.attr == "parents":
                base, k = self.value(node.value.value, depth + 1), literal(node.slice)
                if base is None or not isinstance(k, int):
                    return None
                for _ in range(k + 1):
                    base = posixpath.dirname(base)
                return base
            key = literal(node.slice, self.src.consts)
            holder = self.names.get(node.value.id) if isinstance(node.value, ast.Name) else None
            if isinstance(holder, ast.Dict) and isinstance(key, str):
                for k, val in zip(holder.keys, holder.values, strict=False):
                    if k is not None and literal(k) == key:
                        return self.value(val, depth + 1)
            return None
        if isinstance(node, ast.Call):
            tail = call_tail(node) or ""
            if tail == "join" and dotted(node.func) in ("os.path.join", "path.join", "posixpath.join"):
                joined = [self.value(a, depth + 1) for a in node.args]
                parts = [p for p in joined if p is not None]
                return posixpath.join(*parts) if parts and len(parts) == len(joined) else None
            if tail in ("Path", "PurePath", "PosixPath", "abspath", "realpath", "normpath", "expanduser") and node.args:
                return self.value(node.args[0], depth + 1)
            if tail == "dirname" and node.args:
                base = self.value(node.args[0], depth + 1)
                return posixpath.dirname(base) if base is not None else None
            if tail in ("resolve", "absolute", "expanduser") and isinstance(node.func, ast.Attribute):
                return self.value(node.func.value, depth + 1)
            if tail == "joinpath" and isinstance(node.func, ast.Attribute):
                joined = [self.value(node.func.value, depth + 1)] + [self.value(a, depth + 1) for a in node.args]
                parts = [p for p in joined if p is not None]
                return posixpath.join(*parts) if len(parts) == len(joined) else None
        return None

    def data_paths(self) -> list[str]:
        """Every expression of the file that evaluates to a data-file path, longest first."""
        out, dirs = set(), set()
        for node in self.src.of_type(ast.Constant, ast.BinOp, ast.Call, ast.JoinedStr):
            v = self.value(node)
            if isinstance(v, str) and v.lower().endswith(DATA_EXT):
                out.add(v)
        for st in self.src.tree.body:  # DATA = Path("data") … read_csv(DATA / name)
            if isinstance(st, ast.Assign) and not isinstance(st.value, ast.Constant):
                v = self.value(st.value)
                if isinstance(v, str) and v and "." not in posixpath.basename(v):
                    dirs.add(v)
        out |= {posixpath.join(d, p) for d in dirs for p in out if "/" not in p}
        return sorted(out, key=len, reverse=True)


def code_targets(sources: list[Source]) -> set[str]:
    """Column names the code uses as the label beyond ``program.target_keys``: the second
    element of ``return X, df["col"]``, ``stratify=df["col"]``, ``LABEL = "col"``."""
    out: set[str] = set()
    for src in sources:
        for node in src.of_type(ast.Dict, ast.Assign, ast.Return, ast.keyword):
            cand = []
            if isinstance(node, ast.Dict):  # CONFIG = {"target": "defaulted", ...}
                for k, v in zip(node.keys, node.values, strict=False):
                    key, val = literal(k), literal(v)
                    if isinstance(key, str) and isinstance(val, str) and is_target_name(key):
                        out.add(val)
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Tuple):
                tgt, value = node.targets[0], node.value
                if isinstance(value, ast.Tuple) and len(value.elts) == len(tgt.elts):
                    cand += [
                        v
                        for t, v in zip(tgt.elts, value.elts, strict=False)
                        if isinstance(t, ast.Name) and is_target_name(t.id)
                    ]
            if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) and len(node.value.elts) == 2:
                cand.append(node.value.elts[1])
            elif isinstance(node, ast.keyword) and node.arg == "stratify":
                cand.append(node.value)
            for c in cand:
                while isinstance(c, (ast.Call, ast.Attribute)):
                    c = c.func if isinstance(c, ast.Call) else c.value
                if isinstance(c, ast.Subscript):
                    key = literal(c.slice, src.consts)
                    if isinstance(key, str):
                        out.add(key)
        out |= {v for k, v in src.consts.items() if isinstance(v, str) and is_target_name(k)}
    return out
