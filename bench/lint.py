"""The linter on its labelled corpus, and how fast it lints a 10,000-line project.

    .venv/bin/python bench/lint.py [--corpus tests/data/lint/corpus] [--lines 10000] [--misses]
    .venv/bin/python bench/lint.py --update-floor     raise tests/data/lint/corpus-floor.json
    .venv/bin/python bench/lint.py --corpus tests/data/lint/holdout --update-floor   (holdout-floor.json)

Prints the per-family table (cases, positives, recall, precision, localised; see
``mle_env.agents.detectors.corpus`` for how each is counted) against the issue's targets
(precision >= 95 %, recall >= 85 %, no family below 70 % recall), then the time to lint a
generated project: the corpus's files copied into a temp dir (each case in its own directory,
data files included) until it holds ``--lines`` lines, linted as one project on one core
(best of 3; wall and CPU seconds; target < 5 s). ``--misses`` lists the missed positives and
the false positives. ``--update-floor`` writes today's figures as the ratchet's floor, refusing
when a figure fell on the cases of the old floor (tests/test_lint_corpus.py checks it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "lint" / "corpus"
FLOOR = ROOT / "tests" / "data" / "lint" / "corpus-floor.json"
TARGET_PRECISION, TARGET_RECALL, TARGET_FAMILY_RECALL = 0.95, 0.85, 0.70


def targets(rep) -> str:
    from mle_env.agents.detectors.corpus import pct

    o = rep.overall
    low = [f"{name} {pct(s.recall)}" for name, s in rep.families.items() if (s.recall or 0) < TARGET_FAMILY_RECALL]
    return (
        f"targets: precision {pct(o.precision)} (>= 95%), recall {pct(o.recall)} (>= 85%), "
        f"families below 70% recall: {', '.join(low) or 'none'}"
    )


def build_project(corpus: Path, dest: Path, lines: int) -> tuple[int, int]:
    """Copy corpus cases into ``dest`` (one directory each, repeated if needed) until the
    ``.py`` files hold at least ``lines`` lines. Returns (files, lines)."""
    cases = sorted(p for fam in corpus.iterdir() if fam.is_dir() for p in fam.iterdir() if not p.name.startswith("."))
    if not cases:
        raise SystemExit(f"no cases under {corpus}")
    n_files = n_lines = k = 0
    while n_lines < lines:
        case = cases[k % len(cases)]
        target = dest / f"pkg{k // len(cases)}" / case.parent.name.replace("-", "_") / case.name
        if case.is_dir():
            shutil.copytree(case, target)
        else:
            target.mkdir(parents=True)
            shutil.copy(case, target / case.name)
        for py in target.rglob("*.py"):
            n_files += 1
            n_lines += len(py.read_text(encoding="utf-8").splitlines())
        k += 1
    return n_files, n_lines


def time_lint(project: Path, runs: int = 3) -> tuple[float, float, int]:
    from mle_env.agents.detectors import lint_paths

    best_wall = best_cpu = float("inf")
    found = 0
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        found = len(lint_paths([project]))
        best_wall, best_cpu = min(best_wall, time.perf_counter() - w), min(best_cpu, time.process_time() - c)
    return best_wall, best_cpu, found


def floor_of(corpus: Path) -> Path:
    """Each labelled set has its floor beside it: corpus → corpus-floor.json, holdout → holdout-floor.json."""
    return corpus.parent / f"{corpus.name}-floor.json"


def update_floor(rep, floor: Path = FLOOR) -> int:
    from mle_env.agents.detectors.corpus import raise_floor

    old = json.loads(floor.read_text()) if floor.exists() else {}
    new, problems = raise_floor(rep, old)
    if problems:
        print("not written: figures fell below the floor on its cases:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    floor.write_text(json.dumps(new, indent=2) + "\n")
    print(f"wrote {floor.relative_to(ROOT)} ({len(new['cases'])} cases)")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--lines", type=int, default=10_000, help="size of the generated project (default 10000)")
    ap.add_argument("--misses", action="store_true", help="list missed positives and false positives")
    ap.add_argument("--update-floor", action="store_true", help="raise the ratchet's floor to today's figures")
    ap.add_argument("--no-timing", action="store_true")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):  # one core, as the target says
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    from mle_env.agents.detectors.corpus import load_corpus, problems_text, score_corpus, table

    bad = [c for c in load_corpus(args.corpus) if c.problems]
    t0 = time.perf_counter()
    rep = score_corpus(args.corpus)
    print(f"corpus {args.corpus.relative_to(ROOT) if args.corpus.is_relative_to(ROOT) else args.corpus}: "
          f"{rep.overall.cases} cases scored in {time.perf_counter() - t0:.1f}s"
          + (f", {len(bad)} malformed left out" if bad else ""))  # fmt: skip
    print(table(rep))
    print(targets(rep))
    if args.misses:
        print(problems_text(rep, limit=1000))
        for c in bad:
            print(f"malformed {c.key}: {'; '.join(c.problems)}")
    if args.update_floor:
        return update_floor(rep, floor_of(args.corpus.resolve()))
    if not args.no_timing:
        with tempfile.TemporaryDirectory() as tmp:
            files, lines = build_project(args.corpus, Path(tmp), args.lines)
            wall, cpu, found = time_lint(Path(tmp))
        verdict = "ok" if wall < 5 else "over the 5 s target"
        print(f"\nlint of a {lines}-line project ({files} files), one core, best of 3: "
              f"{wall:.2f}s wall, {cpu:.2f}s CPU, {found} findings ({verdict})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
