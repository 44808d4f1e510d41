"""Measuring a judge against human labels: accuracy, precision, recall, F1, Cohen's κ, cost.

A labelled case (one JSON object per line) holds ``criterion``, ``points``, the evidence
(``answer``, ``response`` files, original ``code`` files) and the human verdict ``human``;
``category`` and ``id`` are optional. See docs/grading.md.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from mle_env.errors import RunError
from mle_env.grading.judge import Judge, evidence


def load_cases(path: str | Path) -> list[dict[str, Any]]:
    cases = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as e:
            raise RunError(f"{path} line {n}: not JSON ({e.msg})") from None
        missing = [k for k in ("criterion", "points", "human") if k not in case]
        if missing or not isinstance(case.get("human"), bool):
            raise RunError(f"{path} line {n}: needs criterion, points and a true/false human verdict")
        cases.append(case)
    if not cases:
        raise RunError(f"{path}: no cases")
    return cases


def agreement(pairs: list[tuple[bool, bool]]) -> dict[str, float | int | None]:
    """Metrics of judge verdicts against human ones, over the decided pairs ``(judge, human)``."""
    n = len(pairs)
    tp = sum(1 for j, h in pairs if j and h)
    tn = sum(1 for j, h in pairs if not j and not h)
    fp = sum(1 for j, h in pairs if j and not h)
    fn = sum(1 for j, h in pairs if not j and h)
    if not n:
        return {"n": 0, "accuracy": None, "precision": None, "recall": None, "f1": None, "kappa": None}
    acc = (tp + tn) / n
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    if precision is None or recall is None:
        f1 = None
    else:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    p_yes = ((tp + fp) / n) * ((tp + fn) / n)
    p_no = ((tn + fn) / n) * ((tn + fp) / n)
    chance = p_yes + p_no
    kappa = (acc - chance) / (1 - chance) if chance < 1 else None
    return {"n": n, "accuracy": acc, "precision": precision, "recall": recall, "f1": f1, "kappa": kappa,
            "tp": tp, "tn": tn, "fp": fp, "fn": fn}  # fmt: skip


async def evaluate_judge(judge: Judge, cases: list[dict[str, Any]]) -> dict[str, Any]:
    async def one(case: dict[str, Any]) -> tuple[bool | None, str]:
        proof = evidence(case.get("answer", ""), case.get("response", {}), case.get("code", {}))
        return await judge.decide(case["criterion"], int(case["points"]), proof)

    verdicts = await asyncio.gather(*(one(c) for c in cases))
    rows = [
        {"id": c.get("id", str(i)), "category": c.get("category"), "human": c["human"], "judge": v, "reasoning": why}
        for i, (c, (v, why)) in enumerate(zip(cases, verdicts))
    ]
    decided = [(r["judge"], r["human"]) for r in rows if r["judge"] is not None]
    return {
        "judge_model": judge.name,
        "cases": len(rows),
        "ungraded": sum(1 for r in rows if r["judge"] is None),
        **agreement(decided),
        "judge_calls": judge.calls,
        "judge_usage": {**judge.usage.model_dump(), "total_tokens": judge.usage.total_tokens},
        "judge_cost": judge.cost,
        "rows": rows,
    }
