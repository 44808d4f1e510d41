"""Errors, by the boundary they cross.

    MleEnvError
    ├── RunError            stops the *run*: the user gets a clear message and an exit code
    │   ├── TaskError       a task file that does not load or validate (names each JSON path)
    │   ├── ConfigError     bad flags or settings, or a backend that cannot start here
    │   ├── RunBusy         another process is writing the run directory (names that process)
    │   └── StoreError      a run directory's file that cannot be read (says how to recover)
    ├── SampleError         ends one *sample*: recorded on it, the batch goes on
    │   └── SandboxError    the sandbox failed to start or died (an infrastructure error)
    └── EpisodeError        the environment API was used wrongly by the *trainer* (stepping an
                            ended episode, an unknown episode id or task, too many open episodes)

    Refused                 a sandbox would not do what a tool asked (path outside the
                            workspace, not a file …); the tools layer turns it into a result

Errors the *model* sees are not exceptions at the tools' edge: a tool with a bad argument
or a path outside the workspace returns ``ToolResult(success=False, result="<why>")`` — a bad
tool call is data, not a crash.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class MleEnvError(Exception):
    """Base of every error mle-env raises on purpose."""


class EpisodeError(MleEnvError):
    """The environment API was used wrongly (by the trainer, not the policy); the message says how."""


class RunError(MleEnvError):
    """Stops the whole run with a message for the user."""


class ConfigError(RunError):
    """A flag, setting or environment that cannot work; the message says how to fix it."""


@dataclass(frozen=True)
class Problem:
    """One fault in a task file, located by its JSON path (``$.rubrics[2].weight``)."""

    path: str
    message: str
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        return f"{self.severity}: {self.path}: {self.message}"


class TaskError(RunError):
    """A task file that cannot be used; carries every problem found, not just the first."""

    def __init__(self, source: str, problems: Sequence[Problem]):
        self.source = source
        self.problems = list(problems)
        lines = [f"{source}: invalid task ({len(self.problems)} problem(s))"]
        lines += [f"  {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class RunBusy(RunError):
    """Another process holds the run directory's lock: one writer per run."""


class StoreError(RunError):
    """A run directory's own file (``index.sqlite``, ``run.json``) that cannot be read; the
    message names the file and how to recover."""


class SampleError(MleEnvError):
    """Ends one sample; the batch records it (with ``error_class``) and goes on."""

    error_class = "infra"


class SandboxError(SampleError):
    """The sandbox could not start, or died under a running sample."""


class Refused(MleEnvError):
    """A sandbox refused a request; the message is written for the model to read."""
