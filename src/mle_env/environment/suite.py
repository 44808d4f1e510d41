"""The tasks an environment draws episodes from, and their curriculum metadata."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from mle_env.environment.errors import EpisodeError
from mle_env.environment.spaces import TaskInfo
from mle_env.task import Task, find_tasks, load_task

TaskRef = Task | str | int
"""A task of the suite: itself, its ``task_id`` (or file stem), or its position."""


class TaskSuite:
    """Tasks loaded once (a directory of task files, task files, or ``Task`` values), in order."""

    def __init__(self, tasks: str | Path | Sequence[Task | str | Path]):
        items: Sequence[Task | str | Path] = find_tasks(tasks) if isinstance(tasks, (str, Path)) else tasks
        self.tasks: list[Task] = []
        self.files: list[str] = []
        """Each task's file name (``<task_id>.json`` for a ``Task`` given as a value)."""
        for item in items:
            if isinstance(item, Task):
                self.tasks.append(item)
                self.files.append(f"{item.task_id}.json")
            else:
                self.tasks.append(load_task(item))
                self.files.append(Path(item).name)
        if not self.tasks:
            raise EpisodeError(f"no tasks in {tasks!r}: give a directory of task files, files, or Task values")
        self._by_name: dict[str, int] = {}
        for i, (task, file) in enumerate(zip(self.tasks, self.files, strict=True)):
            self._by_name.setdefault(task.task_id, i)
            self._by_name.setdefault(Path(file).stem, i)

    def __len__(self) -> int:
        return len(self.tasks)

    def pick(self, task: TaskRef | None, rng: random.Random) -> tuple[Task, str]:
        """The task asked for, or one drawn uniformly by ``rng``; with its file name."""
        if task is None:
            i = rng.randrange(len(self.tasks))
        elif isinstance(task, Task):
            return task, next((f for t, f in zip(self.tasks, self.files, strict=True) if t is task),
                              f"{task.task_id}.json")  # fmt: skip
        elif isinstance(task, int):
            if not 0 <= task < len(self.tasks):
                raise EpisodeError(f"task index {task} is out of range: the suite has {len(self.tasks)} tasks")
            i = task
        elif task in self._by_name:
            i = self._by_name[task]
        else:
            raise EpisodeError(f"no task {task!r} in the suite (see Environment.curriculum() for the ids)")
        return self.tasks[i], self.files[i]

    @staticmethod
    def info(task: Task, *, error_codes: bool, max_turns: int | None = None) -> TaskInfo:
        """``task``'s public facets; its error codes only when ``error_codes``."""
        ext = task.ext
        return TaskInfo(
            task_id=task.task_id,
            difficulty=ext.difficulty,
            error_codes=list(ext.expected_error_types) if error_codes and ext.expected_error_types else None,
            max_turns=max_turns or task.max_turns,
        )
