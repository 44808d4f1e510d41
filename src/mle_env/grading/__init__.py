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
from mle_env.grading.score import benchmark_score
from mle_env.records import Evaluation
from mle_env.sandbox import open_sandbox
from mle_env.store import response_files
from mle_env.task import Task, encode_binary

GRADER_DIR = ".mle_env_grader"
VERIFY_PATH = f"{GRADER_DIR}/verify.py"
"""Where the hidden verification script is written — in the grader's own fresh sandbox only."""
EXPECTED_PATH = f"{GRADER_DIR}/expected.json"
LAUNCHER = f"""
import ctypes, os, shutil, sys, __main__
ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE 0: same-uid code cannot ptrace us or open /proc/PID/fd
with open({VERIFY_PATH!r}, encoding="utf-8") as f:
    __main__.__source = f.read()
with open({EXPECTED_PATH!r}, encoding="utf-8") as f:
    sys.argv = ["verify.py", f.read()]
shutil.rmtree({GRADER_DIR!r})  # nothing of the grader's is left on disk for the agent's code to read or change
sys.stdout = os.fdopen(os.dup(1), "w")  # the verdict channel: close-on-exec, never inherited
os.dup2(2, 1)  # whatever else writes to fd 1 (the agent's code, if the verifier lets it inherit) goes to stderr
__main__.__file__ = "verify.py"
exec(compile(__main__.__dict__.pop("__source"), "verify.py", "exec"), vars(__main__))
"""
"""Starts the verifier (``python -I -c LAUNCHER`` at the workspace root): it reads the script and
its expected values, removes them from disk, keeps a private verdict channel on a close-on-exec
descriptor, and makes itself non-dumpable, before any of the agent's code runs. The expected
values never appear on a command line (``/proc/PID/cmdline`` is world-readable)."""
NO_JUDGE = "no LLM judge configured (--judge-model none); this criterion needs one"


def runs_in_sandbox(c: Criterion) -> bool:
    """Is ``c`` decided by running code in a sandbox (the hidden verification, ``revised_code_runs``)?"""
    return c.method == "verify" or (c.check is not None and c.check.check == "revised_code_runs")


async def grade(task: Task, workspace: Path, answer: str = "", *, sandbox: Any, judge: Any = None,
                ran: dict[int, tuple[bool | None, str]] | None = None) -> dict[str, Any]:  # fmt: skip
    """The evaluation object for the agent's ``workspace`` (reference shape plus breakdowns): a
    ``records.Evaluation`` (its schema), returned as its ``to_record()`` dict.

    ``judge`` is a ``grading.judge.Judge`` or None (judged criteria are then ungraded). ``ran``:
    verdicts already known, by criterion index, for criteria that run in a sandbox; those are not
    run again (``mle-env validate`` grades every floor strategy, which all submit the same script,
    from one run of it).
    """
    criteria = criteria_of(task)
    decided: dict[int, tuple[bool | None, str]] = {}
    known = {c.index: ran[c.index] for c in criteria if ran and c.index in ran and runs_in_sandbox(c)}
    decided.update(known)
    runs = [c for c in criteria if runs_in_sandbox(c) and c.index not in known]
    for c in criteria:
        if c.method == "file":
            decided[c.index] = file_exists(workspace, c.path or "")
        elif c.method == "check" and c.check and c.check.check in FILE_CHECKS:
            # the project's original files come from the task, never from the agent's workspace
            decided[c.index] = FILE_CHECKS[c.check.check](workspace, **_with_defaults(c.check.args),
                                                          project=task.task_files)  # fmt: skip
        elif c.method == "judge" and judge is None:
            decided[c.index] = (None, NO_JUDGE)
    judged = [c for c in criteria if c.method == "judge"]
    response = response_files(workspace) if runs or (judge is not None and judged) else {}
    if runs:
        decided.update(await _run_checks(task, response, runs, sandbox))
    if judge is not None and judged:
        decided.update(await _judge_all(task, response, answer, judged, judge))
    ev = _score(criteria, decided, getattr(judge, "name", None))
    ev["benchmark"] = benchmark_score(criteria, decided, alternative=_acceptable_code(task, workspace))
    if judge is not None:
        ev["judge_usage"] = {**judge.usage.model_dump(), "total_tokens": judge.usage.total_tokens}
        ev["judge_cost"] = judge.cost
        ev["judge_calls"] = judge.calls
    return Evaluation.model_validate(ev).to_record()


def _acceptable_code(task: Task, workspace: Path) -> str | None:
    """The report's error code when the task lists it as an acceptable alternative, else None."""
    accepted = task.ext.acceptable_error_types if task.mle_env else {}
    if not accepted:
        return None
    from mle_env.grading.checks import _report  # noqa: PLC0415

    data, _ = _report(workspace, "response/report.json")
    code = data.get("error_type") if data else None
    return code if isinstance(code, str) and code in accepted else None


