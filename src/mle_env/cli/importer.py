"""``mle-env import TASK.json``: a reference-format task with its ``mle_env`` block drafted from the rubric."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from mle_env.errors import RunError, TaskError

if TYPE_CHECKING:
    from mle_env.grading.rubric import Criterion
    from mle_env.task import Task


def add_import_command(sub: argparse._SubParsersAction) -> None:
    """The ``import`` subcommand and its flags."""
    p = sub.add_parser("import", help="draft the mle_env block (expected code, locations, checks) of a reference-format task")
    p.add_argument("task", help="a task JSON in the reference format (no mle_env block)")
    p.add_argument("-o", "--output", help="where the drafted task goes (default: TASK's stem + .imported.json beside it)")
    p.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    p.set_defaults(func=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    from mle_env.grading.rubric import criteria_of
    from mle_env.store import write_atomic
    from mle_env.task import validate_data
    from mle_env.task.importer import draft_extension

    src = Path(args.task)
    raw, task = _read(src)
    if task.mle_env is not None:
        raise RunError(f"{src} already has an mle_env block; `mle-env import` drafts one for reference-format tasks")
    out = Path(args.output) if args.output else src.with_name(f"{src.stem}.imported.json")
    if out.exists() and not args.force:
        raise RunError(f"{out} exists; use --force to overwrite it, or -o for another file")
    block, notes = draft_extension(task)
    data = {**raw, "mle_env": block}
    drafted, problems = validate_data(data)
    errors = [p for p in problems if p.severity == "error"]
    if drafted is None or errors:  # draft_extension validates what it drafts: this is a bug, not the user's
        raise TaskError(f"{src} (drafted)", errors)
    write_atomic(out, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {out}")
    print("drafted: " + _drafted(block))
    if notes:
        print("notes:")
        for note in notes:
            print(f"  - {note}")
    print()
    print(render_table(criteria_of(task), criteria_of(drafted)), end="")
    return 0


def _read(path: Path) -> tuple[dict, Task]:
    from mle_env.task import validate_data
    from mle_env.task.load import parse_json

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RunError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise RunError(f"{path}: cannot read: {e}") from None
    raw, problem = parse_json(text)
    if problem is not None:
        raise TaskError(str(path), [problem])
    task, problems = validate_data(raw)
    errors = [p for p in problems if p.severity == "error"]
    if task is None or errors:
        raise TaskError(str(path), errors or problems)
    return raw, task


def _drafted(block: dict) -> str:
    parts = []
    if block.get("expected_error_types"):
        parts.append("expected_error_types " + ", ".join(block["expected_error_types"]))
    if block.get("bug_locations"):
        parts.append(f"{len(block['bug_locations'])} bug location(s)")
    if block.get("entrypoint"):
        parts.append(f"entrypoint `{block['entrypoint']}`")
    parts.append(f"{len(block.get('checks', []))} check(s)")
    return "; ".join(parts)


def render_table(before: list[Criterion], after: list[Criterion]) -> str:
    """Per rubric category: criteria decided offline (without a judge) before → after, criteria
    left to the judge, and points decided offline before → after; penalties after the total."""
    from mle_env.grading.rubric import CATEGORIES

    head = f"{'category':20}{'criteria':>9}{'offline':>11}{'judge-graded':>14}{'points offline':>20}\n"
    rows, total = [], [0] * 7
    for cat in CATEGORIES:
        b = [c for c in before if c.category == cat]
        a = [c for c in after if c.category == cat]
        if not a:
            continue
        row = [len(a), _offline(b), _offline(a), len(a) - _offline(a), _points(b), _points(a), sum(abs(c.points) for c in a)]
        if cat == "penalties":
            rows.append(_row("total", total))
            rows.append(_row("penalties", row))
            return head + "".join(rows)
        total = [x + y for x, y in zip(total, row)]
        rows.append(_row(cat, row))
    return head + "".join(rows) + _row("total", total)


def _row(name: str, r: list[int]) -> str:
    return f"{name:20}{r[0]:>9}{f'{r[1]} → {r[2]}':>11}{r[3]:>14}{f'{r[4]} → {r[5]} of {r[6]}':>20}\n"


def _offline(criteria: list[Criterion]) -> int:
    return sum(1 for c in criteria if c.method != "judge")


def _points(criteria: list[Criterion]) -> int:
    return sum(abs(c.points) for c in criteria if c.method != "judge")
