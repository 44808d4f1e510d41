"""The labelled lint corpus (``tests/data/lint/corpus``): load it, lint it, score it.

Layout: ``<root>/<family>/<case>`` where a case is one file ``pos_x.py`` / ``neg_x.py`` or a
directory ``pos_x/`` / ``neg_x/`` (a small project, data files included, linted as one). Labels
are comment lines in the case's ``.py`` files::

    # expect: DATA_LEAKAGE            a bug of this code somewhere in the case
    # expect: DATA_LEAKAGE@14         ... on line 14 of this file
    # expect: DATA_LEAKAGE@12-16      ... on lines 12-16 of this file
    # expect: NONE                    a clean case

Scoring: each case is linted on its own (``lint_paths([case])``, default threshold). A positive
case is *detected* when a finding carries one of its expected codes, and *localised* when, for a
code with labelled lines, such a finding overlaps them ±2 lines. Each distinct expected code
reported is a true positive; each distinct code reported that is not expected is a false
positive. Recall = detected positives / positives; precision = TP / (TP + FP).

The floor file (``tests/data/lint/corpus-floor.json``) records the figures once reached and the
cases they were measured on; ``ratchet`` checks today's figures on those cases, so adding
harder cases never breaks it, and ``raise_floor`` only ever raises a figure on a fixed set.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .base import BUG_CODES, Finding

FAMILIES = (
    "temporal-leakage", "split-leakage", "preprocessing-leakage", "target-stats-leakage", "selection-leakage",
    "target-in-features", "encoding", "scaling", "imbalance", "outlier", "overfitting", "underfitting",
)  # fmt: skip
NEAR = 2  # a finding within this many lines of a labelled line localises it
_EXPECT = re.compile(r"^\s*#\s*expect:\s*(?P<label>.*?)\s*$")
_LABEL = re.compile(r"(?P<code>[A-Z_]+)(?:@(?P<start>\d+)(?:-(?P<end>\d+))?)?")

Linter = Callable[[Sequence[Path]], list[Finding]]


@dataclass(frozen=True)
class Label:
    code: str  # a bug code, or NONE
    file: Path  # the file holding the label (lines refer to it)
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Case:
    family: str
    name: str  # pos_x / neg_x (no .py)
    path: Path  # the file or directory linted
    labels: tuple[Label, ...]
    problems: tuple[str, ...] = ()  # why the case is not well-formed (empty when it is)

    @property
    def key(self) -> str:
        return f"{self.family}/{self.name}"

    @property
    def expected(self) -> frozenset[str]:
        return frozenset(lb.code for lb in self.labels if lb.code != "NONE")

    @property
    def positive(self) -> bool:
        return bool(self.expected)


@dataclass(frozen=True)
class CaseResult:
    case: Case
    findings: tuple[Finding, ...]
    detected: bool  # a positive case with an expected code reported
    localised: bool | None  # None when no expected code of the case has labelled lines, or not detected
    true_codes: frozenset[str]
    false_codes: frozenset[str]


@dataclass
class Score:
    cases: int = 0
    positives: int = 0
    detected: int = 0
    tp: int = 0
    fp: int = 0
    located: int = 0  # detected positives with labelled lines
    localised: int = 0

    def add(self, r: CaseResult) -> None:
        self.cases += 1
        self.positives += r.case.positive
        self.detected += r.detected
        self.tp += len(r.true_codes)
        self.fp += len(r.false_codes)
        self.located += r.localised is not None
        self.localised += bool(r.localised)

    @property
    def recall(self) -> float | None:
        return self.detected / self.positives if self.positives else None

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def localisation(self) -> float | None:
        return self.localised / self.located if self.located else None


@dataclass
class Report:
    results: list[CaseResult]
    families: dict[str, Score] = field(default_factory=dict)
    overall: Score = field(default_factory=Score)

    @property
    def misses(self) -> list[CaseResult]:
        return [r for r in self.results if r.case.positive and not r.detected]

    @property
    def false_positives(self) -> list[CaseResult]:
        return [r for r in self.results if r.false_codes]


# --- loading -------------------------------------------------------------------------------


def load_corpus(root: str | Path) -> list[Case]:
    """Every case under ``root``, sorted by family and name; malformed ones carry ``problems``."""
    root = Path(root)
    cases = []
    for fam in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        for entry in sorted(fam.iterdir()):
            if entry.name.startswith((".", "_")) or (entry.is_file() and entry.suffix != ".py"):
                continue
            cases.append(load_case(fam.name, entry))
    return cases


def load_case(family: str, path: Path) -> Case:
    name = path.name.removesuffix(".py") if path.is_file() else path.name
    files = [path] if path.is_file() else sorted(path.rglob("*.py"))
    labels: list[Label] = []
    problems: list[str] = []
    for f in files:
        try:
            text = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            problems.append(f"{f.name}: unreadable ({e})")
            continue
        for n, line in enumerate(text.splitlines(), 1):
            m = _EXPECT.match(line)
            if m is None:
                continue
            lb = parse_label(m["label"], f)
            if lb is None:
                problems.append(f"{f.relative_to(path.parent)}:{n}: bad label {m['label']!r}")
            else:
                labels.append(lb)
    if family not in FAMILIES:
        problems.append(f"unknown family {family!r}")
    if not name.startswith(("pos_", "neg_")):
        problems.append("name must start with pos_ or neg_")
    if not files:
        problems.append("no .py file")
    codes = {lb.code for lb in labels}
    if files and not labels:
        problems.append("no '# expect:' label")
    elif "NONE" in codes and len(codes) > 1:
        problems.append("NONE together with a bug code")
    elif name.startswith("pos_") and "NONE" in codes:
        problems.append("pos_ case labelled NONE")
    elif name.startswith("neg_") and "NONE" not in codes:
        problems.append("neg_ case not labelled NONE")
    return Case(family, name, path, tuple(labels), tuple(problems))


def parse_label(text: str, file: Path) -> Label | None:
    m = _LABEL.fullmatch(text)
    if m is None or (m["code"] not in BUG_CODES and m["code"] != "NONE") or (m["code"] == "NONE" and m["start"]):
        return None
    start = int(m["start"]) if m["start"] else None
    end = int(m["end"]) if m["end"] else start
    if start is not None and (start < 1 or end is None or end < start):
        return None
    return Label(m["code"], file, start, end)


# --- scoring -------------------------------------------------------------------------------


def default_linter(paths: Sequence[Path]) -> list[Finding]:
    from . import lint_paths

    return lint_paths(paths)


def score_case(case: Case, lint: Linter = default_linter) -> CaseResult:
    findings = tuple(lint([case.path]))
    reported = {f.code for f in findings}
    expected = case.expected
    true_codes = frozenset(reported & expected)
    detected = case.positive and bool(true_codes)
    localised = None
    placed = [lb for lb in case.labels if lb.start is not None and lb.code in true_codes]
    if detected and placed:
        localised = any(overlaps(f, lb) for lb in placed for f in findings if f.code == lb.code)
    return CaseResult(case, findings, detected, localised, true_codes, frozenset(reported - expected))


def overlaps(f: Finding, lb: Label) -> bool:
    assert lb.start is not None and lb.end is not None
    try:
        same = Path(f.file).resolve() == lb.file.resolve()
    except OSError:
        same = False
    return same and f.line <= lb.end + NEAR and f.end_line >= lb.start - NEAR


def score(results: Iterable[CaseResult]) -> Report:
    rep = Report(list(results))
    for r in rep.results:
        rep.families.setdefault(r.case.family, Score()).add(r)
        rep.overall.add(r)
    rep.families = dict(sorted(rep.families.items()))
    return rep


def score_corpus(root: str | Path, lint: Linter = default_linter, *, families: Iterable[str] = ()) -> Report:
    """Lint every well-formed case under ``root`` (only ``families`` when given) and score it."""
    only = set(families)
    cases = [c for c in load_corpus(root) if not c.problems and (not only or c.family in only)]
    return score(score_case(c, lint) for c in cases)


# --- presenting ----------------------------------------------------------------------------


def pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.0f}%"


def table(rep: Report) -> str:
    """The per-family table: cases, positives, recall, precision, localised."""
    head = f"{'family':<22} {'cases':>5} {'pos':>4} {'recall':>12} {'precision':>14} {'localised':>11}"
    rows = [head, "-" * len(head)]
    for name, s in [*rep.families.items(), ("overall", rep.overall)]:
        if name == "overall":
            rows.append("-" * len(head))
        rows.append(
            f"{name:<22} {s.cases:>5} {s.positives:>4} {pct(s.recall):>5} {s.detected:>3}/{s.positives:<3}"
            f"{pct(s.precision):>5} {s.tp:>3}/{s.tp + s.fp:<4} {pct(s.localisation):>5} {s.localised:>2}/{s.located:<2}"
        )
    return "\n".join(rows)


def problems_text(rep: Report, limit: int = 50) -> str:
    """The misses and false positives, one line each (what a detector author reads next)."""
    lines = []
    for r in rep.misses[:limit]:
        got = ", ".join(sorted({f"{f.code}:{f.rule}" for f in r.findings})) or "nothing"
        lines.append(f"miss  {r.case.key}  expected {'/'.join(sorted(r.case.expected))}, got {got}")
    for r in rep.false_positives[:limit]:
        why = ", ".join(sorted({f"{f.rule}@{f.line}" for f in r.findings if f.code in r.false_codes}))
        lines.append(f"false {r.case.key}  {'/'.join(sorted(r.false_codes))} ({why})")
    return "\n".join(lines)


# --- the ratchet ---------------------------------------------------------------------------


def figures(rep: Report, keys: set[str] | None = None) -> dict[str, Any]:
    """Per-family and overall precision/recall (rounded), on the cases in ``keys`` (all if None)."""
    sub = rep if keys is None else score(r for r in rep.results if r.case.key in keys)

    def fig(s: Score) -> dict[str, float | None]:
        return {k: None if v is None else round(v, 4) for k, v in (("precision", s.precision), ("recall", s.recall))}

    return {"overall": fig(sub.overall), "families": {k: fig(s) for k, s in sub.families.items()}}


def ratchet(rep: Report, floor: dict[str, Any]) -> list[str]:
    """Where today's figures, on the cases the floor was measured on, fall below the floor."""
    keys = set(floor.get("cases", []))
    now = figures(rep, keys)
    gone = sorted(keys - {r.case.key for r in rep.results})
    out = [f"case {k} is in the floor but no longer in the corpus" for k in gone]
    pairs = [("overall", floor.get("overall", {}), now["overall"])]
    pairs += [(f, v, now["families"].get(f, {})) for f, v in floor.get("families", {}).items()]
    for name, low, cur in pairs:
        for metric, value in low.items():
            if value is None:
                continue
            got = cur.get(metric)
            if got is None or got < value - 1e-9:
                out.append(f"{name} {metric}: {pct(got)} < floor {pct(value)}")
    return out


def raise_floor(rep: Report, floor: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The new floor (today's figures on today's cases) and the reasons it may not be written:
    a figure fell on the cases of the old floor."""
    problems = ratchet(rep, floor)
    new = {"comment": floor.get("comment", FLOOR_COMMENT), **figures(rep)}
    new["cases"] = sorted(r.case.key for r in rep.results)
    return new, problems


FLOOR_COMMENT = (
    "Corpus figures (tests/data/lint/corpus) the detectors have reached; tests/test_lint_corpus.py fails when "
    "they fall on the cases listed here. Raise with `.venv/bin/python bench/lint.py --update-floor`."
)