async def _judge_all(
    task: Task, response: dict[str, bytes], answer: str, judged: list[Criterion], judge: Any
) -> dict[int, tuple[bool | None, str]]:
    from mle_env.grading.judge import evidence

    shown = {f"response/{rel}": data.decode("utf-8", errors="replace") for rel, data in response.items()}
    code = {p: t for p, t in task.task_files.items() if p.endswith(".py")}
    proof = evidence(answer, shown, code)
    verdicts = await asyncio.gather(*(judge.decide(c.text, c.points, proof) for c in judged))
    return {c.index: v for c, v in zip(judged, verdicts, strict=True)}


def _with_defaults(args: dict[str, Any]) -> dict[str, Any]:
    return {"path": "response/report.json", **args}


async def _run_checks(
    task: Task, response: dict[str, bytes], runs: list[Criterion], sandbox: Any
) -> dict[int, tuple[bool | None, str]]:
    """Run the agent's fix (and the hidden verification): each run in a fresh sandbox of its own,
    so what one run of the agent's code does cannot reach the next or the verifier's files."""
    files = _with_response(task, response)

    async def one(c: Criterion) -> tuple[int, tuple[bool | None, str]]:
        if c.method == "verify":
            return c.index, await _verify_in_sandbox(task, files, sandbox)
        async with open_sandbox(sandbox, task, files=files) as sb:
            return c.index, await _revised_runs(sb, c.check.args if c.check else {})

    return dict([await one(c) for c in runs])


def _with_response(task: Task, response: dict[str, bytes]) -> dict[str, str]:
    files = dict(task.task_files)
    for rel, data in response.items():
        try:
            files[f"response/{rel}"] = data.decode("utf-8")
        except UnicodeDecodeError:
            files[f"response/{rel}"] = encode_binary(data)
    return files


async def verify_fix(task: Task, response: dict[str, bytes], sandbox: Any) -> tuple[bool | None, str]:
    """Only the hidden verification, on ``response`` (paths under ``response/``), in a fresh sandbox.

    For task authors (``mle-env validate``): does verification reject the original code?
    """
    if task.ext.verify is None:
        return None, "the task has no verification script"
    return await _verify_in_sandbox(task, _with_response(task, response), sandbox)


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


async def _verify_in_sandbox(task: Task, files: dict[str, str], sandbox: Any) -> tuple[bool | None, str]:
    """The hidden verification in a fresh sandbox of its own, started by ``LAUNCHER``.

    The task's own files (all but ``response/``) are bound read-only, so the agent's code the
    verifier runs cannot edit what the verifier reads next.
    """
    verify = task.ext.verify
    if verify is None:
        return None, "the task declares a verify check but no verification script"
    files = {**files, VERIFY_PATH: verify.script, EXPECTED_PATH: json.dumps(verify.expected)}
    readonly = sorted({rel.split("/", 1)[0] for rel in task.task_files} - {"response", GRADER_DIR})
    async with open_sandbox(sandbox, task, files=files, readonly=readonly) as sb:
        res = await sb.exec(["python", "-I", "-c", LAUNCHER], timeout=float(verify.timeout))
    return verdict_of(res)


def verdict_of(res: Any) -> tuple[bool, str]:
    """The verifier's verdict: its last JSON line with a boolean ``passed``, and only if it then
    exited 0 in time. A verifier that was killed, timed out or printed no verdict *fails*: it is
    the agent's code that it ran (and that may have killed it), never "ungraded"."""
    if res.timed_out:
        return False, f"verification timed out after {res.duration:.0f} s (the fix ran too long); it fails"
    if res.exit_code != 0:
        how = f"killed by signal {res.signal}" if res.signal else f"exit {res.exit_code}"
        return False, f"verification ended abnormally ({how}: {res.stderr.strip()[-300:]}); it fails"
    for line in reversed(res.stdout.strip().splitlines()):
        try:
            verdict = json.loads(line)
        except (ValueError, RecursionError):  # a 5,000-digit number is a ValueError too
            continue
        if isinstance(verdict, dict) and isinstance(verdict.get("passed"), bool):
            details = json.dumps(verdict.get("details", {}), default=str)[:1500]
            return verdict["passed"], f"verification {'passed' if verdict['passed'] else 'failed'}: {details}"
    return False, f"the verification script gave no verdict ({res.stderr.strip()[-300:]}); it fails"


def _score(
    criteria: list[Criterion], decided: dict[int, tuple[bool | None, str]], judge_model: str | None
) -> dict[str, Any]:
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
