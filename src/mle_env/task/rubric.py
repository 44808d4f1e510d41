"""The pipe-delimited rubric text: ``+5|TYPE|criterion|justification`` per line.

Same reading as the reference evaluator (points, type, criterion, justification), but
strict where it was silent: a line that starts like a criterion and does not parse is
reported with its line number instead of being skipped.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from mle_env.errors import Problem

_POINTS = re.compile(r"^\s*([+-])\s*(\d+)\s*$")


class Criterion(BaseModel):
    """One rubric line."""

    model_config = ConfigDict(frozen=True)

    points: int
    """Positive: awarded when met. Negative: a penalty for an undesirable behaviour."""
    type: str
    """The TYPE column with backticks stripped (``NO_FILE``, ``IDENTIFY_ISSUE_TYPE`` …)."""
    criterion: str
    justification: str = ""
    line: int
    """1-based line number in ``rubric_text``."""


def clean_type(raw: str) -> str:
    """``"`NO_FILE`"`` and ``"NO_FILE"`` name the same type."""
    return raw.strip().strip("`").strip()


def parse_rubric_text(text: str, where: str = "$.rubric_text") -> tuple[list[Criterion], list[Problem]]:
    """Parse every line; return the criteria and the problems (errors and warnings)."""
    criteria: list[Criterion] = []
    problems: list[Problem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith(("#", "//")):
            continue
        at = f"{where} line {number}"
        if not line.startswith(("+", "-")):
            problems.append(
                Problem(at, f"ignored: not a criterion (expected '+N|TYPE|criterion|justification'): {line[:60]!r}", "warning")
            )
            continue
        parts = line.split("|")
        if len(parts) < 3:
            problems.append(Problem(at, f"expected '±N|TYPE|criterion|justification', got {line[:80]!r}"))
            continue
        points = _POINTS.match(parts[0])
        if not points:
            problems.append(Problem(at, f"points must be a signed whole number like +5 or -3, got {parts[0].strip()!r}"))
            continue
        value = int(points.group(2)) * (-1 if points.group(1) == "-" else 1)
        ctype, ctext = clean_type(parts[1]), parts[2].strip()
        if not ctype:
            problems.append(Problem(at, "the TYPE column is empty"))
            continue
        if not ctext:
            problems.append(Problem(at, "the criterion column is empty"))
            continue
        criteria.append(
            Criterion(
                points=value,
                type=ctype,
                criterion=ctext,
                justification="|".join(parts[3:]).strip(),
                line=number,
            )
        )
    return criteria, problems


_CATEGORY_WORDS = (
    ("PENALT", "penalties"), ("IDENTIF", "identification"), ("LOCALI", "localization"), ("EXPLAN", "explanation"),
    ("PROPOS", "fix proposal"), ("IMPLEMENT", "fix implementation"), ("FORMAT", "format"), ("FILE", "output files"),
)  # fmt: skip


def category_of(ctype: str, points: int) -> str:
    """A criterion's rubric category, from its TYPE column (any negative criterion is a penalty)."""
    if points < 0:
        return "penalties"
    upper = ctype.upper()
    return next((cat for word, cat in _CATEGORY_WORDS if word in upper), "other")


def workspace_path(raw: str, task_dir: str) -> str:
    """Rubric paths in their forms (``../tasking/x``, ``/app/x``, ``./x``) as a workspace path."""
    p = raw.strip()
    for prefix in ("../tasking/", "../grading/", "./"):
        if p.startswith(prefix):
            p = p[len(prefix) :]
    top = task_dir.rstrip("/") + "/"
    if p.startswith(top):
        p = p[len(top) :]
    return p.lstrip("/")
