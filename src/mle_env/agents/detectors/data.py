"""Data-aware evidence: what the project's data files show, without running the project's code.

``Evidence(sources, reader)`` finds where the code reads a data file (``pd.read_csv``,
``read_table``, ``np.load``/``loadtxt``/``genfromtxt``, ``open`` + ``csv``), resolves the path
(literals, module constants, ``os.path.join``, pathlib ``/``, ``Path(__file__).parents[k]``,
f-strings over constants, argparse and parameter defaults), asks ``reader`` for the bytes and
profiles a bounded sample (≤ 2 MB, ≤ 20,000 rows): per column its kind (numeric, categorical,
date), range and quantiles, kurtosis, sentinel values (-999, 9999, … repeated at the edge of an
otherwise different range), cardinality, and for date columns whether the rows are in time
order. The target column is inferred from the code (``y = df["col"]``, ``df.pop(LABEL)``,
``return X, df["col"]``, ``stratify=df["col"]``). Pickle is never loaded; parquet is skipped
(no reader without pyarrow). Paths are project-relative POSIX strings; ``reader`` returns None
for a file it cannot give.
"""

from __future__ import annotations

import ast
import csv
import io
import math
import posixpath
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .base import call_tail, dotted, is_target_name, literal
from .source import Source

Reader = Callable[[str], "bytes | None"]
MAX_BYTES = 2_000_000
MAX_ROWS = 20_000
DATA_EXT = (".csv", ".tsv", ".txt", ".npy", ".csv.gz")
READERS = {"read_csv", "read_table", "loadtxt", "genfromtxt", "load", "open", "read_parquet", "read_feather"}
NA = {"", "na", "nan", "null", "none", "n/a", "?", "-", "NA", "NaN"}
SENTINELS = (-99999.0, -9999.0, -999.0, -99.0, 999.0, 9999.0, 99999.0, 999999.0, -1.0)
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?")


@dataclass
class Column:
    name: str
    kind: str  # "num", "cat" or "date"
    n: int = 0
    missing: int = 0
    n_unique: int = 0
    counts: Counter = field(default_factory=Counter)  # value counts when few distinct values
    lo: float = math.nan
    hi: float = math.nan
    p01: float = math.nan
    p50: float = math.nan
    p99: float = math.nan
    kurtosis: float = math.nan
    sentinels: tuple[tuple[float, int], ...] = ()  # (value, rows)
    ordered: bool = False  # dates: rows already in time order
    multi_valued: float = 0.0  # categorical: share of values holding a list ("a;b")

    @property
    def minority_share(self) -> float | None:
        """Share of the rarest class for a column with 2-20 distinct values."""
        if not 2 <= len(self.counts) <= 20 or self.n_unique > 20:
            return None
        return min(self.counts.values()) / max(1, sum(self.counts.values()))

    @property
    def class_ratio(self) -> float | None:
        """Rarest over most common class count, for a label with 2-20 distinct values."""
        if self.minority_share is None:
            return None
        return min(self.counts.values()) / max(self.counts.values())

    @property
    def heavy_tail(self) -> float:
        """How far the top of the column lies beyond its bulk: max/p99 and p99/median spread."""
        if self.kind != "num" or not self.p50 == self.p50 or self.n_unique < 10:
            return 0.0
        spread = self.p99 - self.p50
        if spread <= 0:
            return 0.0
        tail = (self.hi - self.p50) / spread
        bulk = self.p99 / self.p50 if self.p50 > 0 and self.p01 >= 0 else 0.0
        return max(tail, bulk / 5)

    @property
    def magnitude(self) -> float:
        """Typical absolute size of the values (p99 of |x| if known)."""
        vals = [abs(v) for v in (self.p01, self.p99) if v == v]
        return max(vals) if vals else 0.0


@dataclass
class Table:
    path: str
    rows: int
    truncated: bool
    columns: dict[str, Column]


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


# --- loading and profiling ---------------------------------------------------------------


def profile(path: str, raw: bytes) -> Table | None:
    truncated = len(raw) > MAX_BYTES
    raw = raw[:MAX_BYTES]
    try:
        if path.lower().endswith(".npy"):
            return npy_table(path, raw)
        return csv_table(path, raw, truncated)
    except (ValueError, TypeError, csv.Error, UnicodeDecodeError, OverflowError):
        return None


