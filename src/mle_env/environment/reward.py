"""The reward: the benchmark's own grader, normalised, with its breakdown; and the optional
shaped signal.

The terminal reward is ``grading.grade``'s evaluation read one of two ways (``RewardConfig.basis``):

* ``benchmark`` (default): the gated benchmark score (``evaluation.benchmark.percentage / 100``,
  the leaderboard's headline): identification gates the rest, deliverables are a gate, penalties
  apply, never below 0. A constant or shotgun answer earns what it earns on the leaderboard.
* ``rubric``: the rubric's own sum over graded points (``evaluation.percentage / 100``), the
  reference harness's number; format points count, penalties may take it below 0.

Either way it is over *graded* points: criteria nothing could decide (judge-only criteria
without a judge) are left out, never counted as failed. With no graded points at all, or when
the grader itself failed, the reward is None: the episode says nothing about the policy.

The shaped signal (``report_bonus``, off by default) is potential-based: ``report_bonus`` is
paid once, on the first step after which ``response/report.json`` parses with the report's shape
(a JSON object, ``error_type`` one of the eight codes, ``locations`` an array), and taken back on
the last step if the final report no longer does. Its sum over an episode is therefore
``report_bonus`` when the episode ends with a well-formed report and 0 otherwise, whatever the
policy did in between: rewriting, deleting and rewriting the report earns nothing more.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from mle_env.grading.form_checks import report_shape_of
from mle_env.records import CriterionResult
from mle_env.store import loads_bounded

REPORT = "response/report.json"
REPORT_MAX_BYTES = 1 << 20


class RewardConfig(BaseModel):
    """How an episode's evaluation becomes its reward."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    basis: Literal["benchmark", "rubric"] = "benchmark"
    """``benchmark``: the gated leaderboard score; ``rubric``: the rubric's own sum (reference)."""
    report_bonus: float = Field(0.0, ge=0.0, le=0.5)
    """Shaped signal: paid once when response/report.json first parses with the right shape (0: off)."""


class EpisodeCost(BaseModel):
    """What one episode cost: steps, tool time, wall time, and the model usage the actions reported."""

    model_config = ConfigDict(extra="forbid")

    steps: int = 0
    tool_calls: int = 0
    tool_seconds: float = 0.0
    """Time inside the tools (the sandbox's work, argument checks included)."""
    step_seconds: float = 0.0
    """Time inside ``step`` (tools and the environment's own work), grading excluded."""
    reset_seconds: float = 0.0
    """Starting the sandbox with the task's files."""
    grade_seconds: float = 0.0
    wall_seconds: float = 0.0
    """From the start of ``reset`` to the end of grading (the policy's thinking time included)."""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float | None = None
    """USD the actions reported (``Action.cost``), summed; None when none reported one."""


class Reward(BaseModel):
    """The terminal reward and why: the criteria as the grader decided them."""

    model_config = ConfigDict(extra="forbid")

    value: float | None
    """The normalised graded score (see ``basis``), shaping excluded; None: nothing to score."""
    basis: Literal["benchmark", "rubric"]
    earned: int = 0
    graded_possible: int = 0
    ungraded_points: int = 0
    """Points nothing could decide (judge-only criteria without a judge): not in the total."""
    shaping: float = 0.0
    """The shaped signal this episode kept (``report_bonus`` or 0)."""
    criteria: list[CriterionResult] = Field(default_factory=list)
    verification: list[CriterionResult] = Field(default_factory=list)
    """The criteria decided by running the fix (hidden verification, ``revised_code_runs``)."""
    penalties: list[CriterionResult] = Field(default_factory=list)
    """Penalty criteria whose behaviour was found (their points are negative)."""
    gated: list[str] = Field(default_factory=list)
    """Why the benchmark score withheld points (wrong code, no report)."""
    error: str | None = None
    """The grader's failure, when it failed (``value`` is then None)."""

    @property
    def total(self) -> float | None:
        """``value`` plus the shaped signal: the episode's return."""
        return None if self.value is None else self.value + self.shaping


class Outcome(BaseModel):
    """How an episode ended: the answer, the reward, the grader's record, the cost."""

    model_config = ConfigDict(extra="forbid")

    status: str
    """``completed``, ``max_turns``, ``max_time``, ``max_tokens``, ``max_cost`` or ``error``."""
    answer: str
    reward: Reward
    evaluation: dict[str, Any]
    """``grading.grade``'s record (``records.Evaluation``), or a ``GraderFailure`` record."""
    cost: EpisodeCost
    record: dict[str, Any]
    """The episode as a sample's result (``records.SampleResult``: answer, metadata, trace, evaluation)."""


def reward_of(evaluation: dict[str, Any], basis: Literal["benchmark", "rubric"], *, shaping: float = 0.0,
              runs: set[int] | frozenset[int] = frozenset()) -> Reward:  # fmt: skip
    """The reward an evaluation record gives, with its breakdown; ``runs``: the indices of the
    criteria decided by running the fix (``grading.runs_in_sandbox``)."""
    if "error" in evaluation:
        return Reward(value=None, basis=basis, shaping=shaping, error=str(evaluation["error"]))
    criteria = [CriterionResult.model_validate(r) for r in evaluation["results"]]
    if basis == "benchmark" and evaluation.get("benchmark"):
        bench = evaluation["benchmark"]
        pct, earned, possible, gated = bench["percentage"], bench["score"], bench["graded_possible"], bench["gated"]
    else:
        pct, earned, possible, gated = evaluation["percentage"], evaluation["score"], evaluation["graded_possible"], []
    return Reward(
        value=None if pct is None else round(pct / 100, 6),
        basis=basis,
        earned=earned,
        graded_possible=possible,
        ungraded_points=evaluation["ungraded_points"],
        shaping=shaping,
        criteria=criteria,
        verification=[c for c in criteria if c.index in runs],
        penalties=[c for c in criteria if c.points < 0 and c.passed],
        gated=list(gated),
    )


def report_ok(text: str | None) -> bool:
    """Does ``text`` hold a report of the right shape (the grader's ``report_shape``: a JSON object
    whose ``error_type`` is one of the eight codes as spelled and whose ``locations`` is an array)?"""
    if text is None:
        return False
    try:
        data = loads_bounded(text)
    except ValueError:  # loads_bounded never raises RecursionError
        return False
    return isinstance(data, dict) and report_shape_of(data)[0]
