"""The baseline's detectors on the bundled tasks, in process (no sandbox): which code each task
gets, per true code. The same analysis the `baseline` agent runs, over the task's own files
(every .py file, and the data files the code names), so detector work can be checked in
seconds; a real run (`mle-env run --tasks-dir tasks --model baseline`) can differ where
read_file truncates a large data file.

    .venv/bin/python bench/baseline_tasks.py [--tasks-dir tasks] [-v]
"""

from __future__ import annotations

import argparse
import json
import posixpath
import sys
import time
from collections import Counter
from pathlib import Path

from mle_env.agents.detectors import best_guess, detect_project

ROOT = Path(__file__).resolve().parents[1]


def guess(task: dict) -> tuple[str, list]:
    files = task["task_files"]
    sources = {p: c for p, c in files.items() if p.endswith(".py") and isinstance(c, str)}
    code = "\n".join(sources.values())
    data = {posixpath.normpath(p): c.encode() for p, c in files.items()
            if p.lower().endswith((".csv", ".tsv")) and isinstance(c, str) and posixpath.basename(p) in code}

    def reader(path: str) -> bytes | None:
        return data.get(posixpath.normpath(path))

    findings = detect_project(sources, reader=reader)
    return best_guess(findings)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tasks-dir", default=str(ROOT / "tasks"))
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per task")
    args = ap.parse_args()
    right, total = Counter(), Counter()
    t0 = time.perf_counter()
    for path in sorted(Path(args.tasks_dir).glob("*.json")):
        task = json.loads(path.read_text())
        truth = (task.get("mle_env") or {}).get("expected_error_types") or ["NONE"]
        got, why = guess(task)
        total[truth[0]] += 1
        right[truth[0]] += got in truth
        if args.verbose:
            top = f"{why[0].rule} {why[0].file}:{why[0].line}" if why else ""
            print(f"{'ok ' if got in truth else 'XX '} {task['task_id']:<36} true {truth[0]:<14} got {got:<14} {top}")
    print(f"{'code':<16}{'right':>8}")
    for code in sorted(total):
        print(f"{code:<16}{right[code]:>4}/{total[code]}")
    print(f"{'all':<16}{sum(right.values()):>4}/{sum(total.values())}   ({time.perf_counter() - t0:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
