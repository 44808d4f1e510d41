"""Grading: each rubric criterion decided by a file check, a deterministic check, a run of
the fix in a fresh sandbox, or (where nothing deterministic can decide) an LLM judge.

A criterion nothing could decide is *ungraded*: listed with the reason, left out of the
graded total, never counted as failed.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
from pathlib import Path
from typing import Any

from mle_env.grading.checks import FILE_CHECKS, file_exists
from mle_env.grading.rubric import CATEGORIES, Criterion, criteria_of
from mle_env.sandbox import open_sandbox
from mle_env.store import response_files
from mle_env.task import Task, encode_binary

VERIFY_PATH = ".mle_env_grader/verify.py"
"""Where the hidden verification script is written — in the grader's own fresh sandbox only."""
NO_JUDGE = "no LLM judge configured (--judge-model none); this criterion needs one"


async def grade(task: Task, workspace: Path, answer: str = "", *, sandbox: Any, judge: Any = None) -> dict[str, Any]:
    """The evaluation object for the agent's ``workspace`` (reference shape plus breakdowns).

    ``judge`` is a ``grading.judge.Judge`` or None (judged criteria are then ungraded).
    """
    criteria = criteria_of(task)
    decided: dict[int, tuple[bool | None, str]] = {}
    runs = [c for c in criteria if c.method == "verify" or (c.check and c.check.check == "revised_code_runs")]
    for c in criteria:
        if c.method == "file":
            decided[c.index] = file_exists(workspace, c.path or "")
        elif c.method == "check" and c.check and c.check.check in FILE_CHECKS:
            decided[c.index] = FILE_CHECKS[c.check.check](workspace, **_with_defaults(c.check.args))
        elif c.method == "judge" and judge is None:
            decided[c.index] = (None, NO_JUDGE)
    judged = [c for c in criteria if c.method == "judge"]
    response = response_files(workspace) if runs or (judge is not None and judged) else {}
    if runs:
        decided.update(await _run_checks(task, response, runs, sandbox))
    if judge is not None and judged:
        decided.update(await _judge_all(task, response, answer, judged, judge))
    ev = _score(criteria, decided, getattr(judge, "name", None))
    if judge is not None:
        ev["judge_usage"] = {**judge.usage.model_dump(), "total_tokens": judge.usage.total_tokens}
        ev["judge_cost"] = judge.cost
        ev["judge_calls"] = judge.calls
    return ev


async def _judge_all(
    task: Task, response: dict[str, bytes], answer: str, judged: list[Criterion], judge: Any
) -> dict[int, tuple[bool | None, str]]:
    from mle_env.grading.judge import evidence

    shown = {f"response/{rel}": data.decode("utf-8", errors="replace") for rel, data in response.items()}
    code = {p: t for p, t in task.task_files.items() if p.endswith(".py")}
    proof = evidence(answer, shown, code)
    verdicts = await asyncio.gather(*(judge.decide(c.text, c.points, proof) for c in judged))
    return {c.index: v for c, v in zip(judged, verdicts)}


def _with_defaults(args: dict[str, Any]) -> dict[str, Any]:
    return {"path": "response/report.json", **args}


async def _run_checks(
    task: Task, response: dict[str, bytes], runs: list[Criterion], sandbox: Any
) -> dict[int, tuple[bool | None, str]]:
    """Run the agent's fix (and the hidden verification) in one fresh sandbox of the task."""
    files = dict(task.task_files)
    for rel, data in response.items():
        try:
            files[f"response/{rel}"] = data.decode("utf-8")
        except UnicodeDecodeError:
            files[f"response/{rel}"] = encode_binary(data)
    verify = task.ext.verify
    if verify is not None:
        files[VERIFY_PATH] = verify.script
    out: dict[int, tuple[bool | None, str]] = {}
    async with open_sandbox(sandbox, task, files=files) as sb:
        for c in runs:
            if c.method == "verify":
                out[c.index] = await _verify(sb, verify)
            else:
                out[c.index] = await _revised_runs(sb, c.check.args if c.check else {})
    return out


async def verify_fix(task: Task, response: dict[str, bytes], sandbox: Any) -> tuple[bool | None, str]:
    """Only the hidden verification, on ``response`` (paths under ``response/``), in a fresh sandbox.

    For task authors (``mle-env validate``): does verification reject the original code?
    """
    files = dict(task.task_files)
    files.update({f"response/{rel}": data.decode("utf-8") for rel, data in response.items()})
    verify = task.ext.verify
    if verify is None:
        return None, "the task has no verification script"
    files[VERIFY_PATH] = verify.script
    async with open_sandbox(sandbox, task, files=files) as sb:
        return await _verify(sb, verify)


