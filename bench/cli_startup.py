"""How long the CLI takes to start: ``mle-env --help`` and ``import mle_env.cli``, beside a bare interpreter.

    .venv/bin/python bench/cli_startup.py [--runs 20] [--profile]

Prints a markdown table (best and median wall time of N runs, in milliseconds); with ``--profile``,
the modules that ``import mle_env.cli`` spends most time in (``-X importtime``, best of 5 per module).
On a loaded machine compare best times, and the profile, not medians. Not a test: numbers vary by
machine; tests/test_cli_imports.py is the guard that heavy modules stay out of ``--help``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def mle_env_command() -> list[str]:
    """The installed ``mle-env`` script next to this interpreter, else the module."""
    script = Path(sys.executable).with_name("mle-env")
    if script.exists():
        return [str(script)]
    found = shutil.which("mle-env")
    return [found] if found else [sys.executable, "-m", "mle_env.cli"]


def timed(argv: list[str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        out.append(time.perf_counter() - t)
    return out


def import_profile(top: int = 15, runs: int = 5) -> list[tuple[int, int, str]]:
    """(self µs, cumulative µs, module) of ``import mle_env.cli``, each the best of ``runs``."""
    best: dict[str, tuple[int, int]] = {}
    for _ in range(runs):
        err = subprocess.run([sys.executable, "-X", "importtime", "-c", "import mle_env.cli"], capture_output=True,
                             text=True, check=True).stderr  # fmt: skip
        run: dict[str, tuple[int, int]] = {}
        for line in err.splitlines():
            if not line.startswith("import time:") or "[us]" in line:
                continue
            own, cumulative, name = line.removeprefix("import time:").split("|")
            a, b = run.get(name.strip(), (0, 0))  # a name twice in one run: a package, then its submodule
            run[name.strip()] = (max(a, int(own)), max(b, int(cumulative)))
        for key, (a, b) in run.items():
            best[key] = (min(best[key][0], a), min(best[key][1], b)) if key in best else (a, b)
    rows = sorted(((s, c, k) for k, (s, c) in best.items()), key=lambda r: -r[1])
    return rows[:top]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--profile", action="store_true", help="also list the slowest imports of mle_env.cli")
    args = ap.parse_args()

    cases = [
        ("`mle-env --help`", [*mle_env_command(), "--help"]),
        ('`python -c "import mle_env.cli"`', [sys.executable, "-c", "import mle_env.cli"]),
        ("`python -c pass` (floor)", [sys.executable, "-c", "pass"]),
    ]
    for _, argv in cases:  # warm the page cache and the .pyc files
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load {load:.2f}, {args.runs} runs each\n")  # fmt: skip
    print("| command | best ms | median ms |")
    print("|---|---:|---:|")
    for name, argv in cases:
        samples = timed(argv, args.runs)
        print(f"| {name} | {min(samples) * 1000:.0f} | {statistics.median(samples) * 1000:.0f} |")
    if args.profile:
        print("\nslowest imports of mle_env.cli (-X importtime, best of 5):\n")
        print("| module | self ms | cumulative ms |")
        print("|---|---:|---:|")
        for own, cumulative, name in import_profile():
            print(f"| {name} | {own / 1000:.1f} | {cumulative / 1000:.1f} |")


if __name__ == "__main__":
    main()
