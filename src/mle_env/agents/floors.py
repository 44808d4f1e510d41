"""Floor strategies: what a score is worth when no diagnosis was made at all.

A leaderboard is only meaningful above these (docs/grading.md, "Floors"). Each reads the
task as any agent may (never its hidden data) and answers the same way on every task:

- ``constant:CODE`` — a report naming CODE with no locations, and the original entry
  script (named in the prompt) copied as ``revised_code.py``; ``constant:NONE`` is the
  "always NONE" floor;
- ``shotgun[:CODE]`` — the same, with one one-line location for every line of every
  ``.py`` file, each with its enclosing function: breadth instead of localization.
"""

from __future__ import annotations

import ast
import json
import re

from mle_env.agent import AgentResult
from mle_env.agents.common import Recorder
from mle_env.task import ERROR_CODES, Task
from mle_env.tools import Tools
from mle_env.trajectory import Trajectory

_RUN = re.compile(r"python3?\s+([\w./-]+\.py)")
FLOORS = ("constant:CODE", "shotgun[:CODE]")
REFERENCE = ("constant:NONE", "constant:DATA_LEAKAGE", "shotgun")
"""The floors ``mle-env run --floors`` adds to a run as reference rows of its leaderboard."""


def is_floor(name: str) -> bool:
    return name.startswith("constant:") or name == "shotgun" or name.startswith("shotgun:")


def with_reference_floors(models: list[str]) -> list[str]:
    """``models`` followed by the ``REFERENCE`` floors it does not already name (``shotgun`` and
    ``shotgun:DATA_LEAKAGE`` are one strategy)."""

    def key(name: str) -> tuple[str, str] | str:
        try:
            f = FloorAgent(name)
        except ValueError:
            return name
        return f.kind, f.code

    have = {key(m) for m in models}
    return [*models, *(f for f in REFERENCE if key(f) not in have)]


def entry_script(task: Task) -> str | None:
    """The script the prompt says to run (``python src/train.py``), else the only/first .py file."""
    for m in _RUN.finditer(task.prompt_text):
        if m.group(1) in task.task_files:
            return m.group(1)
    scripts = sorted(p for p in task.task_files if p.endswith(".py") and not p.startswith("response/"))
    return scripts[0] if scripts else None


def rerun_original(entry: str) -> str:
    """A ``revised_code.py`` that runs the original entry script where it lies (siblings import)."""
    return (
        "import os, runpy, sys\n"
        f"script = os.path.join(os.getcwd(), {entry!r})\n"
        "sys.path.insert(0, os.path.dirname(script))\n"
        "sys.argv[0] = script\n"
        "runpy.run_path(script, run_name='__main__')\n"
    )


def _functions(source: str) -> dict[int, str]:
    """Line → name of the innermost function holding it ("<module>" elsewhere)."""
    where: dict[int, str] = {}
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return where
    for node in sorted(ast.walk(tree), key=lambda n: getattr(n, "lineno", 0)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for line in range(node.lineno, (node.end_lineno or node.lineno) + 1):
                where[line] = node.name  # later (inner) definitions overwrite outer ones
    return where


def shotgun_locations(task: Task) -> list[dict]:
    out = []
    for path, source in sorted(task.task_files.items()):
        if not path.endswith(".py"):
            continue
        funcs = _functions(source)
        for i in range(1, len(source.splitlines()) + 1):
            out.append({"file": path, "lines": [i, i], "function": funcs.get(i, "<module>")})
    return out


class FloorAgent:
    """``constant:CODE`` or ``shotgun[:CODE]`` (see the module's docstring)."""

    needs_hidden_data = False

    def __init__(self, name: str):
        kind, _, code = name.partition(":")
        code = code or ("DATA_LEAKAGE" if kind == "shotgun" else "")
        if kind not in ("constant", "shotgun") or code not in ERROR_CODES:
            raise ValueError(f"unknown floor {name!r}: use constant:CODE or shotgun[:CODE], CODE one of {', '.join(ERROR_CODES)}")
        self.name, self.kind, self.code = name, kind, code

    def response(self, task: Task) -> dict[str, str]:
        """The files this floor writes on ``task``, by workspace path (``mle-env validate`` grades them too)."""
        locations = shotgun_locations(task) if self.kind == "shotgun" else []
        report = {"error_type": self.code, "locations": locations,
                  "explanation": f"The pipeline has a {self.code} problem.",
                  "proposed_fix": "Correct the step at fault and re-run the evaluation."}  # fmt: skip
        files = {"response/report.json": json.dumps(report, indent=1)}
        entry = entry_script(task)
        if entry:
            files["response/revised_code.py"] = rerun_original(entry)
        return files

    async def run(self, task: Task, tools: Tools, trajectory: Trajectory | None = None) -> AgentResult:
        rec = Recorder(self.name, task.task_id, tools, trajectory)
        for path, content in self.response(task).items():
            await rec.call("write_file", path=path, content=content)
        return rec.finish(f"FINAL ANSWER: {self.code}")
