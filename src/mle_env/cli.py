"""``mle-env``: parses arguments and calls the modules that do the work."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from mle_env import __version__
from mle_env.errors import MleEnvError, RunError, SampleError
from mle_env.sandbox import SANDBOX_KINDS, LocalConfig, make_config, open_sandbox, remove_tree
from mle_env.task import find_tasks, load_task, materialize, task_schema, validate_file

DEFAULT_TASKS = "tasks"


def _sandbox_config(args: argparse.Namespace):
    fields: dict = {"keep_workspace": getattr(args, "keep_workspace", False)}
    if args.sandbox == "docker" and getattr(args, "docker_image", None):
        fields["image"] = args.docker_image
    if args.sandbox == "local" and getattr(args, "force_local", False):
        fields["force"] = True
    cfg = make_config(args.sandbox, **fields)
    if args.sandbox == "bwrap":
        from mle_env.sandbox.bwrap import probe

        probe(cfg.bwrap)
    return cfg


def _add_judge_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--judge-model", default=None,
                   help="LLM judge for criteria nothing deterministic decides (default none: they stay ungraded; "
                        "env MLE_ENV_JUDGE_MODEL)")
    p.add_argument("--judge-samples", type=int, default=1, help="judge each criterion N times; majority vote")
    p.add_argument("--judge-api-base", help="endpoint for the judge model")


def _add_sandbox_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sandbox", choices=SANDBOX_KINDS, default=os.environ.get("MLE_ENV_SANDBOX", "bwrap"),
                   help="where the task's processes run (default: bwrap; env MLE_ENV_SANDBOX)")
    p.add_argument("--keep-workspace", action="store_true", help="keep the workspace directory afterwards")
    p.add_argument("--force-local", action="store_true",
                   help="with --sandbox local, run tasks that ask for isolation anyway")
    p.add_argument("--docker-image", default=os.environ.get("MLE_ENV_DOCKER_IMAGE"),
                   help="image for --sandbox docker (default mle-env-sandbox:latest; env MLE_ENV_DOCKER_IMAGE)")


# ---------------------------------------------------------------- commands


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(task_schema(), indent=2))
    return 0


def cmd_validate_task(args: argparse.Namespace) -> int:
    paths: list[Path] = []
    for f in args.files:
        p = Path(f)
        paths += find_tasks(p) if p.is_dir() else [p]
    failed = 0
    for path in paths:
        task, problems = validate_file(path)
        errors = [p for p in problems if p.severity == "error" or args.strict]
        status = "FAIL" if errors or task is None else "ok"
        failed += status == "FAIL"
        print(f"{status:4}  {path}" + (f"  ({task.task_id})" if task else ""))
        for prob in problems:
            print(f"      {prob}")
    print(f"{len(paths) - failed} of {len(paths)} task file(s) valid")
    return 1 if failed or not paths else 0


async def _exec(args: argparse.Namespace) -> int:
    task = load_task(args.task)
    cmd = args.command
    if not cmd:
        raise RunError("give the command after --, e.g. mle-env exec TASK.json -- python src/train.py")
    async with open_sandbox(_sandbox_config(args), task) as sb:
        res = await sb.exec(cmd, timeout=args.timeout)
    sys.stdout.write(res.stdout)
    sys.stderr.write(res.stderr)
    if res.timed_out:
        print(f"mle-env: timed out after {args.timeout:g}s; the process tree was killed", file=sys.stderr)
        return 124
    return res.exit_code if res.exit_code is not None else 128 + (res.signal or 0)


def cmd_exec(args: argparse.Namespace) -> int:
    return asyncio.run(_exec(args))


def cmd_shell(args: argparse.Namespace) -> int:
    task = load_task(args.task)
    cfg = _sandbox_config(args)
    if isinstance(cfg, LocalConfig) and task.use_docker and not cfg.force:
        raise RunError("this task asks for isolation; use --sandbox bwrap, or --force-local")
    base = Path(tempfile.mkdtemp(prefix="mle-env-shell-", dir=cfg.workspace_root))
    ws = base / "workspace"
    try:
        ws.mkdir()
        materialize(task.task_files, ws)
        if cfg.kind == "bwrap":
            from mle_env.sandbox.bwrap import shell_argv

            argv, env = shell_argv(cfg, base, ws, task.task_dir, ["bash", "-i"])
        elif cfg.kind == "local":
            argv, env = ["bash", "-i"], dict(os.environ)
        else:
            raise RunError("mle-env shell supports --sandbox bwrap and local; for docker, use docker run -it")
        print(f"mle-env: shell in a fresh {cfg.kind} sandbox of {task.task_id} (exit to leave)", file=sys.stderr)
        return subprocess.call(argv, env=env, cwd=ws)
    finally:
        if not args.keep_workspace:
            remove_tree(base)


def _judge(args: argparse.Namespace):
    """The LLM judge the flags ask for, or None (``--judge-model none``, the default)."""
    name = args.judge_model or os.environ.get("MLE_ENV_JUDGE_MODEL") or "none"
    if name == "none":
        return None
    from mle_env.grading.judge import Judge

    extra = {"api_base": args.judge_api_base} if args.judge_api_base else {}
    return Judge(name, samples=args.judge_samples, **extra)


def _read_prices(path: str) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise RunError(f"--prices {path}: {e}") from None
    if not isinstance(data, dict):
        raise RunError(f"--prices {path}: expected a JSON object of model -> {{input, output}}")
    return data


def _task_paths(args: argparse.Namespace) -> list[Path]:
    if args.task:
        return [Path(t) for t in args.task]
    paths = find_tasks(args.tasks_dir)
    if not paths:
        raise RunError(f"no task files (*.json) in {args.tasks_dir}")
    return paths


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


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value <= 7 * 24 * 3600:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most a week (604800), got {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="mle-env", description="Evaluate LLM agents on ML error analysis.")
    ap.add_argument("--version", action="version", version=f"mle-env {__version__}")
    ap.add_argument("-v", "--verbose", action="store_true", help="log debug detail to stderr")
    sub = ap.add_subparsers(dest="cmd", required=True, metavar="COMMAND")

    p = sub.add_parser("demo", help="the main job: the baseline agent on the bundled tasks, offline")
    p.add_argument("--tasks-dir", default=DEFAULT_TASKS)
    p.add_argument("--output-dir", default="results/demo")
    _add_sandbox_flags(p)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("run", help="run an agent (an LLM, or baseline / oracle / none) on tasks")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--task", action="append", help="a task JSON file (repeatable)")
    where.add_argument("--tasks-dir", default=DEFAULT_TASKS, help="run every *.json task here (default: tasks)")
    p.add_argument("--model", default="baseline",
                   help="baseline, oracle, none, a LiteLLM model (openai/gpt-4o-mini, anthropic/..., "
                        "hosted_vllm/... with --api-base), scripted:FILE.json or replay:TRAJECTORY.jsonl")
    p.add_argument("--temperature", type=float, default=0.0)
    p.add_argument("--output-dir", default="results")
    p.add_argument("--no-eval", action="store_true", help="skip grading")
    _add_judge_flags(p)
    p.add_argument("--api-base", help="endpoint for the model (local servers, proxies)")
    p.add_argument("--max-tokens", type=int, help="completion tokens per model call")
    p.add_argument("--reasoning-effort", choices=["low", "medium", "high"])
    p.add_argument("--seed", type=int, help="sampling seed, where the provider takes one")
    p.add_argument("--prices", metavar="FILE",
                   help='JSON prices for models LiteLLM does not know: {"model": {"input": USD/token, "output": USD/token}}')
    p.add_argument("--max-turns", type=int, help="override the task's max_turns")
    p.add_argument("--max-total-tokens", type=int, help="stop a sample past this many tokens")
    p.add_argument("--max-seconds", type=float, help="stop a sample after this many seconds")
    p.add_argument("--max-cost", type=float, help="stop a sample past this many USD")
    _add_sandbox_flags(p)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("validate-task", help="check task files; every problem named by JSON path")
    p.add_argument("files", nargs="+", help="task JSON files or directories of them")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.set_defaults(func=cmd_validate_task)

    p = sub.add_parser("grade", help="grade an existing workspace against a task's rubric, without an agent")
    p.add_argument("--task", required=True)
    p.add_argument("--workspace", required=True, help="a directory holding response/ (a sample's result dir works)")
    p.add_argument("--answer-file", help="the agent's final answer, for judged criteria")
    _add_judge_flags(p)
    p.add_argument("--format", choices=["table", "json"], default="table")
    _add_sandbox_flags(p)
    p.set_defaults(func=cmd_grade)

    p = sub.add_parser("judge-eval", help="measure an LLM judge on labelled cases (accuracy, F1, kappa, cost)")
    p.add_argument("file", help="JSONL of labelled cases (see docs/grading.md)")
    _add_judge_flags(p)
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_judge_eval)

    p = sub.add_parser("lint", help="find ML bugs in Python files by static analysis (the baseline's detectors)")
    p.add_argument("paths", nargs="+", help="Python files or directories")
    p.set_defaults(func=cmd_lint)

    p = sub.add_parser("schema", help="print the task format's JSON Schema")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("exec", help="run a command in a fresh sandbox of a task")
    p.add_argument("task")
    p.add_argument("--timeout", type=_seconds, default=600, help="seconds before the process tree is killed")
    _add_sandbox_flags(p)
    p.set_defaults(func=cmd_exec)
    p.epilog = "The command follows --, e.g.: mle-env exec tasks/T.json -- python src/train.py"

    p = sub.add_parser("shell", help="an interactive shell in a fresh sandbox of a task")
    p.add_argument("task")
    _add_sandbox_flags(p)
    p.set_defaults(func=cmd_shell)
    return ap


def _load_dotenv() -> None:
    """Credentials from ./.env, read once at start; the environment wins over the file."""
    env = Path.cwd() / ".env"
    if env.is_file():
        from dotenv import load_dotenv

        load_dotenv(env, override=False)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command: list[str] = []
    if "--" in argv:  # everything after -- is the command for `exec`, flags included
        at = argv.index("--")
        argv, command = argv[:at], argv[at + 1 :]
    args = build_parser().parse_args(argv)
    args.command = command
    _load_dotenv()
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="mle-env: %(message)s")
    try:
        return args.func(args)
    except (MleEnvError, SampleError) as e:
        print(f"mle-env: {e}", file=sys.stderr)
        return 2 if isinstance(e, RunError) else 3
    except KeyboardInterrupt:
        print("mle-env: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
