"""Write docs/tasks.md: the catalogue (from tasks/sources/_catalogue/*.md rows) and the authoring guide.

    .venv/bin/python tasks/sources/catalogue.py

Only tasks that exist as tasks/<id>.json are listed; the build fails if a bundled task has no row.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
ORDER = ["DATA_LEAKAGE", "OUTLIER", "SCALING_ERROR", "ENCODING_ERROR", "IMBALANCE", "OVERFITTING", "UNDERFITTING", "NONE"]

HEAD = """# The task suite (maintainers only)

> **Reading this file spoils the benchmark.** It names every task's bug. Agents under
> evaluation must never see it, nor `tasks/sources/`, nor the `mle_env` key of a task file
> (the harness strips that key before an agent sees a task).

{n} tasks, {counts}. Every task passes `mle-env validate` (CI runs it over the whole suite):
its original code runs in the sandbox in under 30 s, its hidden verification rejects the
original and accepts the reference solution (a `NONE` task's verification accepts the
original), the oracle earns every point that needs no judge and an empty workspace none,
and its files stay under 1 MB.

Difficulty is the author's estimate: *easy* — one look at the right function shows it;
*medium* — the symptom is in the numbers, the cause takes reading two places; *hard* — the
code looks idiomatic and the cause only shows in the data or in a run.

## Catalogue

| id | code | difficulty | data | the bug, and its measured effect |
|---|---|---|---|---|
"""


def main() -> None:
    tasks = {p.stem: json.loads(p.read_text()) for p in sorted((REPO / "tasks").glob("*.json"))}
    rows: dict[str, str] = {}
    for f in sorted((HERE / "_catalogue").glob("*.md")):
        for line in f.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) >= 5 and cells[0] in tasks:
                rows[cells[0]] = line.strip()
    missing = sorted(set(tasks) - set(rows))
    if missing:
        sys.exit(f"catalogue.py: no catalogue row for {', '.join(missing)}")
    code = {t: tasks[t]["mle_env"]["expected_error_types"][0] for t in tasks}
    counts = Counter(code.values())
    ordered = sorted(rows, key=lambda t: (ORDER.index(code[t]), t))
    guide = (HERE / "README.md").read_text(encoding="utf-8").split("\n", 1)[1].replace("\n## ", "\n### ")
    text = HEAD.format(n=len(tasks), counts=", ".join(f"{counts[c]} {c}" for c in ORDER))
    text += "\n".join(rows[t] for t in ordered) + "\n\n"
    if (history := HERE / "_catalogue" / "history.md").is_file():  # relabellings and prompt changes, by issue
        text += history.read_text(encoding="utf-8").rstrip() + "\n\n"
    text += "## Writing a new task\n" + guide
    (REPO / "docs" / "tasks.md").write_text(text, encoding="utf-8")
    print(f"wrote docs/tasks.md: {len(rows)} tasks")


if __name__ == "__main__":
    main()
