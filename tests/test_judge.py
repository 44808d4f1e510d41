"""The LLM judge through LiteLLM against a local OpenAI-format server: verdicts, retries, ungraded, cache, votes."""

from __future__ import annotations

import json

import pytest
from fakes.providers import Fail, FakeOpenAI, Reply, block_non_loopback_network

from mle_env.grading import grade
from mle_env.grading.judge import Judge, cut, parse_verdict
from mle_env.sandbox import make_config
from mle_env.task import validate_data

TASK, _ = validate_data(
    {
        "task_id": "judge-toy",
        "prompt": "x",
        "rubric_text": "+5|EXPLANATION|Explains that the scaler saw the test rows|\n-3|PENALTY|Invents a second bug|",
        "task_files": {"src/train.py": "import sklearn\nprint('hi')\n"},
    }
)


@pytest.fixture(autouse=True)
def no_network():
    with block_non_loopback_network() as guard:
        yield
    assert not guard.attempts


@pytest.fixture
def workspace(tmp_path):
    ws = tmp_path / "ws"
    (ws / "response").mkdir(parents=True)
    (ws / "response/report.json").write_text('{"error_type": "DATA_LEAKAGE", "explanation": "the scaler saw the test rows"}')
    return ws


def verdicts(**by_word):
    """A script item answering by which criterion the request is about."""

    def answer(req):
        prompt = req["messages"][-1]["content"]
        for word, passed in by_word.items():
            if word in prompt.split("## The agent")[0]:
                return Reply(text=json.dumps({"reasoning": f"about {word}", "passed": passed}), usage=(50, 10))
        return Fail(500)

    return answer


def judge(srv, tmp_path, **kw):
    return Judge("openai/fake-judge", api_base=srv.api_base, api_key="sk-test", cache_dir=tmp_path / "cache",
                 retry_base=0.01, **kw)  # fmt: skip


async def test_verdicts_score_and_penalty(workspace, tmp_path):
    with FakeOpenAI([verdicts(scaler=True, second=False)] * 2) as srv:
        j = judge(srv, tmp_path)
        ev = await grade(TASK, workspace, "FINAL: leak", sandbox=make_config("bwrap"), judge=j)
        sent = srv.requests[0]
    assert [r["passed"] for r in ev["results"]] == [True, False]
    assert ev["score"] == 5 and ev["percentage"] == 100.0 and ev["ungraded_points"] == 0
    assert ev["judge_model"] == "openai/fake-judge" and ev["judge_calls"] == 2
    assert ev["judge_usage"]["total_tokens"] == 120
    body = sent.body
    assert body["temperature"] == 0 and body["seed"] == 0
    user = body["messages"][-1]["content"]
    assert "the scaler saw the test rows" in user and "   1 | import sklearn" in user  # files and numbered code


async def test_invalid_json_gets_one_retry_then_is_ungraded(workspace, tmp_path):
    ok = Reply(text='```json\n{"reasoning": "fine", "passed": true}\n```')
    with FakeOpenAI([Reply(text="yes!"), ok, Reply(text="no json"), Reply(text="still none")]) as srv:
        j = judge(srv, tmp_path, concurrency=1)
        ev = await grade(TASK, workspace, sandbox=make_config("bwrap"), judge=j)
    first, second = ev["results"]
    assert first["passed"] is True
    assert second["passed"] is None and "not valid JSON twice" in second["reasoning"]
    assert ev["ungraded_points"] == 3


async def test_a_provider_error_leaves_the_criterion_ungraded_not_failed(workspace, tmp_path):
    with FakeOpenAI([Fail(401), Fail(401)]) as srv:
        ev = await grade(TASK, workspace, sandbox=make_config("bwrap"), judge=judge(srv, tmp_path))
    assert all(r["passed"] is None and "judge failed" in r["reasoning"] for r in ev["results"])
    assert ev["percentage"] is None and ev["ungraded_points"] == 8


async def test_an_unchanged_regrade_is_served_from_the_cache(workspace, tmp_path):
    with FakeOpenAI([verdicts(scaler=True, second=False)] * 2) as srv:
        first = await grade(TASK, workspace, sandbox=make_config("bwrap"), judge=judge(srv, tmp_path))
        again = judge(srv, tmp_path)
        second = await grade(TASK, workspace, sandbox=make_config("bwrap"), judge=again)
        assert len(srv.requests) == 2
    assert again.calls == 0 and [r["passed"] for r in second["results"]] == [r["passed"] for r in first["results"]]
    (workspace / "response/report.json").write_text('{"explanation": "changed"}')
    with FakeOpenAI([verdicts(scaler=False, second=False)] * 2) as srv:
        third = await grade(TASK, workspace, sandbox=make_config("bwrap"), judge=judge(srv, tmp_path))
        assert len(srv.requests) == 2  # new evidence, new calls
    assert third["results"][0]["passed"] is False


async def test_majority_vote(workspace, tmp_path):
    one = TASK.model_copy(update={"rubric_text": "+5|EXPLANATION|Explains the leak|"})
    votes = [Reply(text=json.dumps({"reasoning": "r", "passed": p})) for p in (True, False, True)]
    with FakeOpenAI(votes) as srv:
        ev = await grade(one, workspace, sandbox=make_config("bwrap"), judge=judge(srv, tmp_path, samples=3))
    assert ev["results"][0]["passed"] is True and ev["results"][0]["reasoning"].startswith("2 of 3 samples")


def test_a_judge_without_credentials_is_ungraded_with_the_reason(monkeypatch, tmp_path):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    j = Judge("openai/gpt-4o-mini", cache_dir=tmp_path)
    assert j.unavailable and "OPENAI_API_KEY" in j.unavailable


def test_parse_and_cut():
    assert parse_verdict('{"reasoning": "r", "passed": false}') == (False, "r")
    assert parse_verdict("Sure! {\"passed\": true}") == (True, "")
    assert parse_verdict('{"passed": "yes"}') is None and parse_verdict(None) is None
    assert cut("abc", 10, "x") == "abc"
    assert "more characters not shown" in cut("a" * 50, 10, "answer")
