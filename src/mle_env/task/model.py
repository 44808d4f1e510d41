"""The task format: the reference harness's JSON, plus optional extensions under ``mle_env``.

Every model keeps unknown keys (``extra="allow"``), so a task file round-trips unchanged
and a loader that ignores ``mle_env`` still works. What is hidden from the agent lives
only under ``mle_env`` (``solution``, ``verify``); the workspace is built from
``task_files`` alone.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

ERROR_CODES = (
    "DATA_LEAKAGE",
    "OUTLIER",
    "SCALING_ERROR",
    "ENCODING_ERROR",
    "IMBALANCE",
    "OVERFITTING",
    "UNDERFITTING",
    "NONE",
)
ErrorCode = Literal[
    "DATA_LEAKAGE", "OUTLIER", "SCALING_ERROR", "ENCODING_ERROR", "IMBALANCE", "OVERFITTING", "UNDERFITTING", "NONE"
]

CHECK_KINDS = (
    "file_exists",
    "report_json_valid",
    "error_type_equals",
    "locations_overlap",
    "locations_empty",
    "revised_code_runs",
    "verify",
    "locations_format",
    "prose_fields",
    "standalone_script",
    "locations_tight",
    "locations_avoid",
    "report_shape",
    "revised_keeps_method",
    "no_change_proposed",
)
CheckKind = Literal[
    "file_exists", "report_json_valid", "error_type_equals", "locations_overlap", "locations_empty", "revised_code_runs",
    "verify", "locations_format", "prose_fields", "standalone_script", "locations_tight", "locations_avoid",
    "report_shape", "revised_keeps_method", "no_change_proposed",
]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ContentPart(_Open):
    """A ``{type, content}`` part of a prompt or a rubric message."""

    type: str = "text"
    content: str


class RubricScore(_Open):
    type: str = "discrete"
    outcomes: list[Any] = Field(default_factory=list)


class Rubric(_Open):
    """One ``rubrics[]`` entry; pairs with the rubric_text line at the same position."""

    name: str
    weight: int
    score: RubricScore | None = None
    messages: list[ContentPart] = Field(default_factory=list)


# ---------------------------------------------------------------- extensions


class BugLocation(_Closed):
    """Where the bug is, as a reviewer would point at it."""

    file: str
    """Path relative to the task's root, a key of ``task_files``."""
    lines: tuple[int, int] | None = None
    """Inclusive 1-based line range."""
    function: str | None = None
    """Enclosing function or method name, when there is one."""


class Verify(_Closed):
    """A hidden verification script, run by the grader in a fresh sandbox against the agent's fix."""

    script: str
    """Python source. It runs with the agent's workspace at ``task_dir`` and prints a JSON verdict."""
    timeout: int = Field(300, ge=1, le=3600)
    """Seconds before the script is killed."""
    expected: dict[str, Any] = Field(default_factory=dict)
    """Free-form expectations the script reads from ``argv[1]`` (bands, floors)."""


class _ReportArgs(_Closed):
    path: str = "response/report.json"


class ReportJsonArgs(_ReportArgs):
    required_keys: list[str] = Field(default_factory=list)
    exact_keys: bool = False


class ErrorTypeArgs(_ReportArgs):
    expected: list[ErrorCode] = Field(min_length=1)


class LocationsOverlapArgs(_ReportArgs):
    file: str = Field(min_length=1)
    lines: tuple[int, int]
    function: str | None = None

    @field_validator("lines")
    @classmethod
    def _ordered(cls, v: tuple[int, int]) -> tuple[int, int]:
        if not 1 <= v[0] <= v[1]:
            raise ValueError(f"[{v[0]}, {v[1]}] is not a range of line numbers (1 <= first <= last)")
        return v


