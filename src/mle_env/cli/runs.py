"""Commands that run agents and grade them: run, demo, grade, judge-eval, lint."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from datetime import datetime
from pathlib import Path

from mle_env.cli.common import _judge, _read_prices, _sandbox_config, _task_paths
from mle_env.errors import RunError
from mle_env.task import load_task


def _llm_settings(args: argparse.Namespace) -> dict:
    """The model settings a run records (identity: a resumed run must agree on them)."""
    return {
        k: v
        for k, v in {
            "api_base": args.api_base,
            "max_tokens": args.max_tokens,
            "reasoning_effort": args.reasoning_effort,
            "seed": args.seed,
            "max_retries": args.max_retries,
            "prices": _read_prices(args.prices) if args.prices else None,
        }.items()
        if v is not None
    }


def _limit_settings(args: argparse.Namespace) -> dict:
    return {
        k: v
        for k, v in {
            "max_turns": args.max_turns,
            "max_tokens": args.max_total_tokens,
            "max_seconds": args.max_seconds,
            "max_cost": args.max_sample_cost,
        }.items()
        if v is not None
    }


def _run_config(args: argparse.Namespace):
    """The ``RunConfig`` the flags ask for. On ``--resume``, only the settings given on this command
    line are set, so the run's own recorded settings are what a resumed run is compared with."""
    from pydantic import ValidationError

    from mle_env.runner.config import JudgeSettings, LLMSettings, LocalExecutor, RayExecutor, RunConfig

    judge_model = None if args.no_eval else (args.judge_model or os.environ.get("MLE_ENV_JUDGE_MODEL"))
    address = getattr(args, "ray_address", None) or os.environ.get("MLE_ENV_RAY_ADDRESS")
    fields: dict = {
        "sandbox": _sandbox_config(args),  # like the models: a sandbox that cannot start here creates no run dir
        "executor": RayExecutor(address=address) if getattr(args, "executor", "local") == "ray" else LocalExecutor(),
        "concurrency": args.concurrency, "max_cost": args.max_cost, "output_dir": Path(args.output_dir),
        "run_name": args.run_name, "floors": args.floors, "pass_threshold": args.pass_threshold,
        "filters": args.filter, "limit": args.limit,
        "evaluate": not args.no_eval,
    }  # fmt: skip
    if args.resume:
        fields["resume"] = Path(args.resume)
        given = {"models": args.model, "epochs": args.epochs, "temperature": args.temperature}
        fields.update({k: v for k, v in given.items() if v is not None})
        if judge_model:
            fields["judge"] = JudgeSettings(model=None if judge_model == "none" else judge_model,
                                            samples=args.judge_samples, api_base=args.judge_api_base)  # fmt: skip
        if _llm_settings(args):
            fields["llm"] = LLMSettings(**_llm_settings(args))
        if _limit_settings(args):
            fields["limits"] = _limit_settings(args)
        if args.task or args.tasks_dir:
            fields["tasks"] = [Path(t) for t in args.task or []] or [Path(args.tasks_dir)]
    else:
        args.tasks_dir = args.tasks_dir or "tasks"
        fields.update(
            tasks=_task_paths(args), models=args.model or ["baseline"], epochs=args.epochs or 1,
            temperature=0.0 if args.temperature is None else args.temperature,
            judge=JudgeSettings(model=None if judge_model in (None, "none") else judge_model,
                                samples=args.judge_samples, api_base=args.judge_api_base),
            llm=LLMSettings(**_llm_settings(args)), limits=_limit_settings(args),
        )  # fmt: skip
    try:
        return RunConfig(**fields)
    except ValidationError as e:
        raise RunError("; ".join(str(err["msg"]).removeprefix("Value error, ") for err in e.errors())) from None


async def _run(args: argparse.Namespace) -> int:
    from mle_env.leaderboard import render
    from mle_env.runner.orchestrate import run_batch
    from mle_env.runner.progress import make_progress

    config = _run_config(args)

    def say(line: str) -> None:
        print(line, file=sys.stderr if line.startswith("interrupted") else sys.stdout, flush=True)

    outcome = await run_batch(config, say=say, progress=make_progress)
    print()
    print(render(outcome.leaderboard, "table"))
    left = outcome.unfinished
    if left:
        print(f"{len(left)} sample(s) unfinished or failed for infrastructure/grader reasons; "
              f"rerun them with  mle-env run --resume {outcome.root}")  # fmt: skip
    print(f"results in {outcome.root}/")
    return 1 if left else 0


def cmd_run(args: argparse.Namespace) -> int:
    return asyncio.run(_run(args))


def cmd_regrade(args: argparse.Namespace) -> int:
    return asyncio.run(_regrade(args))