def csv_table(path: str, raw: bytes, truncated: bool) -> Table | None:
    text = raw.decode("utf-8", errors="replace")
    if truncated:
        text = text[: text.rfind("\n") + 1]
    first = text[: text.find("\n")] if "\n" in text else text
    delim = max(",;\t|", key=first.count)
    if not first.count(delim):
        return None
    rows = csv.reader(io.StringIO(text), delimiter=delim)
    header = next(rows, None)
    if not header:
        return None
    kept: list[list[str]] = []
    for row in rows:
        if len(row) != len(header):
            continue  # a truncation marker or a ragged line
        kept.append(row)
        if len(kept) >= MAX_ROWS:
            truncated = True
            break
    n = len(kept)
    if n == 0:
        return None
    cells = [list(vals) for vals in zip(*kept, strict=True)]  # every kept row has len(header) cells
    cols = {name.strip(): column(name.strip(), vals) for name, vals in zip(header, cells, strict=False)}
    return Table(path, n, truncated, cols)


def npy_table(path: str, raw: bytes) -> Table | None:
    import numpy as np

    arr = np.load(io.BytesIO(raw), allow_pickle=False)
    if arr.ndim == 1:
        arr = arr.reshape(-1, 1)
    if arr.ndim != 2 or arr.dtype.kind not in "iufb":
        return None
    arr = arr[:MAX_ROWS]
    cols = {str(i): column(str(i), [repr(float(x)) for x in arr[:, i]]) for i in range(min(arr.shape[1], 200))}
    return Table(path, arr.shape[0], False, cols)


def column(name: str, vals: list[str]) -> Column:
    present = [v for v in (v.strip() for v in vals) if v not in NA]
    nums = []
    most = len(present)  # how many values could still parse as numbers
    for v in present:
        try:
            nums.append(float(v))
        except ValueError:
            most -= 1
            if most < 0.95 * len(present):  # cannot be a numeric column any more
                break
    missing = len(vals) - len(present)
    if present and len(nums) >= 0.95 * len(present):
        return numeric(name, nums, missing)
    uniq = Counter(present)
    if present and sum(1 for v in present[:200] if DATE.match(v)) >= 0.9 * min(200, len(present)):
        ordered = sum(a <= b for a, b in zip(present, present[1:], strict=False)) >= 0.98 * (len(present) - 1)
        return Column(name, "date", len(present), missing, len(uniq), ordered=ordered)
    multi = sum(1 for v in present if re.search(r"[;|]|, ", v)) / max(1, len(present))
    return Column(
        name, "cat", len(present), missing, len(uniq), Counter(dict(uniq.most_common(50))), multi_valued=multi
    )


def numeric(name: str, nums: list[float], missing: int) -> Column:
    import numpy as np

    a = np.asarray([x for x in nums if math.isfinite(x)], dtype=float)
    if a.size == 0:
        return Column(name, "num", 0, missing)
    uniq, counts = np.unique(a, return_counts=True)
    c = Column(name, "num", int(a.size), missing, int(uniq.size))
    if uniq.size <= 20:
        c.counts = Counter({float(u): int(k) for u, k in zip(uniq, counts, strict=False)})
    c.sentinels = sentinels(a, dict(zip(uniq.tolist(), counts.tolist(), strict=False)))
    rest = a[~np.isin(a, [s for s, _ in c.sentinels])] if c.sentinels else a
    if rest.size == 0:
        rest = a
    c.lo, c.hi = float(rest.min()), float(rest.max())
    c.p01, c.p50, c.p99 = (float(x) for x in np.percentile(rest, [1, 50, 99]))
    sd = float(rest.std())
    c.kurtosis = float(((rest - rest.mean()) ** 4).mean() / sd**4 - 3) if sd > 0 else 0.0
    return c


def sentinels(a, counts: dict[float, int]) -> tuple[tuple[float, int], ...]:
    """Placeholder values: a code like -999/9999 (or -1 in a positive column) repeated at least
    3 times, lying outside the range the other values keep to."""
    import numpy as np

    out = []
    for s in SENTINELS:
        k = counts.get(s, 0)
        if k < 3 or k > 0.5 * a.size:
            continue
        rest = a[a != s]
        if rest.size < 10:
            continue
        lo, hi = np.percentile(rest, [0.5, 99.5])
        span = max(hi - lo, 1e-9)
        if s == -1.0:
            if rest.min() >= 0 and hi > 1:
                out.append((s, k))
        elif s > hi + 0.5 * span or s < lo - 0.5 * span:
            out.append((s, k))
    return tuple(out)
