"""Static ML-bug detectors: AST + a small dataflow analysis over scikit-learn/pandas code.

    detect(source, filename)        findings in one file
    detect_project({path: source})  findings across files (helpers imported from each other)
    lint_paths(paths)               findings in every .py file under the given paths
    best_guess(findings)            the one bug code to report (or "NONE") and its findings

Each finding carries one of the seven bug codes, a rule id, a location, a message, a
confidence in [0, 1] and a one-sentence fix. Findings below ``min_confidence`` (0.5 by
default) are hints and are left out unless asked for. Nothing here reads task ids or runs
the project's code. Data files the code reads are profiled (a bounded sample) when a
``reader`` (project-relative path → bytes or None) is given: ``lint_paths`` reads from disk,
the baseline agent through the sandbox tools; ``data`` turns them into evidence (class
balance, tails and sentinels, ranges, cardinality) for the rules that can use it.

Modules: ``source`` (a parsed file), ``values``/``flow``/``calls``/``program`` (the dataflow:
which rows each value comes from — full data, a train or a test part — and which fits it went
through, with calls into the analysed files inlined), ``catalog`` (what sklearn classes are),
and one module of rules per bug family: ``leakage``, ``target_leak``, ``encoding``,
``scaling``, ``imbalance``, ``capacity``, ``generalisation``, ``outliers``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from . import (
    capacity,
    encoding,
    generalisation,
    imbalance,
    leakage,
    outliers,
    scaling,
    selection,
    target_leak,
    temporal,
)
from .base import BUG_CODES, Finding
from .data import Evidence, Reader
from .program import Analysis
from .source import Source

__all__ = ["BUG_CODES", "Finding", "best_guess", "detect", "detect_project", "lint_paths"]

RULES = (leakage, target_leak, temporal, selection, encoding, scaling, imbalance, capacity, generalisation, outliers)
# Rule modules whose ``check(an, data)`` also takes the data evidence.
DATA_AWARE = (temporal, encoding, scaling, imbalance, capacity, generalisation, outliers)
SKIP_DIRS = {".git", ".venv", "venv", "__pycache__", "node_modules", "site-packages", ".tox", ".mypy_cache"}


def detect(source: str, filename: str = "<string>", *, min_confidence: float = 0.5) -> list[Finding]:
    """Findings in one file, sorted by line. A file that does not parse gives no findings."""
    return detect_project({filename: source}, min_confidence=min_confidence)


def detect_project(
    sources: dict[str, str], *, min_confidence: float = 0.5, reader: Reader | None = None, data_root: str = ""
) -> list[Finding]:
    """Findings across several files analysed together, sorted by file and line. ``reader``
    gives the bytes of a data file by its path (relative to ``data_root`` and the sources'
    names), or None; without it no data file is read."""
    parsed = []
    for name, text in sources.items():
        try:
            parsed.append(Source(text, name))
        except (SyntaxError, ValueError):
            continue
    if not parsed:
        return []
    try:
        an = Analysis(parsed)
    except RecursionError:  # absurdly deep code: no opinion rather than a crash
        return []
    data = Evidence(parsed, reader, data_root, an.target_keys)
    found: dict[tuple, Finding] = {}
    for rules in RULES:
        for f in rules.check(an, data) if rules in DATA_AWARE else rules.check(an):
            key = (f.code, f.rule, f.file, f.line, f.end_line)
            if key not in found or found[key].confidence < f.confidence:
                found[key] = f
    merged = merge_adjacent(list(found.values()))
    return [f for f in merged if f.confidence >= min_confidence]


def lint_paths(paths: Iterable[str | os.PathLike], *, min_confidence: float = 0.5) -> list[Finding]:
    """Findings in every ``.py`` file under ``paths`` (files or directories), analysed as
    one project; file names are reported as found (``dir/sub/file.py``)."""
    files: list[Path] = []
    given = [Path(p) for p in paths]
    for p in given:
        if p.is_dir():
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                files += [Path(root) / n for n in sorted(names) if n.endswith(".py")]
        elif p.is_file():
            files.append(p)
    sources = {}
    for f in files:
        try:
            sources[str(f)] = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
    roots = [str(p) if p.is_dir() else str(p.parent) for p in given]
    return detect_project(sources, min_confidence=min_confidence, reader=read_disk, data_root=roots[0] if roots else "")


def read_disk(path: str) -> bytes | None:
    """The first bytes of a data file on disk (a bounded read), or None."""
    from .profiles import MAX_BYTES

    try:
        with open(path or ".", "rb") as fh:
            return fh.read(MAX_BYTES + 1)
    except OSError:
        return None


def best_guess(findings: list[Finding], *, min_confidence: float = 0.5) -> tuple[str, list[Finding]]:
    """The one code to report and its findings (most confident first), or ``("NONE", [])``."""
    strong = sorted(
        (f for f in findings if f.confidence >= min_confidence), key=lambda f: (-f.confidence, f.file, f.line)
    )
    if not strong:
        return "NONE", []
    code = strong[0].code
    return code, [f for f in strong if f.code == code]


def merge_adjacent(findings: list[Finding], gap: int = 2, max_span: int = 12) -> list[Finding]:
    """Join findings of one rule in one function whose line ranges touch (a scaler fitted on
    line 43 and a selector on line 45 are one leaking step, reported as 42-45)."""
    out: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.file, f.function or "", f.rule, f.line, f.end_line)):
        prev = out[-1] if out else None
        if (
            prev is not None
            and (prev.file, prev.function, prev.rule, prev.code) == (f.file, f.function, f.rule, f.code)
            and f.line <= prev.end_line + gap + 1
            and max(prev.end_line, f.end_line) - prev.line < max_span
        ):
            best = prev if prev.confidence >= f.confidence else f
            out[-1] = replace(
                best,
                line=prev.line,
                end_line=max(prev.end_line, f.end_line),
                confidence=max(prev.confidence, f.confidence),
            )
        else:
            out.append(f)
    return sorted(out, key=lambda f: f.sort_key)
