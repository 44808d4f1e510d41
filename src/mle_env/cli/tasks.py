"""Commands for task authors: validate-task, validate, schema, exec, shell."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from mle_env.cli.common import _sandbox_config
from mle_env.errors import RunError
from mle_env.sandbox import LocalConfig, open_sandbox, remove_tree
from mle_env.task import find_tasks, load_task, materialize, task_schema, validate_file

def cmd_validate(args: argparse.Namespace) -> int:
    """The suite check: every task runs, verifies, and grades as the benchmark needs."""
    from mle_env.validate import render, validate_all

    paths: list[Path] = []
    for f in args.files:
        p = Path(f)
        if not p.exists():
            raise RunError(f"no such file or directory: {p}")
        paths += find_tasks(p) if p.is_dir() else [p]
    if not paths:
        raise RunError(f"no task files (*.json) in {' '.join(args.files)}")
    cfg = _sandbox_config(args)

    def done(rep) -> None:
        if args.format == "table":
            print(f"{'ok  ' if rep.ok else 'FAIL'} {rep.task_id} ({rep.seconds:.0f}s)", file=sys.stderr, flush=True)

    reports = asyncio.run(validate_all(paths, cfg, args.concurrency, args.time_budget, done, attacks=not args.no_attacks))
    if args.format == "json":
        print(json.dumps([{"path": r.path, "task_id": r.task_id, "code": r.code, "ok": r.ok, "seconds": round(r.seconds, 1),
                           "checks": {k: {"ok": v[0], "detail": v[1]} for k, v in r.checks.items()}}
                          for r in reports], indent=2))  # fmt: skip
    else:
        print(render(reports), end="")
    return 0 if all(r.ok for r in reports) else 1


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
    if cfg.kind not in ("bwrap", "local"):
        raise RunError("mle-env shell supports --sandbox bwrap and local; for docker, use docker run -it")
    # On a terminal the shell gets a pseudo-terminal of its own (job control, ^C for its foreground
    # job); with piped input it reads commands as before, in a session of its own.
    on_pty = os.isatty(sys.stdin.fileno())
    base = Path(tempfile.mkdtemp(prefix="mle-env-shell-", dir=cfg.workspace_root))
    ws = base / "workspace"
    try:
        ws.mkdir()
        materialize(task.task_files, ws)
        if cfg.kind == "bwrap":
            from mle_env.sandbox.bwrap import shell_argv

            # Off bwrap's --new-session only on the private pty: TIOCSTI from inside reaches that pty alone.
            argv, env = shell_argv(cfg, base, ws, task.task_dir, ["bash", "-i"], new_session=not on_pty)
        else:
            argv, env = ["bash", "-i"], dict(os.environ)
        print(f"mle-env: shell in a fresh {cfg.kind} sandbox of {task.task_id} (exit to leave)", file=sys.stderr)
        if on_pty:
            return _on_private_pty(argv, env, ws)
        return subprocess.call(argv, env=env, cwd=ws)
    finally:
        if not args.keep_workspace:
            remove_tree(base)


def _on_private_pty(argv: list[str], env: dict[str, str], cwd: Path) -> int:
    """Run ``argv`` on a fresh pseudo-terminal owned by mle-env and relay bytes to and from ours.

    Our terminal is in raw mode meanwhile, so ^C, ^Z and ^\\ are bytes for the pty, whose line
    discipline signals the shell's foreground job: a ^C interrupts the command, not mle-env (which
    would end the session and delete the workspace). The shell's process is the pty's session
    leader, so it has job control; nothing inside can reach the user's own terminal."""
    import fcntl
    import pty
    import select
    import signal
    import termios
    import tty

    stdin, stdout = sys.stdin.fileno(), sys.stdout.fileno()
    master, slave = pty.openpty()

    def winsize(*_: object) -> None:
        try:
            fcntl.ioctl(master, termios.TIOCSWINSZ, fcntl.ioctl(stdin, termios.TIOCGWINSZ, b"\0" * 8))
        except OSError:
            pass

    def controlling_tty() -> None:  # in the child, after setsid (start_new_session)
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    winsize()
    try:
        proc = subprocess.Popen(argv, env=env, cwd=cwd, stdin=slave, stdout=slave, stderr=slave,
                                start_new_session=True, preexec_fn=controlling_tty)  # fmt: skip
    finally:
        os.close(slave)
    sys.stdout.flush()
    sys.stderr.flush()
    saved = termios.tcgetattr(stdin)
    old_winch = signal.signal(signal.SIGWINCH, winsize)
    reading = [master, stdin]
    try:
        tty.setraw(stdin, termios.TCSANOW)
        while True:
            ready, _, _ = select.select(reading, [], [], 0.5)
            if master in ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: every process holding the pty's other end is gone
                    data = b""
                if not data:
                    break
                _write_all(stdout, data)
            elif proc.poll() is not None:
                break  # the shell ended and nothing is left to show (a background job may hold the pty)
            if stdin in ready:
                data = os.read(stdin, 65536)
                if data:
                    _write_all(master, data)
                else:  # our input ended: no more to relay
                    reading.remove(stdin)
    finally:
        termios.tcsetattr(stdin, termios.TCSADRAIN, saved)
        signal.signal(signal.SIGWINCH, old_winch)
        os.close(master)
    try:
        return proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait()


def _write_all(fd: int, data: bytes) -> None:
    while data:
        data = data[os.write(fd, data) :]