async def _regrade(args: argparse.Namespace) -> int:
    from mle_env.leaderboard import compute, read_predicted, render
    from mle_env.runner.batch import _matches
    from mle_env.runner.regrade import preflight, regradable, regrade
    from mle_env.store.index import Index
    from mle_env.store.rundir import INDEX, write_run, write_summary

    run, rows = _load_run(args.run_dir)
    root = Path(args.run_dir)
    judge = _judge(args)  # a judge that cannot work here stops the command first, as in run
    if any(r["status"] == "running" for r in rows):
        raise RunError(f"{root} has samples running (or a killed run left them so): finish it with "
                       f"mle-env run --resume {root} first")  # fmt: skip
    chosen = regradable(rows, only_errors=args.only_errors)
    if args.filter:
        entries = {t["file"]: t for t in run["tasks"]}
        chosen = [r for r in chosen if any(_matches(entries[r["task_file"]], f) for f in args.filter)]
    if not chosen:
        print("nothing to regrade" + (" (no grader errors)" if args.only_errors else ""))
        return 0
    sandbox = _sandbox_config(args)
    preflight(root, run, chosen)  # before run.json records the new judge
    cfg = run["config"]
    cfg.update(evaluate=True, judge_model=getattr(judge, "name", None), judge_samples=args.judge_samples)
    print(f"regrading {len(chosen)} sample(s) of {root} with judge {cfg['judge_model'] or 'none'}")
    session = {"started": datetime.now().isoformat(timespec="seconds"), "argv": sys.argv[1:], "regrade": len(chosen),
               "status": "running"}  # fmt: skip
    run.setdefault("sessions", []).append(session)
    write_run(root, run)

    def done(old: dict, new: dict) -> None:
        before = "—" if old.get("score") is None else f"{old['score']:g}"
        after = "grader error" if new.get("error_class") == "grader" else f"{new.get('score', 0):g}"
        print(f"  {old['model']:24} {old['task_id']:36} epoch {old['epoch']}: {before} → {after}", flush=True)

    status = "interrupted"
    try:
        await regrade(root, run, chosen, sandbox=sandbox, judge=judge, concurrency=args.concurrency, on_done=done)
        status = "finished"
    finally:  # whatever was regraded is in the summary too
        session.update(finished=datetime.now().isoformat(timespec="seconds"), status=status)
        write_run(root, run)
        with Index(root / INDEX) as index:
            rows = index.rows()
        lb = compute(run, rows, predicted=read_predicted(root, rows))
        write_summary(root, run, rows, lb)
    print()
    print(render(lb, "table"))
    return 1 if any(r["error_class"] == "grader" for r in rows) else 0


def _load_run(path: str) -> tuple[dict, list[dict]]:
    from mle_env.store.index import Index
    from mle_env.store.rundir import INDEX, RUN_JSON, read_run

    root = Path(path)
    if not (root / RUN_JSON).is_file() or not (root / INDEX).is_file():
        raise RunError(f"{root}: not a run directory (no {RUN_JSON} and {INDEX})")
    with Index(root / INDEX) as index:
        return read_run(root), index.rows()


def cmd_summary(args: argparse.Namespace) -> int:
    from mle_env.leaderboard import compute, read_predicted, render

    run, rows = _load_run(args.run_dir)
    predicted = read_predicted(args.run_dir, rows)  # the confusion counts: read from each sample's report.json
    print(render(compute(run, rows, args.pass_threshold, predicted), args.format), end="")
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from mle_env.leaderboard import compare, render_compare

    _, a = _load_run(args.run_a)
    _, b = _load_run(args.run_b)
    print(render_compare(compare(a, b), args.format), end="")
    return 0


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
    # A judge that decided nothing measured nothing: not a result with "accuracy n/a" and exit 0.
    failed = bool(report["rows"]) and all(r["judge"] is None for r in report["rows"])
    if failed:
        print(f"mle-env: the judge gave no verdict on any of the {report['cases']} case(s); "
              f"first: {report['rows'][0]['reasoning'][:300]}", file=sys.stderr)  # fmt: skip
    if args.format == "json":
        print(json.dumps(report, indent=2))
        return 1 if failed else 0
    if failed:
        return 1
    fmt = lambda v: "n/a" if v is None else f"{v:.3f}"  # noqa: E731
    for r in report["rows"]:
        if r["judge"] is None:
            print(f"ungraded  {r['id']:24} {r['reasoning'][:100]}")
        elif r["judge"] != r["human"]:
            print(f"disagree  {r['id']:24} human={r['human']} judge={r['judge']}: {r['reasoning'][:80]}")
    print(f"judge {report['judge_model']} on {report['cases']} case(s), {report['ungraded']} ungraded")
    print(f"accuracy {fmt(report['accuracy'])}  precision {fmt(report['precision'])}  recall {fmt(report['recall'])}  "
          f"F1 {fmt(report['f1'])}  kappa {fmt(report['kappa'])}")
    cost = report["judge_cost"]
    print(f"{report['judge_calls']} call(s), {report['judge_usage']['total_tokens']} tokens, "
          f"cost {'unknown' if cost is None else f'${cost:.4f}'}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """The main job: the baseline and the oracle on every bundled task, as one batch with a leaderboard."""
    from mle_env.cli import main

    argv = ["run", "--tasks-dir", args.tasks_dir, "--model", "baseline", "--model", "oracle",
            "--output-dir", args.output_dir, "--sandbox", args.sandbox]  # fmt: skip
    return main(argv + (["--concurrency", str(args.concurrency)] if args.concurrency else []))


# ---------------------------------------------------------------- parser
