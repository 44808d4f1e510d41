"""Profiles of data files: a bounded sample (≤ 2 MB, ≤ 20,000 rows) of a CSV or NPY file, per
column its kind (numeric, categorical, date), range and quantiles, kurtosis, sentinel values
(-999, 9999, … repeated at the edge of an otherwise different range), cardinality, and for date
columns whether the rows are in time order. ``data.Evidence`` profiles the files the code reads.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from dataclasses import dataclass, field

MAX_BYTES = 2_000_000
MAX_ROWS = 20_000
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
