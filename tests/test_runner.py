"""One sample end to end with the agents that need no LLM: result JSON, trajectory, response files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mle_env.runner import agent_view, make_agent, run_sample
from mle_env.sandbox import make_config
from mle_env.task import load_task

EXAMPLE = Path(__file__).parents[1] / "tasks" / "biopsy-response-classifier.json"


@pytest.fixture(scope="module")
def task():
    return load_task(EXAMPLE)


def _overlaps(loc, truth):
    lo, hi = loc["lines"]
    return loc["file"] == truth.file and lo <= truth.lines[1] and truth.lines[0] <= hi


async def test_baseline_names_the_examples_error_and_lines(task, tmp_path):
    result = await run_sample(task, str(EXAMPLE), make_agent("baseline"), sandbox=make_config("bwrap"), out_dir=tmp_path)
    assert result["metadata"]["status"] == "completed"
    sample = tmp_path / "biopsy-response-classifier"
    report = json.loads((sample / "response/report.json").read_text())
    assert report["error_type"] in task.ext.expected_error_types
    assert set(report) == {"error_type", "locations", "explanation", "proposed_fix"}
    assert any(_overlaps(loc, task.ext.bug_locations[0]) for loc in report["locations"]), report["locations"]
    assert (sample / "response/revised_code.py").exists()
    assert result["response_files"] == ["report.json", "revised_code.py"]
    runs = [e for e in result["trace"] if e["event"] == "tool_call" and e["name"] == "bash_exec"]
    assert runs and runs[-1]["arguments"]["command"] == "python response/revised_code.py"
    saved = json.loads((tmp_path / "result_biopsy-response-classifier.json").read_text())
    assert saved["answer"].startswith(report["error_type"]) and saved["model"] == "baseline"


async def test_baseline_never_sees_hidden_data(task):
    view = agent_view(task, make_agent("baseline"))
    assert view.mle_env is None and view.task_id == "task"
    assert view.task_files == task.task_files and view.prompt == task.prompt
    assert agent_view(task, make_agent("oracle")) is task


async def test_oracle_writes_the_reference_solution(task, tmp_path):
    result = await run_sample(task, str(EXAMPLE), make_agent("oracle"), sandbox=make_config("bwrap"), out_dir=tmp_path)
    sample = tmp_path / "biopsy-response-classifier" / "response"
    for path, content in task.ext.solution.items():
        assert (sample / Path(path).relative_to("response")).read_text() == content
    assert result["metadata"]["status"] == "completed" and result["metadata"]["cost"] == 0.0


async def test_none_leaves_the_workspace_empty(task, tmp_path):
    result = await run_sample(task, str(EXAMPLE), make_agent("none"), sandbox=make_config("bwrap"), out_dir=tmp_path)
    assert result["response_files"] == [] and result["answer"] == ""


async def test_a_sandbox_that_cannot_start_is_an_infra_result(task, tmp_path):
    from mle_env.sandbox import BwrapConfig

    broken = BwrapConfig(bwrap=str(tmp_path / "missing-bwrap"))
    result = await run_sample(task, str(EXAMPLE), make_agent("none"), sandbox=broken, out_dir=tmp_path)
    assert result["metadata"]["status"] == "error" and result["metadata"]["error_class"] == "infra"
    assert json.loads((tmp_path / "result_biopsy-response-classifier.json").read_text())["metadata"]["error_class"] == "infra"


async def test_response_files_are_read_safely_after_the_agent_is_gone(task, tmp_path):
    """Leftover processes, links, FIFOs and unreadable files in response/ cannot reach the host's copy."""
    from mle_env.agent import Limits, LLMAgent
    from mle_env.models import ScriptedModel, turn

    script = (
        "mkdir -p response; echo ok > response/report.json; ln -s /etc/hostname response/link.txt; "
        "mkfifo response/pipe; echo x > response/locked.txt; chmod 000 response/locked.txt; "
        "(while true; do ln -sf /etc/passwd response/late.txt; sleep 0.01; done) & sleep 30"
    )
    agent = LLMAgent(ScriptedModel([turn(None, ("bash_exec", {"command": script, "timeout": 60}))]), Limits(max_seconds=1))
    agent.name = "scripted"
    result = await run_sample(task, str(EXAMPLE), agent, sandbox=make_config("bwrap"), out_dir=tmp_path)
    assert result["metadata"]["status"] == "max_time"
    assert result["response_files"] in (["report.json"], ["locked.txt", "report.json"])
    copied = tmp_path / "biopsy-response-classifier" / "response"
    assert not (copied / "link.txt").exists() and not (copied / "late.txt").exists()


async def test_a_rerun_never_shows_the_previous_runs_files(task, tmp_path):
    await run_sample(task, str(EXAMPLE), make_agent("oracle"), sandbox=make_config("bwrap"), out_dir=tmp_path)
    result = await run_sample(task, str(EXAMPLE), make_agent("none"), sandbox=make_config("bwrap"), out_dir=tmp_path)
    assert result["response_files"] == []
    assert not (tmp_path / "biopsy-response-classifier" / "response").exists()
