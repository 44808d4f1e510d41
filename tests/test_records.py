"""The records that cross the seams (records.py, tools.ToolResult): what a real run writes has
exactly the reference harness's keys plus ours, validates against its model, and a malformed
record is refused naming the field."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from mle_env.models.base import Usage
from mle_env.records import Evaluation, GraderFailure, SampleResult
from mle_env.runner import make_agent, run_sample
from mle_env.sandbox.fake import FakeCommand, FakeSandboxConfig
from mle_env.task import load_task
from mle_env.tools import ToolResult, Tools

EXAMPLE = Path(__file__).parents[1] / "tasks" / "biopsy-response-classifier.json"

REFERENCE_KEYS = {"task_id", "model", "temperature", "judge_model", "answer", "metadata", "timestamp", "trace",
                  "task_file"}  # fmt: skip
OUR_KEYS = {"trajectory", "response_files"}  # always; response_cut and evaluation when they apply
EVALUATION_KEYS = {"score", "total_possible", "percentage", "results", "graded_possible", "ungraded_points",
                   "ungraded_criteria", "breakdown", "judge_model", "benchmark"}  # fmt: skip
JUDGE_KEYS = {"judge_usage", "judge_cost", "judge_calls"}

# The oracle's run of its revised code and the grader's hidden verification, scripted.
SCRIPTED = FakeSandboxConfig(
    commands=(
        FakeCommand(pattern="python response/revised_code.py", stdout="test_accuracy: 0.71\n"),
        FakeCommand(pattern=re.compile(r"python -I -c .*", re.S), stdout='{"passed": true, "details": {}}\n'),
    )
)


class StubJudge:
    """Says yes to every criterion, and reports what it "cost"."""

    name = "stub-judge"

    def __init__(self) -> None:
        self.usage, self.cost, self.calls = Usage(prompt_tokens=10, completion_tokens=2), 0.25, 0

    async def decide(self, criterion: str, points: int, proof: str) -> tuple[bool | None, str]:
        self.calls += 1
        return True, "the stub agrees"


def _saved(out_dir: Path) -> dict:
    return json.loads((out_dir / f"result_{EXAMPLE.name}").read_text(encoding="utf-8"))


async def test_an_oracle_result_has_the_reference_keys_and_validates(tmp_path):
    task = load_task(EXAMPLE)
    returned = await run_sample(task, str(EXAMPLE), make_agent("oracle"), sandbox=SCRIPTED, out_dir=tmp_path,
                                evaluate=True)  # fmt: skip
    saved = _saved(tmp_path)
    assert set(saved) == REFERENCE_KEYS | OUR_KEYS | {"evaluation"}  # nothing was cut: no response_cut
    assert saved["temperature"] is None and saved["judge_model"] is None  # unknown, but the keys are there
    assert {"turns", "tool_calls", "errors"} <= set(saved["metadata"]) and saved["metadata"]["status"] == "completed"
    assert set(saved["evaluation"]) == EVALUATION_KEYS  # no judge: no judge_usage, judge_cost, judge_calls
    assert saved["evaluation"]["judge_model"] is None and saved["evaluation"]["score"] > 0
    assert json.loads(json.dumps(returned)) == saved  # what run_sample returns is what it wrote

    model = SampleResult.model_validate(saved)
    assert isinstance(model.evaluation, Evaluation) and model.metadata.tool_calls == saved["metadata"]["tool_calls"]
    assert model.to_record() == saved and list(model.to_record()) == list(saved)  # same keys, same order

    # The tool results went into the trace as the reference's two plain keys, not as an object's repr.
    calls = [e for e in saved["trace"] if e["event"] == "tool_call"]
    assert calls and all(type(e["success"]) is bool and isinstance(e["result"], str) for e in calls)
    assert calls[0]["result"].startswith("Successfully wrote to ")


async def test_a_judged_evaluation_round_trips_with_its_judge_keys(tmp_path):
    task = load_task(EXAMPLE)
    await run_sample(task, str(EXAMPLE), make_agent("oracle"), sandbox=SCRIPTED, out_dir=tmp_path, temperature=0.7,
                     evaluate=True, judge=StubJudge())  # fmt: skip
    saved = _saved(tmp_path)
    assert saved["temperature"] == 0.7 and saved["judge_model"] == "stub-judge"
    ev = saved["evaluation"]
    assert set(ev) == EVALUATION_KEYS | JUDGE_KEYS and ev["judge_model"] == "stub-judge"
    assert ev["judge_usage"] == {"prompt_tokens": 10, "completion_tokens": 2, "total_tokens": 12}
    assert ev["judge_calls"] > 0 and ev["judge_cost"] == 0.25
    assert any(r["method"] == "judge" and r["passed"] for r in ev["results"])

    again = Evaluation.model_validate(ev).to_record()
    assert again == ev and list(again) == list(ev)
    assert list(again["results"][0]) == list(ev["results"][0])


async def test_an_ungraded_sample_and_a_grader_failure_are_records_too(tmp_path, monkeypatch):
    task = load_task(EXAMPLE)
    await run_sample(task, str(EXAMPLE), make_agent("none"), sandbox=SCRIPTED, out_dir=tmp_path / "plain")
    plain = _saved(tmp_path / "plain")
    assert set(plain) == REFERENCE_KEYS | OUR_KEYS and plain["response_files"] == []  # not graded: no evaluation
    assert SampleResult.model_validate(plain).to_record() == plain

    async def broken(*args, **kwargs):
        raise RuntimeError("the grader broke")

    monkeypatch.setattr("mle_env.grading.grade", broken)
    await run_sample(task, str(EXAMPLE), make_agent("none"), sandbox=SCRIPTED, out_dir=tmp_path / "broken",
                     evaluate=True)  # fmt: skip
    failed = _saved(tmp_path / "broken")
    assert failed["evaluation"] == {"error": "RuntimeError: the grader broke", "error_class": "grader"}
    assert isinstance(SampleResult.model_validate(failed).evaluation, GraderFailure)


async def test_a_tool_call_gives_a_tool_result_whose_dump_is_the_references_dict():
    async with _fake() as sb:
        tools = Tools(sb)
        wrote = await tools.call("write_file", {"path": "notes.txt", "content": "hi\n"})
        missing = await tools.call("read_file", {"path": "nope.txt"})
        bad = await tools.call("read_file", {"file": "notes.txt"})
    assert wrote == ToolResult(success=True, result="Successfully wrote to notes.txt")
    assert missing.model_dump() == {
        "success": False, "result": "Error reading file: [Errno 2] No such file or directory: 'nope.txt'"
    }  # fmt: skip
    assert not bad.success and "unknown argument 'file'" in bad.result
    with pytest.raises(ValidationError):
        wrote.success = False  # type: ignore[misc]  # a result is not edited on its way to the model


def _fake():
    from mle_env.sandbox import open_sandbox

    return open_sandbox(FakeSandboxConfig(), files={"README.md": "# toy\n"})


def _locs(e: ValidationError) -> list[tuple]:
    return [err["loc"] for err in e.errors()]


def test_a_tool_result_without_success_or_with_a_non_bool_is_refused():
    with pytest.raises(ValidationError) as e:
        ToolResult.model_validate({"result": "ok"})
    assert _locs(e.value) == [("success",)] and e.value.errors()[0]["type"] == "missing"
    with pytest.raises(ValidationError) as e:
        ToolResult(success="yes", result="ok")  # type: ignore[arg-type]  # strict: no "yes" for True
    assert _locs(e.value) == [("success",)]
    with pytest.raises(ValidationError) as e:
        ToolResult(success=True, result=None)  # type: ignore[arg-type]
    assert _locs(e.value) == [("result",)]


async def test_a_malformed_sample_result_or_evaluation_is_refused_naming_the_field(tmp_path):
    task = load_task(EXAMPLE)
    await run_sample(task, str(EXAMPLE), make_agent("oracle"), sandbox=SCRIPTED, out_dir=tmp_path, evaluate=True)
    good = _saved(tmp_path)

    def refused(record: dict, model: type = SampleResult) -> list[tuple]:
        with pytest.raises(ValidationError) as e:
            model.model_validate(record)
        return _locs(e.value)

    assert refused({k: v for k, v in good.items() if k != "answer"}) == [("answer",)]
    assert refused({**good, "metadata": {**good["metadata"], "turns": "many"}}) == [("metadata", "turns")]
    assert ("evalution",) in refused({**good, "evalution": good["evaluation"]})  # a typo'd key is not written
    ev = good["evaluation"]
    broken = {**ev, "results": [{**ev["results"][0], "passed": "maybe"}, *ev["results"][1:]]}
    assert refused(broken, Evaluation) == [("results", 0, "passed")]
    assert refused({k: v for k, v in ev.items() if k != "score"}, Evaluation) == [("score",)]
