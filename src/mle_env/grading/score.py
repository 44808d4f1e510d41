"""The benchmark score: the rubric's points under rules that make wrong diagnoses cheap.

The rubric's own sum (``evaluation.score``/``percentage``, the reference's keys) rewards
format, file and "the original still runs" points whatever the diagnosis, so a constant
answer with a copied script earned ~40 % of graded points and a shotgun of locations ~60 %
(issue 13). The benchmark score, the leaderboard's headline, applies three rules
(docs/grading.md, "The benchmark score"):

1. **Identification gates the rest.** Localization, explanation, fix proposal and fix
   implementation points count only when the identification is right: the task's
   ``error_type_equals`` check (or, without one, its judged identification criteria).
   A wrong code is therefore never worth more than an honest ``NONE`` on a buggy task:
   both earn nothing but what the penalties take.
2. **Deliverables are a gate, not a share.** Format and output-file points carry no weight;
   a sample without ``response/report.json`` earns nothing at all (one that does not parse
   fails the identification check, so rule 1 leaves it nothing either).
3. **Penalties apply**, and a sample's score never goes below 0.

A task may list ``acceptable_error_types``: a defensible second reading of its bug. Such a code
fails the exact-code identification criterion (its points are lost) but opens the gate, so the
localization and fix the agent got right still count; the builder leaves it out of the
wrong-code penalty.

Localization itself is held to precision in ``checks.locations_overlap`` (a report listing
more than ``MAX_LOCATIONS`` entries, or an entry far wider than the bug, earns nothing there).
"""

from __future__ import annotations

from typing import Any

from mle_env.grading.rubric import Criterion
from mle_env.records import BenchmarkScore

RULES = "gated-v1"
CONTENT = ("identification", "localization", "explanation", "fix proposal", "fix implementation", "other")
GATED = ("localization", "explanation", "fix proposal", "fix implementation", "other")
DELIVERABLE = ("format", "output files")
_REPORT_CHECKS = ("report_json_valid",)


def identified(criteria: list[Criterion], decided: dict[int, tuple[bool | None, str]]) -> bool | None:
    """Is the error code right? The ``error_type_equals`` identification checks decide; without
    any, the judged identification criteria do; None when nothing decided it."""

    def verdicts(cs: list[Criterion]) -> list[bool | None]:
        return [decided.get(c.index, (None, ""))[0] for c in cs]

    ident = [c for c in criteria if c.category == "identification" and c.points > 0]
    checked = [c for c in ident if c.check is not None and c.check.check == "error_type_equals"]
    for group in (checked, ident):
        vs = [v for v in verdicts(group) if v is not None]
        if vs:
            return all(vs)
    return None


def deliverable(criteria: list[Criterion], decided: dict[int, tuple[bool | None, str]]) -> bool | None:
    """Was ``response/report.json`` delivered? Its file criterion decides (a report that does not
    parse fails the identification check anyway, which gates the rest); without one, the format
    check. An extra key in the report costs its format points, never the whole score. None when
    no criterion checks it deterministically (nothing to gate on)."""
    checks = [c for c in criteria if c.method in ("file", "check") and c.category == "output files"
              and "report.json" in ((c.path or "") + " " + str(c.check.args if c.check else ""))]  # fmt: skip
    if not checks:
        checks = [c for c in criteria if c.check is not None and c.check.check in _REPORT_CHECKS]
    vs = [decided.get(c.index, (None, ""))[0] for c in checks]
    vs = [v for v in vs if v is not None]
    return all(vs) if vs else None


def benchmark_score(criteria: list[Criterion], decided: dict[int, tuple[bool | None, str]],
                    alternative: str | None = None) -> dict[str, Any]:
    """``evaluation.benchmark``: the gated score, over graded points (``percentage``, the
    headline) and over all content points with ungraded ones counted as not earned
    (``offline_percentage``, what an offline run can vouch for). ``alternative`` is the
    reported code when the task accepts it as a defensible second reading: it opens the gate.
    A ``records.BenchmarkScore``, as its ``to_record()`` dict."""
    ident, deliv = identified(criteria, decided), deliverable(criteria, decided)
    if ident is False and alternative:
        ident = True
    score = 0
    graded = possible = 0
    for c in criteria:
        passed = decided.get(c.index, (None, ""))[0]
        if c.points < 0:
            score += c.points if passed else 0
            continue
        if c.category not in CONTENT:
            continue
        possible += c.points
        if passed is None:
            continue
        graded += c.points
        gate_open = deliv is not False and (c.category not in GATED or ident is not False)
        if passed and gate_open:
            score += c.points
    score = max(score, 0)
    why = []
    if deliv is False:
        why.append("response/report.json was not delivered: nothing is earned")
    if ident is False:
        why.append("wrong error code: localization, explanation and fix points are not earned")
    return BenchmarkScore(
        rules=RULES,
        identified=ident,
        alternative=alternative if ident and alternative else None,
        deliverable=deliv,
        score=score,
        graded_possible=graded,
        possible=possible,
        percentage=round(100 * score / graded, 2) if graded else None,
        offline_percentage=round(100 * score / possible, 2) if possible else None,
        gated=why,
    ).to_record()
