"""``baseline``: finds ML bugs by static analysis, driving the same five tools as any agent.

It lists and reads the project's Python files (and the CSV/NPY-text data files they may
read, a bounded sample each) through the tools, runs the detectors of ``agents/detectors``
on them, writes ``response/report.json`` for the most confident
finding (or ``NONE``), writes ``response/revised_code.py`` with an automatic fix where it
knows one, and runs the revised code to check that it executes. It sees what any agent
sees: the prompt and the files — never a task id, the rubric or hidden task data.
"""

from __future__ import annotations

import json
import posixpath
from typing import Any

from mle_env.agent import AgentResult
from mle_env.agents.common import Recorder
from mle_env.task import Task
from mle_env.tools import Tools
from mle_env.trajectory import Trajectory

MAX_FILES = 40
MAX_DATA_FILES = 6
DATA_EXT = (".csv", ".tsv")
SKIP_DIRS = {"response", ".git", "__pycache__", ".venv", "venv", "node_modules"}


class BaselineAgent:
    name = "baseline"
    needs_hidden_data = False

    async def run(self, task: Task, tools: Tools, trajectory: Trajectory | None = None) -> AgentResult:
        from mle_env.agents.autofix import propose_fix
        from mle_env.agents.detectors import detect_project

        rec = Recorder(self.name, task.task_id, tools, trajectory)
        sources, data_files = await self._read_sources(rec)
        reader = _Reader(rec, data_files)
        await reader.prefetch(sources)
        findings = sorted(detect_project(sources, reader=reader), key=lambda f: (-f.confidence, f.file, f.line))
        main_file = _main_file(sources)
        if findings:
            top = findings[0]
            same = [f for f in findings if f.code == top.code]
            report = {
                "error_type": top.code,
                "locations": _locations(same),
                "explanation": " ".join(dict.fromkeys(f.message for f in same[:3])),
                "proposed_fix": " ".join(dict.fromkeys(f.fix for f in same[:3] if f.fix)) or "No automatic proposal.",
            }
            target = top.file
        else:
            report = {
                "error_type": "NONE",
                "locations": [],
                "explanation": "No ML-specific error was found by static analysis of the project's Python files.",
                "proposed_fix": "No change needed.",
            }
            target = main_file
        revised = None
        if target is not None:
            original = sources[target]
            fixed = propose_fix(original, [f for f in findings if f.file == target]) if findings else None
            revised = fixed if fixed is not None else original
        await rec.call("write_file", path="response/report.json", content=json.dumps(report, indent=2) + "\n")
        ran = ""
        if revised is not None:
            await rec.call("write_file", path="response/revised_code.py", content=revised)
            res = await rec.call("bash_exec", command="python response/revised_code.py", timeout=300)
            ran = "The revised code runs." if res.success else "The revised code did not run cleanly."
        where = ", ".join(f"{loc['file']}:{loc['lines'][0]}-{loc['lines'][1]}" for loc in report["locations"])
        answer = f"{report['error_type']}{' at ' + where if where else ''}. {report['explanation']} {ran}".strip()
        return rec.finish(answer)

    async def _read_sources(self, rec: Recorder) -> tuple[dict[str, str], set[str]]:
        """Every .py file of the project (breadth first, skipping response/ and caches), and the
        paths of the data files listed beside them (read later, only those the code names)."""
        out: dict[str, str] = {}
        data: set[str] = set()
        queue = ["."]
        while queue and len(out) < MAX_FILES:
            d = queue.pop(0)
            listing = await rec.call("list_files", path=d)
            if not listing.success:
                continue
            for line in listing.result.splitlines():
                if line.startswith("[DIR] "):
                    name = line[6:]
                    if name not in SKIP_DIRS:
                        queue.append(posixpath.normpath(posixpath.join(d, name)))
                elif line.endswith(".py") and not line.startswith("["):
                    path = posixpath.normpath(posixpath.join(d, line))
                    got = await rec.call("read_file", path=path)
                    if got.success:
                        out[path] = got.result
                elif line.lower().endswith(DATA_EXT) and not line.startswith("["):
                    data.add(posixpath.normpath(posixpath.join(d, line)))
        return out, data


class _Reader:
    """Data files for the detectors, read through the tools before the (synchronous) analysis:
    only listed files whose name appears in the code, text only (CSV), bounded by read_file."""

    def __init__(self, rec: Recorder, listed: set[str]):
        self.rec, self.listed = rec, listed
        self.got: dict[str, bytes] = {}

    async def prefetch(self, sources: dict[str, str]) -> None:
        code = "\n".join(sources.values())
        named = sorted(p for p in self.listed if posixpath.basename(p) in code)
        for path in named[:MAX_DATA_FILES]:
            got = await self.rec.call("read_file", path=path)
            if got.success:
                self.got[path] = got.result.encode("utf-8")

    def __call__(self, path: str) -> bytes | None:
        return self.got.get(posixpath.normpath(path))


def _main_file(sources: dict[str, str]) -> str | None:
    mains = [p for p, text in sources.items() if "__main__" in text]
    pool = mains or list(sources)
    return max(pool, key=lambda p: len(sources[p])) if pool else None


def _locations(findings: list[Any]) -> list[dict[str, Any]]:
    seen, out = set(), []
    for f in findings:
        key = (f.file, f.line, f.end_line)
        if key in seen:
            continue
        seen.add(key)
        out.append({"file": f.file, "lines": [f.line, f.end_line], "function": f.function})
        if len(out) == 3:
            break
    return out
