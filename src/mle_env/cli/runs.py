"""Commands that run agents and grade them: run, demo, grade, judge-eval, lint."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from mle_env.cli.common import _judge, _read_prices, _sandbox_config, _task_paths
from mle_env.errors import RunError
from mle_env.task import find_tasks, load_task

async def _run(args: argparse.Namespace) -> int:
    from mle_env.agent import Limits
    from mle_env.runner import make_agent, run_sample

    paths = _task_paths(args)
    stems: dict[str, Path] = {}
    for p in paths:
        if p.stem in stems:
            raise RunError(f"{p} and {stems[p.stem]} would write the same result_{p.name}; rename one")
        stems[p.stem] = p
    tasks = [(p, load_task(p)) for p in paths]  # every task file is checked before anything runs
    llm = {
        k: v
        for k, v in {
            "temperature": args.temperature,
            "api_base": args.api_base,
            "max_tokens": args.max_tokens,
            "reasoning_effort": args.reasoning_effort,
            "seed": args.seed,
            "prices": _read_prices(args.prices) if args.prices else None,
        }.items()
        if v is not None
    }
    limits = Limits(
        max_turns=args.max_turns, max_tokens=args.max_total_tokens, max_seconds=args.max_seconds, max_cost=args.max_cost
    )
    cfg = _sandbox_config(args)
    judge = None if args.no_eval else _judge(args)
    out = Path(args.output_dir)
    worst = 0
    for path, task in tasks:
        agent = make_agent(args.model, limits=limits, **llm)
        result = await run_sample(
            task, str(path), agent, sandbox=cfg, out_dir=out, temperature=args.temperature,
            evaluate=not args.no_eval, judge=judge,
        )  # fmt: skip
        meta = result["metadata"]
        first = (result["answer"] or "").strip().splitlines()[:1]
        print(
            f"{task.task_id}: {meta['status']} in {meta.get('turns', 0)} turn(s), {meta.get('tool_calls', 0)} tool call(s)"
            + (f" [{meta['error_class']} error]" if meta.get("error_class") else "")
            + (f" — {first[0][:100]}" if first else "")
        )
        ev = result.get("evaluation")
        if ev:
            pct = "n/a" if ev["percentage"] is None else f"{ev['percentage']:.1f}%"
            print(f"    score {ev['score']}/{ev['graded_possible']} graded points ({pct}); "
                  f"{ev['ungraded_points']} point(s) ungraded of {ev['total_possible']}")
        worst = worst or int(meta["status"] == "error")
    print(f"results in {out}/")
    return worst


def cmd_run(args: argparse.Namespace) -> int:
    return asyncio.run(_run(args))


def cmd_grade(args: argparse.Namespace) -> int:
    from mle_env.grading import grade

    task = load_task(args.task)
    ws = Path(args.workspace)
    if not ws.is_dir():
        raise RunError(f"--workspace {ws}: not a directory")
    answer = Path(args.answer_file).read_text(encoding="utf-8") if args.answer_file else ""
    ev = asyncio.run(grade(task, ws, answer, sandbox=_sandbox_config(args), judge=_judge(args)))
    if args.format == "json":
        print(json.dumps(ev, indent=2))
        return 0
    for r in ev["results"]:
        mark = {True: "yes", False: "no", None: "--"}[r["passed"]]
        print(f"{r['points']:+4d}  {mark:3}  {r['method']:6}  {r['category']:18}  {r['criterion'][:70]}")
        print(f"{'':35}{r['reasoning'][:100]}")
    pct = "n/a" if ev["percentage"] is None else f"{ev['percentage']:.1f}%"
    print(f"\nscore {ev['score']} of {ev['graded_possible']} graded points ({pct}); "
          f"{ev['ungraded_points']} point(s) in {ev['ungraded_criteria']} criteria ungraded; total {ev['total_possible']}")
    return 0


def cmd_judge_eval(args: argparse.Namespace) -> int:
    from mle_env.grading.meta import evaluate_judge, load_cases

    cases = load_cases(args.file)
    judge = _judge(args)
    if judge is None:
        raise RunError("judge-eval needs --judge-model (a LiteLLM model)")
    report = asyncio.run(evaluate_judge(judge, cases))
    if args.format == "json":
        print(json.dumps(report, indent=2))
        return 0
    fmt = lambda v: "n/a" if v is None else f"{v:.3f}"  # noqa: E731
    for r in report["rows"]:
        if r["judge"] != r["human"]:
            print(f"disagree  {r['id']:24} human={r['human']} judge={r['judge']}: {r['reasoning'][:80]}")
    print(f"judge {report['judge_model']} on {report['cases']} case(s), {report['ungraded']} ungraded")
    print(f"accuracy {fmt(report['accuracy'])}  precision {fmt(report['precision'])}  recall {fmt(report['recall'])}  "
          f"F1 {fmt(report['f1'])}  kappa {fmt(report['kappa'])}")
    cost = report["judge_cost"]
    print(f"{report['judge_calls']} call(s), {report['judge_usage']['total_tokens']} tokens, "
          f"cost {'unknown' if cost is None else f'${cost:.4f}'}")
    return 0


def cmd_lint(args: argparse.Namespace) -> int:
    from mle_env.agents.detectors import lint_paths

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise RunError(f"no such file or directory: {', '.join(missing)}")
    findings = lint_paths(args.paths)
    for f in findings:
        where = f" (in {f.function})" if f.function else ""
        print(f"{f.file}:{f.line}: {f.code} {f.message}{where} [{f.rule}]")
    print(f"{len(findings)} finding(s)", file=sys.stderr)
    return 1 if findings else 0


async def _demo(args: argparse.Namespace) -> int:
    """Run the baseline agent on every bundled task and compare what it found with the truth."""
    from mle_env.runner import make_agent, run_sample

    paths = find_tasks(args.tasks_dir)
    if not paths:
        raise RunError(f"no task files (*.json) in {args.tasks_dir}")
    cfg = _sandbox_config(args)
    out = Path(args.output_dir)
    right = 0
    print(f"baseline agent (no LLM) on {len(paths)} task(s), sandbox {cfg.kind}; results in {out}/\n")
    for path in paths:
        task = load_task(path)
        result = await run_sample(task, str(path), make_agent("baseline"), sandbox=cfg, out_dir=out, evaluate=True)
        report_path = out / path.stem / "response" / "report.json"
        report = json.loads(report_path.read_text()) if report_path.exists() else {}
        found = report.get("error_type", "-")
        expected = task.ext.expected_error_types
        ok = found in expected if expected else None
        right += bool(ok)
        where = ", ".join(f"{loc['file']}:{loc['lines'][0]}-{loc['lines'][1]}" for loc in report.get("locations", []))
        truth = ", ".join(f"{b.file}:{b.lines[0]}-{b.lines[1]}" for b in task.ext.bug_locations if b.lines)
        mark = {True: "right", False: "WRONG", None: "?"}[ok]
        print(f"{task.task_id}: baseline says {found}{' at ' + where if where else ''} -> {mark}")
        print(f"    expected {', '.join(expected) or '?'}{' at ' + truth if truth else ''}; "
              f"{result['metadata']['tool_calls']} tool calls, {result['metadata'].get('duration_seconds', 0):.1f}s")
        ev = result.get("evaluation") or {}
        if "score" in ev:
            print(f"    rubric: {ev['score']} of {ev['graded_possible']} graded points; "
                  f"{ev['ungraded_points']} point(s) need an LLM judge (--judge-model) and are ungraded")
    print(f"\nbaseline named the right error type on {right} of {len(paths)} task(s)")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    return asyncio.run(_demo(args))


# ---------------------------------------------------------------- parser
