"""The benchmark score (grading/score.py): wrong diagnoses are cheap, breadth earns nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mle_env.agents.floors import FloorAgent, entry_script, shotgun_locations
from mle_env.grading.checks import locations_overlap
from mle_env.grading.rubric import criteria_of
from mle_env.grading.score import benchmark_score
from mle_env.task import load_task

ROOT = Path(__file__).parents[1]
BIOPSY = ROOT / "tasks" / "biopsy-response-classifier.json"


@pytest.fixture(scope="module")
def task():
    return load_task(BIOPSY)


def decide(task, **overrides):
    """Every deterministic criterion passed (penalties absent), judged ones ungraded, then ``overrides``
    by criterion index (``c3=False``)."""
    out = {}
    for c in criteria_of(task):
        if c.method == "judge":
            out[c.index] = (None, "no judge")
        else:
            out[c.index] = (c.points > 0, "")
    for key, v in overrides.items():
        out[int(key[1:])] = (v, "")
    return out


def test_the_right_answer_earns_everything_graded(task):
    b = benchmark_score(criteria_of(task), decide(task))
    assert b["identified"] is True and b["deliverable"] is True and b["percentage"] == 100.0
    assert b["offline_percentage"] < 100.0  # judged criteria count as not earned over all points


def test_a_wrong_code_earns_no_localization_or_fix_points(task):
    """Criterion 0 is the error_type check, 22 the wrong-code penalty (biopsy's rubric)."""
    crit = criteria_of(task)
    assert crit[0].check.check == "error_type_equals" and crit[22].points < 0
    right = benchmark_score(crit, decide(task))
    wrong = benchmark_score(crit, decide(task, c0=False, c22=True))  # everything else still "found"
    assert wrong["identified"] is False and wrong["score"] == 0 and wrong["percentage"] == 0.0
    assert "wrong error code" in wrong["gated"][0]
    assert right["score"] > 0


def test_an_honest_none_is_never_worse_than_a_wrong_code_on_a_buggy_task(task):
    crit = criteria_of(task)
    none = benchmark_score(crit, decide(task, c0=False, c22=True, c3=False, c4=False, c5=False, c13=True, c14=False))
    wrong = benchmark_score(crit, decide(task, c0=False, c22=True, c13=True, c14=False))
    assert none["score"] >= wrong["score"] == 0


def test_no_report_earns_nothing_and_an_extra_key_costs_only_its_format_points(task):
    crit = criteria_of(task)
    report_file = next(c.index for c in crit if c.category == "output files" and "report.json" in (c.path or "")
                       + str(c.check.args if c.check else ""))  # fmt: skip
    b = benchmark_score(crit, decide(task, **{f"c{report_file}": False}))
    assert b["deliverable"] is False and b["score"] == 0
    fmt = next(c.index for c in crit if c.check is not None and c.check.check == "report_json_valid")
    extra_key = benchmark_score(crit, decide(task, **{f"c{fmt}": False}))
    assert extra_key["deliverable"] is True and extra_key["percentage"] == 100.0  # format carries no weight


def test_format_and_file_points_carry_no_weight(task):
    crit = criteria_of(task)
    b = benchmark_score(crit, decide(task))
    content = sum(c.points for c in crit if c.points > 0 and c.category not in ("format", "output files"))
    assert b["possible"] == content < sum(c.points for c in crit if c.points > 0)


def _report(tmp_path: Path, locations: list) -> Path:
    (tmp_path / "response").mkdir(parents=True, exist_ok=True)
    (tmp_path / "response" / "report.json").write_text(json.dumps({"error_type": "DATA_LEAKAGE", "locations": locations}))
    return tmp_path


def test_localization_needs_precision(task, tmp_path):
    ok, _ = locations_overlap(_report(tmp_path / "a", [{"file": "src/train.py", "lines": [41, 46]}]),
                              "response/report.json", "src/train.py", [42, 45])  # fmt: skip
    assert ok
    wide, why = locations_overlap(_report(tmp_path / "b", [{"file": "src/train.py", "lines": [1, 1000]}]),
                                  "response/report.json", "src/train.py", [42, 45])  # fmt: skip
    assert not wide and "spans more than 15 lines" in why
    shotgun = shotgun_locations(task)
    assert len(shotgun) > 50
    many, why = locations_overlap(_report(tmp_path / "c", shotgun), "response/report.json", "src/train.py", [42, 45])
    assert not many and "at most 8" in why


def test_floor_agents_read_nothing_hidden(task):
    view = task.model_copy(update={"mle_env": None})
    assert entry_script(view) == "src/train.py"
    assert FloorAgent("constant:NONE").code == "NONE" and FloorAgent("shotgun").code == "DATA_LEAKAGE"
    with pytest.raises(ValueError, match="unknown floor"):
        FloorAgent("constant:LEAKAGE")
