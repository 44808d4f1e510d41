"""Drafting the form and minimality checks of a reference-format task (part of ``mle-env import``).

The rubric lines about the report's shape, the prose fields, the revised script being whole,
locations being tight, and the fix keeping the rest of the method read the same across tasks, so
their checks are drafted from the wording: ``form_line`` for those decided by the line alone,
``after_locations`` for those that need the drafted bug locations, the expected code or the
entry script. Wording that does not match stays judge-graded, as everywhere in the importer.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from mle_env.task.rubric import workspace_path

REPORT = "response/report.json"
DATA_SUFFIXES = (".csv", ".tsv", ".parquet", ".npy", ".npz", ".feather", ".pkl", ".xlsx", ".json", ".jsonl")

_LOC_FORMAT = re.compile(r"every\s+`?locations`?\s+entry\s+is\s+an\s+object", re.IGNORECASE)
_PROSE = re.compile(r"`explanation`\s+and\s+`proposed_fix`\s+are\s+non-empty\s+prose", re.IGNORECASE)
_SHAPE = re.compile(r"plain\s+string\s+holding\s+one\s+of\s+the\s+(?:eight|8)\s+codes", re.IGNORECASE)
_STANDALONE = re.compile(r"`?((?:/app/)?response/[\w./-]+\.py)`?\s+is\s+a\s+complete\s+standalone", re.IGNORECASE)
_TIGHT = re.compile(r"tight\s+and\s+relevant|no\s+entry\s+spans?\s+more\s+than\s+\d+\s+lines", re.IGNORECASE)
_SPANS = re.compile(r"spans?\s+more\s+than\s+(\d+)\s+lines", re.IGNORECASE)
_KEEPS_REST = re.compile(r"keeps\s+the\s+rest\s+of\s+the\s+method\s+unchanged", re.IGNORECASE)
_KEEPS_ORIGINAL = re.compile(r"`?revised_code\.py`?\s+keeps\s+the\s+original\s+method", re.IGNORECASE)
_SAYS_NO_CHANGE = re.compile(r"says\s+no\s+change\s+is\s+needed", re.IGNORECASE)


class _LineLike(Protocol):
    index: int
    text: str
    category: str


class _DraftLike(Protocol):
    task: Any
    files: dict[str, str]
    codes: list[str]
    locations: list[dict[str, Any]]
    checks: list[dict[str, Any]]

    def check(self, line: Any, kind: str, args: dict[str, Any]) -> None: ...


def form_line(d: _DraftLike, line: _LineLike) -> bool:
    """Draft the check of a format/output-file line decided by its wording alone."""
    text = line.text
    if _LOC_FORMAT.search(text):
        d.check(line, "locations_format", {"path": REPORT})  # ``nonempty`` is set once the code is known
    elif _PROSE.search(text):
        d.check(line, "prose_fields", {"path": REPORT})
    elif _SHAPE.search(text):
        d.check(line, "report_shape", {"path": REPORT})
    else:
        return False
    return True


def after_locations(d: _DraftLike, lines: list[Any], entry: str | None) -> list[str]:
    """Draft the checks that need the bug locations, the expected code or the entry script; the
    notes on what must be written by hand instead."""
    notes: list[str] = []
    done = {c["criterion_index"] for c in d.checks}
    buggy = bool(d.codes) and "NONE" not in d.codes
    none_task = d.codes == ["NONE"]
    original = entry.split()[1] if entry else None
    for c in d.checks:
        if c["check"] == "locations_format" and buggy:
            c["args"]["nonempty"] = True
    for line in (ln for ln in lines if ln.index not in done and ln.points > 0):
        text = line.text
        if line.category == "localization" and _TIGHT.search(text) and buggy and d.locations:
            limit = _SPANS.search(text)
            d.check(line, "locations_tight", {"path": REPORT, "bugs": [dict(b) for b in d.locations], "slack": 5,
                                              "max_lines": int(limit.group(1)) if limit else 15})  # fmt: skip
        elif original is None:
            if _STANDALONE.search(text) or _KEEPS_REST.search(text) or _KEEPS_ORIGINAL.search(text):
                notes.append(f"criterion [{line.index}] compares the revised script with the original; "
                             "set mle_env.entrypoint and draft again, or write its check by hand")  # fmt: skip
        elif m := _STANDALONE.search(text):
            data = sorted(f for f in d.files if f.lower().endswith(DATA_SUFFIXES) and not f.startswith("response/"))
            d.check(line, "standalone_script", {"path": workspace_path(m.group(1), d.task.task_dir),
                                                "original": original, "data_files": data})  # fmt: skip
        elif _KEEPS_REST.search(text) and buggy:
            # Which lines a right fix may change is not in the rubric (a fix often reaches past the bug's
            # own lines: the CV loop, a helper); drafting it from the bug locations would fail right fixes.
            notes.append(f"criterion [{line.index}] (the fix keeps the rest of the method) can be a "
                         "`revised_keeps_method` check: list in `bugs` every range a right fix may change")  # fmt: skip
        elif _KEEPS_ORIGINAL.search(text) and none_task:
            d.check(line, "revised_keeps_method", {"path": "response/revised_code.py", "original": original,
                                                   "budget": 2, "must_change": False})  # fmt: skip
        elif _SAYS_NO_CHANGE.search(text) and none_task:
            d.check(line, "no_change_proposed", {"path": REPORT, "revised": "response/revised_code.py",
                                                 "original": original})  # fmt: skip
    return notes


__all__ = ["after_locations", "form_line"]
