"""The HTTP API's request and response bodies, and turning a request into a task."""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from mle_env.errors import Problem
from mle_env.sandbox import task_dir_problem
from mle_env.task import Task, find_tasks, load_task, validate_data
from mle_env.task.model import ContentPart, Rubric

TASK_FIELDS = ("task_id", "prompt", "rubrics", "rubric_text", "task_files", "task_dir", "max_turns", "use_docker", "mle_env")
FILE_MODELS = ("scripted:", "replay:")


class RunRequest(BaseModel):
    """A run: the task's own fields (as in a task file) or ``task_ref`` naming a bundled task, and how to run it."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"task_id": "quick-check", "prompt": "Find the ML bug in the project under /app and fix it.",
         "task_files": {"src/train.py": "print('accuracy: 0.93')\n"}, "model": "baseline", "metadata": {"run": 1}},
        {"task_ref": "biopsy-response-classifier", "model": "baseline"},
    ]})  # fmt: skip

    task_ref: str | None = Field(None, description="id (or file stem) of a bundled task, see GET /tasks; "
                                                   "instead of the task's fields")  # fmt: skip
    task_id: str | None = Field(None, description="the task's id")
    prompt: list[ContentPart] | str | None = Field(None, description='[{"type": "text", "content": "..."}] or a string')
    rubrics: list[Rubric] | None = None
    rubric_text: str | None = Field(None, description="+N|TYPE|criterion|justification lines")
    task_files: dict[str, str] | None = Field(None, description="relative path → text, or data:<mime>;base64,<data>")
    task_dir: str | None = Field(None, description="where the agent sees the files (default /app)")
    max_turns: int | None = Field(None, ge=1)
    use_docker: bool | None = None
    mle_env: dict[str, Any] | None = Field(None, description="mle-env task extensions (docs/task-format.md)")
    model: str | None = Field(None, description="baseline, oracle, none, or a LiteLLM model; default: the server's")
    temperature: float | None = Field(None, ge=0, le=2)
    judge_model: str | None = Field(None, description="LLM judge for prose criteria; 'none' leaves them ungraded")
    run_evaluation: bool = Field(True, description="grade the result")
    metadata: dict[str, Any] = Field(default_factory=dict, description="passed through to the job and its webhook")
    callback_url: str | None = Field(None, description="POST the finished job here (run-async only; signed, see docs)")


class Accepted(BaseModel):
    job_id: str
    status: str
    status_url: str


class Health(BaseModel):
    status: str
    version: str
    workers: int
    jobs: dict[str, int]
    sandbox: str
    auth: bool


class JobPage(BaseModel):
    jobs: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


class TaskInfo(BaseModel):
    task_id: str
    file: str
    max_turns: int
    files: int
    total_points: int | None


_PART = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[(['\"])(.*?)\3\]")


def json_loc(path: str) -> list[str | int]:
    """``$.rubrics[2].weight`` → ``["rubrics", 2, "weight"]``."""
    out: list[str | int] = []
    for name, index, _, key in _PART.findall(path.removeprefix("$")):
        out.append(name if name else int(index) if index else key)
    return out


def problem_errors(problems: list[Problem]) -> list[dict[str, Any]]:
    """Task problems in FastAPI's 422 shape: ``loc`` is the field path, ``path`` the JSON path."""
    return [{"type": "task_invalid", "loc": ["body", *json_loc(p.path)], "msg": p.message, "path": p.path,
             "input": None} for p in problems]  # fmt: skip


def model_problem(model: str, allow: list[str] | None) -> str | None:
    """Why the server refuses to run ``model``, or None."""
    if allow is not None:
        if not any(fnmatch.fnmatchcase(model, g) for g in allow):
            return f"model {model!r} is not allowed here; allowed: {', '.join(allow)}"
        return None
    if model.startswith(FILE_MODELS):
        return f"model {model!r} reads a file on the server; start the server with --allow-model to permit it"
    return None


class Suite:
    """The bundled tasks (GET /tasks, ``task_ref``), loaded once."""

    def __init__(self, tasks_dir: Path):
        self.tasks: dict[str, tuple[Path, Task]] = {}
        if tasks_dir.is_dir():
            for path in find_tasks(tasks_dir):
                try:
                    task = load_task(path)
                except Exception:  # a broken file in the suite is skipped, not fatal for the server
                    continue
                self.tasks.setdefault(task.task_id, (path, task))
                self.tasks.setdefault(path.stem, (path, task))

    def info(self) -> list[TaskInfo]:
        seen, out = set(), []
        for path, task in self.tasks.values():
            if path in seen:
                continue
            seen.add(path)
            out.append(TaskInfo(task_id=task.task_id, file=path.name, max_turns=task.max_turns,
                                files=len(task.task_files), total_points=task.ext.total_points))  # fmt: skip
        return sorted(out, key=lambda t: t.task_id)


def build_task(req: RunRequest, suite: Suite) -> tuple[Task | None, list[dict[str, Any]]]:
    """The task a request describes, or the 422 errors saying why it cannot be built."""
    given = {k: v for k in TASK_FIELDS if (v := getattr(req, k)) is not None}
    if req.task_ref is not None:
        if given:
            return None, [{"type": "value_error", "loc": ["body", "task_ref"], "input": req.task_ref,
                           "msg": f"task_ref names a bundled task; drop the task fields ({', '.join(given)})"}]  # fmt: skip
        if req.task_ref not in suite.tasks:
            return None, [{"type": "value_error", "loc": ["body", "task_ref"], "input": req.task_ref,
                           "msg": f"no bundled task {req.task_ref!r}; see GET /tasks"}]  # fmt: skip
        return suite.tasks[req.task_ref][1], []
    data = req.model_dump(mode="json", include=set(given), exclude_none=True)
    for missing in ("task_id", "prompt"):
        if missing not in data:
            return None, [{"type": "missing", "loc": ["body", missing], "input": None,
                           "msg": "Field required (or give task_ref: a bundled task's id)"}]  # fmt: skip
    task, problems = validate_data(data)
    errors = [p for p in problems if p.severity == "error"]
    if task is None or errors:
        return None, problem_errors(errors)
    late = []
    why = task_dir_problem(task.task_dir)  # this host's own mounts too (its Python)
    if why:
        late.append(Problem("$.task_dir", why))
    if not task.prompt_text.strip():
        late.append(Problem("$.prompt", "the prompt has no text: the agent would be told nothing"))
    return (None, problem_errors(late)) if late else (task, [])
