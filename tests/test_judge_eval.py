"""Judge meta-evaluation: metrics against human labels, on the shipped labelled set."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fakes.providers import Fail, FakeOpenAI, Reply

from mle_env.grading.meta import agreement, load_cases

CASES = Path(__file__).parent / "data" / "judge_cases.jsonl"


def test_agreement_metrics_by_hand():
    # judge vs human: TP=3, TN=4, FP=1, FN=2 over 10
    pairs = [(True, True)] * 3 + [(False, False)] * 4 + [(True, False)] + [(False, True)] * 2
    m = agreement(pairs)
    assert (m["tp"], m["tn"], m["fp"], m["fn"]) == (3, 4, 1, 2)
    assert m["accuracy"] == pytest.approx(0.7)
    assert m["precision"] == pytest.approx(0.75) and m["recall"] == pytest.approx(0.6)
    assert m["f1"] == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    chance = 0.4 * 0.5 + 0.6 * 0.5
    assert m["kappa"] == pytest.approx((0.7 - chance) / (1 - chance))
    assert agreement([])["accuracy"] is None


def test_the_shipped_labelled_set_covers_every_category_and_both_verdicts():
    cases = load_cases(CASES)
    cats = {c["category"] for c in cases}
    assert {"identification", "localization", "explanation", "fix proposal", "fix implementation", "format",
            "output files", "penalties"} <= cats  # fmt: skip
    assert {c["human"] for c in cases} == {True, False}
    assert len({c["id"] for c in cases}) == len(cases)


def test_cli_judge_eval_against_a_local_judge(tmp_path):
    cases = load_cases(CASES)
    yes = Reply(text=json.dumps({"reasoning": "looks fine", "passed": True}), usage=(100, 20))
    env = {**os.environ, "OPENAI_API_KEY": "sk-test", "MLE_ENV_CACHE": str(tmp_path)}
    with FakeOpenAI([yes] * len(cases)) as srv:
        res = subprocess.run(
            [sys.executable, "-m", "mle_env.cli", "judge-eval", str(CASES), "--judge-model", "openai/fake-judge",
             "--judge-api-base", srv.api_base, "--format", "json"],
            capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
        assert len(srv.requests) == len(cases)
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    positives = sum(c["human"] for c in cases)
    assert report["cases"] == len(cases) and report["ungraded"] == 0
    assert report["accuracy"] == pytest.approx(positives / len(cases))  # a judge that always says yes
    assert report["recall"] == 1.0 and report["kappa"] == pytest.approx(0.0)
    assert report["judge_usage"]["total_tokens"] == 120 * len(cases) and report["judge_cost"] is None


def test_judge_eval_without_a_key_refuses_up_front(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "MLE_ENV_JUDGE_MODEL")}
    res = subprocess.run(
        [sys.executable, "-m", "mle_env.cli", "judge-eval", str(CASES), "--judge-model", "openai/gpt-4o"],
        capture_output=True, text=True, env={**env, "MLE_ENV_CACHE": str(tmp_path)}, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert res.returncode == 2
    assert res.stderr.strip() == ("mle-env: --judge-model openai/gpt-4o needs OPENAI_API_KEY: "
                                  "set it in the environment or in a .env file in this directory")  # fmt: skip
    assert "disagree" not in res.stdout and "accuracy" not in res.stdout


def test_judge_eval_fails_when_the_judge_decides_no_case(tmp_path):
    """A judge that errs on every case measured nothing: exit 1 saying so, not 'accuracy n/a' and 0."""
    cases = load_cases(CASES)
    env = {**os.environ, "OPENAI_API_KEY": "sk-test", "MLE_ENV_CACHE": str(tmp_path)}
    with FakeOpenAI([Fail(400, message="model not found")] * len(cases)) as srv:
        res = subprocess.run(
            [sys.executable, "-m", "mle_env.cli", "judge-eval", str(CASES), "--judge-model", "openai/fake-judge",
             "--judge-api-base", srv.api_base],
            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
        )  # fmt: skip
    assert res.returncode == 1, res.stdout + res.stderr
    assert f"the judge gave no verdict on any of the {len(cases)} case(s)" in res.stderr
    assert "model not found" in res.stderr
    assert "disagree" not in res.stdout and "accuracy n/a" not in res.stdout