async def _revised_runs(sb: Any, args: dict[str, Any]) -> tuple[bool, str]:
    path = args.get("path", "response/revised_code.py")
    cmd = args.get("command") or f"python {path}"
    res = await sb.exec(["bash", "-c", cmd], timeout=float(args.get("timeout", 300)))
    if res.timed_out:
        return False, f"`{cmd}` timed out"
    if res.exit_code != 0:
        return False, f"`{cmd}` exited {res.exit_code}: {res.stderr.strip()[-300:]}"
    pattern = args.get("stdout_pattern")
    if pattern:
        matched, why = await search_bounded(pattern, res.stdout)
        if not matched:
            return False, why or f"`{cmd}` ran but its output does not match {pattern!r}"
    return True, f"`{cmd}` ran cleanly"


_SEARCH = "import re, sys; sys.exit(0 if re.search(sys.argv[1], sys.stdin.read()) else 1)"


async def search_bounded(pattern: str, text: str, seconds: float = 10.0) -> tuple[bool, str | None]:
    """``re.search`` in a child process killed after ``seconds``: a task's pattern (a task may come
    from an API caller) cannot stall the harness with catastrophic backtracking."""
    try:
        re.compile(pattern)
    except re.error as e:
        return False, f"stdout_pattern {pattern!r} is not a valid regular expression: {e}"
    proc = await asyncio.create_subprocess_exec(sys.executable, "-I", "-S", "-c", _SEARCH, pattern,
                                                stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.DEVNULL,
                                                stderr=asyncio.subprocess.DEVNULL)  # fmt: skip
    try:
        await asyncio.wait_for(proc.communicate(text.encode("utf-8", "replace")), seconds)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        return False, f"matching stdout_pattern {pattern!r} took over {seconds:g} s; the check fails"
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    return proc.returncode == 0, None


async def _verify(sb: Any, verify: Any) -> tuple[bool | None, str]:
    if verify is None:
        return None, "the task declares a verify check but no verification script"
    res = await sb.exec(["python", VERIFY_PATH, json.dumps(verify.expected)], timeout=float(verify.timeout))
    for line in reversed(res.stdout.strip().splitlines()):
        try:
            verdict = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(verdict, dict) and isinstance(verdict.get("passed"), bool):
            details = json.dumps(verdict.get("details", {}), default=str)[:1500]
            return verdict["passed"], f"verification {'passed' if verdict['passed'] else 'failed'}: {details}"
    why = "timed out" if res.timed_out else f"exit {res.exit_code}: {res.stderr.strip()[-300:]}"
    return None, f"the verification script gave no verdict ({why})"


def _score(criteria: list[Criterion], decided: dict[int, tuple[bool | None, str]], judge_model: str | None) -> dict[str, Any]:
    results, score, total, graded_total, ungraded_points = [], 0, 0, 0, 0
    breakdown = {cat: {"earned": 0, "possible": 0, "ungraded": 0} for cat in CATEGORIES}
    for c in criteria:
        passed, reasoning = decided.get(c.index, (None, "not decided"))
        earned = c.points if passed else 0  # a penalty's "passed" means its behaviour is present
        b = breakdown[c.category]
        if c.points > 0:
            total += c.points
            b["possible"] += c.points
        if passed is None:
            ungraded_points += abs(c.points)
            b["ungraded"] += abs(c.points)
        else:
            score += earned
            b["earned"] += earned
            graded_total += max(c.points, 0)
        results.append({
            "criterion": c.text, "type": c.type, "points": c.points, "passed": passed, "method": c.method,
            "reasoning": reasoning, "category": c.category, "index": c.index,
        })  # fmt: skip
    return {
        "score": score,
        "total_possible": total,
        "percentage": round(100 * score / graded_total, 2) if graded_total else None,
        "results": results,
        "graded_possible": graded_total,
        "ungraded_points": ungraded_points,
        "ungraded_criteria": sum(1 for r in results if r["passed"] is None),
        "breakdown": {k: v for k, v in breakdown.items() if v["possible"] or v["earned"] or v["ungraded"]},
        "judge_model": judge_model,
    }
