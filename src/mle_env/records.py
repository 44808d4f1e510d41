"""The records that leave a sample, as pydantic models: the documented schema of the result JSON.

``SampleResult`` is one ``result_*.json`` (built by ``runner.sample.run_sample``); its
``evaluation`` is an ``Evaluation`` (built by ``grading.grade``) or, when the grader itself
failed, a ``GraderFailure``. The third record type of the seams, ``tools.ToolResult``, lives
beside the tools.

The keys are the reference harness's (``task_id``, ``model``, ``temperature``, ``judge_model``,
``answer``, ``metadata{turns, tool_calls, errors}``, ``timestamp``, ``trace``, ``task_file``;
``evaluation{score, total_possible, percentage, results[]}``) plus ours (docs/runs.md, "The run
directory"; docs/compatibility.md, "Results and grading"). A record is built and validated
through its model where it is made, and travels on as the plain dict ``to_record()`` gives: the
batch, Ray, the server and the index read and extend dicts, and ``store.write_json`` writes that
dict exactly as before.

``to_record()`` writes every key that was given, ``null`` included (``temperature``,
``judge_model`` and ``percentage`` are always there, ``null`` when unknown), and leaves out the
optional keys that were not (``response_cut`` when nothing was cut, ``evaluation`` when the
sample was not graded, ``judge_usage`` without a judge): ``model_validate(record).to_record()``
gives ``record`` back. This module imports nothing of mle_env's.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

ErrorClass = Literal["infra", "model", "grader"]
"""Whose failure ended a sample: the harness's (infra), the agent's own (model), the grader's."""


class Record(BaseModel):
    """A record's model; ``to_record()`` is the dict that is written and passed on."""

    model_config = ConfigDict(extra="forbid")

    def to_record(self) -> dict[str, Any]:
        """The record as a plain dict: the given keys (``None`` ones too), in declaration order."""
        return self.model_dump(exclude_unset=True)


# ---------------------------------------------------------------- evaluation


class CriterionResult(Record):
    """One rubric criterion's verdict (``evaluation.results[]``)."""

    criterion: str
    type: str
    points: int
    passed: bool | None
    """For a penalty, True means the penalised behaviour is present; None: ungraded (``reasoning`` says why)."""
    method: Literal["file", "check", "verify", "judge"]
    reasoning: str
    category: str
    index: int


class CategoryPoints(Record):
    """Points of one rubric category (``evaluation.breakdown[category]``)."""

    earned: int
    possible: int
    ungraded: int


class BenchmarkScore(Record):
    """The gated benchmark score (``evaluation.benchmark``; grading/score.py, docs/grading.md)."""

    rules: str
    identified: bool | None
    alternative: str | None
    deliverable: bool | None
    score: int
    graded_possible: int
    possible: int
    percentage: float | None
    offline_percentage: float | None
    gated: list[str]


class Evaluation(Record):
    """What ``grading.grade`` decided about one sample (the result's ``evaluation``)."""

    score: int
    total_possible: int
    percentage: float | None
    """Of graded points; None when nothing positive could be graded."""
    results: list[CriterionResult]
    graded_possible: int
    ungraded_points: int
    ungraded_criteria: int
    breakdown: dict[str, CategoryPoints]
    judge_model: str | None
    benchmark: BenchmarkScore | None = None
    judge_usage: dict[str, int] | None = None
    """Present when a judge was configured, with ``judge_cost`` (None: unknown) and ``judge_calls``."""
    judge_cost: float | None = None
    judge_calls: int | None = None


class GraderFailure(Record):
    """The ``evaluation`` of a sample whose grading itself failed: never scored as the model's zero."""

    error: str
    error_class: Literal["grader"]


# ---------------------------------------------------------------- the sample


class SampleMetadata(Record):
    """The result's ``metadata``: the reference's three keys, our status, and whatever the agent
    and the executor add (usage, cost, retries, duration_seconds, node …)."""

    model_config = ConfigDict(extra="allow")

    turns: int
    tool_calls: int
    errors: list[str]
    status: str | None = None
    """completed, error, max_turns or the limit that ended the run."""
    error_class: ErrorClass | None = None


class ResponseCut(Record):
    """What copying ``response/`` out of the workspace left out (``store.Copied.cut``)."""

    files_skipped: int
    bytes_skipped: int
    reasons: list[str]
    skipped: list[str]
    renamed: list[str]


class SampleResult(Record):
    """One sample's result (``result_<task file>.json``)."""

    task_id: str
    model: str
    temperature: float | None
    judge_model: str | None
    answer: str
    metadata: SampleMetadata
    timestamp: str
    """Local time, ISO 8601 (``datetime.now().isoformat()``), as the reference writes it."""
    trace: list[dict[str, Any]]
    """The trajectory's events (trajectory.py)."""
    task_file: str
    trajectory: str
    """The trajectory file, relative to the directory the result is in."""
    response_files: list[str]
    """Paths under ``response/`` that were copied out of the workspace."""
    response_cut: ResponseCut | None = None
    evaluation: Evaluation | GraderFailure | None = None