class RevisedCodeRunsArgs(_Closed):
    path: str = "response/revised_code.py"
    command: str | None = None
    timeout: float = Field(300, gt=0, le=3600)
    stdout_pattern: str | None = None

    @field_validator("stdout_pattern")
    @classmethod
    def _compiles(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                re.compile(v)
            except re.error as e:
                raise ValueError(f"not a valid regular expression: {e}") from None
        return v


class LocationsFormatArgs(_ReportArgs):
    nonempty: bool = False


class ProseFieldsArgs(_ReportArgs):
    keys: list[str] = Field(default_factory=lambda: ["explanation", "proposed_fix"], min_length=1)
    min_words: int = Field(8, ge=1)
    max_chars: int = Field(6000, ge=1)


class StandaloneScriptArgs(_Closed):
    path: str = "response/revised_code.py"
    original: str | None = None
    """The project's entry script (workspace path): a fragment has under half its code lines."""
    data_files: list[str] = Field(default_factory=list)
    """Data files the script should load (by basename), unless it imports a project module."""


class _Span(_Closed):
    file: str = Field(min_length=1)
    lines: tuple[int, int] | None = None

    @field_validator("lines")
    @classmethod
    def _ordered(cls, v: tuple[int, int] | None) -> tuple[int, int] | None:
        if v is not None and not 1 <= v[0] <= v[1]:
            raise ValueError(f"[{v[0]}, {v[1]}] is not a range of line numbers (1 <= first <= last)")
        return v


class _BugSpan(_Span):
    lines: tuple[int, int]
    function: str | None = None


class LocationsTightArgs(_ReportArgs):
    bugs: list[_BugSpan] = Field(min_length=1)
    slack: int = Field(5, ge=0)
    max_lines: int = Field(15, ge=1)


class LocationsAvoidArgs(_ReportArgs):
    avoid: list[_Span] = Field(min_length=1)
    """The code a rubric line calls sound: no location may overlap it (a file without lines: all of it)."""
    max_lines: int | None = Field(None, ge=1)
    """When the line also bounds each entry's width."""


class RevisedKeepsMethodArgs(_Closed):
    path: str = "response/revised_code.py"
    original: str = Field(min_length=1)
    bugs: list[_BugSpan] = Field(default_factory=list)
    slack: int = Field(3, ge=0)
    budget: int | None = Field(None, ge=0)
    must_change: bool = True


class NoChangeProposedArgs(_ReportArgs):
    revised: str = "response/revised_code.py"
    original: str = Field(min_length=1)
    budget: int = Field(2, ge=0)


CHECK_ARGS: dict[str, type[BaseModel]] = {
    "file_exists": _ReportArgs,
    "report_json_valid": ReportJsonArgs,
    "error_type_equals": ErrorTypeArgs,
    "locations_overlap": LocationsOverlapArgs,
    "locations_empty": _ReportArgs,
    "revised_code_runs": RevisedCodeRunsArgs,
    "verify": _Closed,
    "locations_format": LocationsFormatArgs,
    "prose_fields": ProseFieldsArgs,
    "standalone_script": StandaloneScriptArgs,
    "locations_tight": LocationsTightArgs,
    "locations_avoid": LocationsAvoidArgs,
    "report_shape": _ReportArgs,
    "revised_keeps_method": RevisedKeepsMethodArgs,
    "no_change_proposed": NoChangeProposedArgs,
}
"""Each check kind's arguments: names, types and defaults (validated when a task loads)."""


class Check(_Closed):
    """A deterministic check that decides one rubric criterion without a judge."""

    criterion: str | None = None
    """The criterion's TYPE (``rubric_text``) or name (``rubrics[]``)."""
    criterion_index: int | None = Field(None, ge=0)
    """0-based position of the criterion, for rubrics whose TYPEs repeat."""
    check: CheckKind
    args: dict[str, Any] = Field(default_factory=dict)


class Provenance(_Open):
    """Where the task's data came from."""

    source: str
    """e.g. ``sklearn.datasets.load_breast_cancer`` or ``generated``."""
    license: str | None = None
    generator: str | None = None
    """How generated data was made (script name, seed)."""


class Extensions(_Closed):
    """Optional harness extensions, under the task's ``mle_env`` key."""

    version: Literal[1] = 1
    expected_error_types: list[ErrorCode] = Field(default_factory=list)
    """The correct answer(s); several when a task accepts more than one code."""
    acceptable_error_types: dict[ErrorCode, str] = Field(default_factory=dict)
    """A defensible second reading of the bug: code -> why it is defensible. Such a code earns
    everything but the exact-code identification points and is never penalised (docs/grading.md,
    "Acceptable alternative codes"); the decision per task is in docs/tasks.md."""
    bug_locations: list[BugLocation] = Field(default_factory=list)
    solution: dict[str, str] = Field(default_factory=dict)
    """Hidden. Reference response files by workspace path (``response/report.json`` …)."""
    verify: Verify | None = None
    """Hidden. Run by the grader, never placed in the agent's sandbox."""
    checks: list[Check] = Field(default_factory=list)
    entrypoint: str | None = None
    """The shell command that runs the project from task_dir, e.g. ``python src/train.py``."""
    difficulty: Literal["easy", "medium", "hard"] | None = None
    provenance: Provenance | None = None
    total_points: int | None = None
    """The task's declared total of positive points, checked against the rubric."""


class Task(_Open):
    """A task in the reference harness's format."""

    task_id: str = Field(min_length=1)
    prompt: list[ContentPart] | str
    rubrics: list[Rubric] = Field(default_factory=list)
    rubric_text: str = ""
    use_docker: bool = False
    """The task expects isolation: any isolating sandbox satisfies it; ``local`` refuses it."""
    task_dir: str = "/app"
    """Where the agent sees the project files."""
    task_files: dict[str, str] = Field(default_factory=dict)
    """Relative path → UTF-8 text, or ``data:<mime>;base64,<data>`` for binary files."""
    max_turns: int = Field(50, ge=1)
    mle_env: Extensions | None = None

    @property
    def prompt_text(self) -> str:
        """The prompt's text parts joined by newlines, as the reference harness does."""
        if isinstance(self.prompt, str):
            return self.prompt
        return "\n".join(p.content for p in self.prompt if p.type == "text")

    @property
    def ext(self) -> Extensions:
        return self.mle_env or Extensions()

    def to_json_dict(self) -> dict[str, Any]:
        """The task as it was given (unknown keys kept, unset defaults not added)."""
        return self.model_dump(mode="json", exclude_unset=True)
