#!/usr/bin/env python3
"""The lint ratchet: ruff and mypy findings per file may go down, never up.

    .venv/bin/python tools/lint_ratchet.py            check against lint-baseline.json
    .venv/bin/python tools/lint_ratchet.py --update   lower the baseline to today's counts

Runs `ruff check src` and `mypy` (configured in pyproject.toml) with this interpreter, counts the
findings per file, and compares them with the committed lint-baseline.json. Exit status 1 when a
file has more findings than its baseline (the findings in that file are printed); when a count
went down it says so and asks for `--update`, which writes the lower counts (and drops files that
are clean). `--update` refuses to raise a count: fix the new findings instead. With no baseline
file at all, `--update` records today's counts as the first baseline.
tests/test_lint_ratchet.py runs the check, so `./dev test` (and CI) enforce it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "lint-baseline.json"
TOOLS = ("ruff", "mypy")
COMMENT = (
    "Lint findings per file that tools/lint_ratchet.py allows: counts may only go down. "
    "Lower them with `.venv/bin/python tools/lint_ratchet.py --update` after fixing findings."
)

# `path:line: error: message  [code]` (mypy also prints `:column` with --show-column-numbers).
MYPY_ERROR = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+)(?::\d+)?: error: (?P<message>.*)$")


@dataclass(frozen=True)
class Finding:
    tool: str
    path: str  # relative to ROOT, with forward slashes
    line: int
    text: str  # one line, as printed to the user

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text}"


Counts = dict[str, dict[str, int]]  # tool -> path -> count


class ToolError(RuntimeError):
    """A linter did not run (crash, bad configuration, not installed): not a count."""


def _relative(path: str) -> str:
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(ROOT)
        except ValueError:
            pass
    return p.as_posix()


def _env() -> dict[str, str]:
    env = dict(os.environ)
    for k in ("MYPY_FORCE_COLOR", "FORCE_COLOR", "PY_COLORS"):
        env.pop(k, None)
    env["NO_COLOR"] = "1"
    return env


def run_ruff() -> list[Finding]:
    cmd = [sys.executable, "-m", "ruff", "check", "src", "--output-format", "json", "--no-fix", "--exit-zero"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=_env())
    if proc.returncode != 0:
        raise ToolError(f"{' '.join(cmd[1:])} exited {proc.returncode}:\n{proc.stdout}{proc.stderr}")
    try:
        items = json.loads(proc.stdout or "[]")
    except json.JSONDecodeError as e:
        raise ToolError(f"ruff printed no JSON ({e}):\n{proc.stdout[:2000]}{proc.stderr}") from None
    out = []
    for it in items:
        code = it.get("code") or "syntax-error"
        row = (it.get("location") or {}).get("row") or 0
        out.append(Finding("ruff", _relative(it["filename"]), row, f"{code} {it.get('message', '')}"))
    return out


def run_mypy() -> list[Finding]:
    # Files, plugins and strictness come from [tool.mypy] in pyproject.toml; the cache lives in
    # the checkout (.mypy_cache, gitignored), so a second run only rechecks what changed.
    cmd = [
        sys.executable, "-m", "mypy",
        "--cache-dir", str(ROOT / ".mypy_cache"),
        "--no-pretty", "--no-color-output", "--no-error-summary", "--show-error-codes", "--hide-error-context",
    ]  # fmt: skip
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=_env())
    # 0: clean, 1: type errors, 2: crash, bad configuration or a blocking error (syntax).
    if proc.returncode not in (0, 1):
        raise ToolError(f"{' '.join(cmd[1:])} exited {proc.returncode}:\n{proc.stdout}{proc.stderr}")
    out = []
    for line in proc.stdout.splitlines():
        m = MYPY_ERROR.match(line)
        if m:
            out.append(Finding("mypy", _relative(m["path"]), int(m["line"]), m["message"].strip()))
    if proc.returncode == 1 and not out:
        raise ToolError(f"mypy exited 1 but printed no error it could parse:\n{proc.stdout}{proc.stderr}")
    return out


def count(findings: list[Finding]) -> Counts:
    counts: Counts = {t: {} for t in TOOLS}
    for f in findings:
        counts[f.tool][f.path] = counts[f.tool].get(f.path, 0) + 1
    return {t: dict(sorted(c.items())) for t, c in counts.items()}


def load_baseline(path: Path | None = None) -> Counts | None:
    path = path or BASELINE
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    return {t: {str(k): int(v) for k, v in (data.get(t) or {}).items()} for t in TOOLS}


def write_baseline(counts: Counts, path: Path | None = None) -> None:
    path = path or BASELINE
    data: dict[str, object] = {"comment": COMMENT}
    data["totals"] = {t: sum(counts[t].values()) for t in TOOLS}
    for t in TOOLS:
        data[t] = {p: n for p, n in sorted(counts[t].items()) if n > 0}
    path.write_text(json.dumps(data, indent=2) + "\n")


@dataclass
class Comparison:
    worse: list[tuple[str, str, int, int]]  # (tool, path, baseline, now)
    better: list[tuple[str, str, int, int]]

    @property
    def ok(self) -> bool:
        return not self.worse


def compare(baseline: Counts, current: Counts) -> Comparison:
    worse, better = [], []
    for t in TOOLS:
        base, now = baseline.get(t, {}), current.get(t, {})
        for p in sorted(set(base) | set(now)):
            b, n = base.get(p, 0), now.get(p, 0)
            if n > b:
                worse.append((t, p, b, n))
            elif n < b:
                better.append((t, p, b, n))
    return Comparison(worse, better)


def report(cmp: Comparison, findings: list[Finding], out: TextIO | None = None) -> None:
    out = out or sys.stdout
    by_file: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        by_file[(f.tool, f.path)].append(f)
    if cmp.worse:
        print("lint ratchet: FAILED, more findings than lint-baseline.json allows:", file=out)
        for t, p, b, n in cmp.worse:
            print(f"\n  {t}: {p}: {n} findings, baseline {b} (+{n - b}); the findings in this file:", file=out)
            for f in sorted(by_file[(t, p)], key=lambda f: f.line):
                print(f"    {f}", file=out)
        print(
            "\nFix the new findings (the baseline never goes up). To run a tool yourself:\n"
            "  .venv/bin/python -m ruff check src\n  .venv/bin/python -m mypy",
            file=out,
        )
    if cmp.better:
        print("\nlint ratchet: fewer findings than the baseline, well done:", file=out)
        for t, p, b, n in cmp.better:
            print(f"  {t}: {p}: {n} findings, baseline {b} ({n - b})", file=out)
        print("Lower the baseline so they stay fixed: .venv/bin/python tools/lint_ratchet.py --update", file=out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--update", action="store_true", help="lower lint-baseline.json to today's counts (never raises)")
    ap.add_argument("--strict", action="store_true", help="also fail when the baseline could be lowered")
    args = ap.parse_args(argv)

    findings: list[Finding] = []
    times = {}
    try:
        for tool, run in (("ruff", run_ruff), ("mypy", run_mypy)):
            t0 = time.monotonic()
            findings += run()
            times[tool] = time.monotonic() - t0
    except ToolError as e:
        print(f"lint ratchet: FAILED, a linter did not run: {e}", file=sys.stderr)
        return 2
    current = count(findings)
    summary = ", ".join(f"{t} {sum(current[t].values())} findings ({times[t]:.1f}s)" for t in TOOLS)

    baseline = load_baseline()
    if baseline is None:
        if args.update:
            write_baseline(current)
            print(f"lint ratchet: wrote the first {BASELINE.name}: {summary}")
            return 0
        print(f"lint ratchet: FAILED, no {BASELINE.name}; record one with --update ({summary})", file=sys.stderr)
        return 1

    cmp = compare(baseline, current)
    if args.update:
        if not cmp.ok:
            report(Comparison(cmp.worse, []), findings)
            print(f"\nlint ratchet: --update refuses to raise the baseline; {BASELINE.name} unchanged.")
            return 1
        if not cmp.better:
            print(f"lint ratchet: {BASELINE.name} already matches: {summary}")
            return 0
        write_baseline(current)
        print(f"lint ratchet: lowered {BASELINE.name} in {len(cmp.better)} place(s): {summary}")
        return 0

    report(cmp, findings)
    if not cmp.ok:
        return 1
    print(f"lint ratchet: ok, {summary}")
    if cmp.better and args.strict:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
