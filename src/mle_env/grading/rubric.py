"""A task's criteria, each with its category and the method that will decide it."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from mle_env.task import Check, Task, parse_rubric_text
from mle_env.task.rubric import category_of, clean_type, workspace_path

Method = Literal["file", "check", "verify", "judge"]
CATEGORIES = (
    "identification", "localization", "explanation", "fix proposal", "fix implementation",
    "format", "output files", "penalties", "other",
)  # fmt: skip
_PATH = re.compile(r"`([^`\s]*[/\\][^`\s]*)`|\bat\s+`?([^\s`]+)`?")


class Criterion(BaseModel):
    model_config = ConfigDict(frozen=True)
    index: int
    points: int
    type: str
    text: str
    category: str
    method: Method
    check: Check | None = None
    path: str | None = None
    """For ``file`` criteria: the workspace path whose existence decides it."""


def criteria_of(task: Task) -> list[Criterion]:
    """The task's criteria in order; rubric_text when present, else rubrics[]."""
    parsed, _ = parse_rubric_text(task.rubric_text)
    if parsed:
        rows = [(c.points, c.type, c.criterion) for c in parsed]
    else:
        rows = [(r.weight, clean_type(r.name), " ".join(m.content for m in r.messages)) for r in task.rubrics]
    checks: dict[int, Check] = {}
    names = [clean_type(t) for _, t, _ in rows]
    for chk in task.ext.checks:
        if chk.criterion_index is not None:
            checks[chk.criterion_index] = chk
        elif chk.criterion is not None and clean_type(chk.criterion) in names:
            checks[names.index(clean_type(chk.criterion))] = chk
    out = []
    for i, (points, ctype, text) in enumerate(rows):
        chk = checks.get(i)
        path = None
        if chk is not None:
            method: Method = "verify" if chk.check == "verify" else "check"
        elif ctype == "NO_FILE" or "exists" in text.lower():
            m = _PATH.search(text)
            path = workspace_path(m.group(1) or m.group(2), task.task_dir) if m else None
            method = "file" if path else "judge"
        else:
            method = "judge"
        out.append(
            Criterion(index=i, points=points, type=ctype, text=text, category=category_of(ctype, points),
                      method=method, check=chk, path=path)  # fmt: skip
        )
    return out
