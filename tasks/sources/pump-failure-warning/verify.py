"""Hidden verification for the task pump-failure-warning.

The grader runs this with the agent's workspace as the current directory
(or at $MLE_ENV_WORKSPACE) and the JSON of mle_env.verify.expected as argv[1].
It prints ONE JSON line {"passed": bool, "details": {...}} and exits 0 either way.
Stdlib only.

The reliability team judges the failure warning by balanced accuracy and recall on the
~5 % failing pumps. The original tunes the SVC (C and class_weight) with GridSearchCV
scoring="accuracy", which always prefers the unweighted model that rarely predicts a
failure (test recall about 0.5).

Checks on response/revised_code.py: it runs on the real data and on copies of the
workspace whose CSV rows are shuffled (each shuffle gives a different stratified split and
different CV folds). Over those runs the mean of every metric in `min_means` must reach its
floor and every metric in `max_means` stay at or below its ceiling. Selecting by F1 or
precision still picks the unweighted model, and dropping class_weight from the grid leaves
nothing for a better criterion to choose (see task.py REFERENCE).
"""

from __future__ import annotations

import hashlib
import random
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

_METRIC = r"^\s*{name}\s*[:=]\s*(-?[0-9]*\.?[0-9]+)\s*(%?)"


def parse_metric(stdout: str, name: str) -> float | None:
    """The last `name: value` line of stdout, as a number (a trailing % is divided by 100)."""
    found = re.findall(_METRIC.format(name=re.escape(name)), stdout, flags=re.IGNORECASE | re.MULTILINE)
    if not found:
        return None
    value, pct = found[-1]
    return float(value) / 100 if pct else float(value)


def run_script(root: Path, script: str, timeout: int, args: list[str] = ()) -> dict:
    """Run `python <script> [args]` with cwd=root; return returncode, stdout and the stderr tail."""
    try:
        proc = subprocess.run(
            [sys.executable, script, *args], cwd=root, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return {"returncode": None, "stdout": "", "stderr_tail": f"timed out after {timeout}s"}
    return {"returncode": proc.returncode, "stdout": proc.stdout, "stderr_tail": proc.stderr[-1500:]}


def copy_workspace(root: Path, dst: Path, script: str, task_dir: str = "/app") -> None:
    """A copy of the workspace to run a variant in (e.g. with changed data)."""
    shutil.copytree(root, dst, ignore=shutil.ignore_patterns("__pycache__", ".git", ".venv", "*.pyc", ".mle_env_grader"))
    # A script that hard-codes the absolute workspace path must read the copy, not the original.
    target = dst / script
    src = target.read_text(encoding="utf-8")
    for prefix in {str(root.resolve()), str(root), task_dir}:
        if prefix and prefix != "/":
            src = re.sub(re.escape(prefix.rstrip("/")) + r"(?=[/'\"])", str(dst).replace("\\", "\\\\"), src)
    target.write_text(src, encoding="utf-8")


def data_unchanged(root: Path, hashes: dict[str, str]) -> list[str]:
    """The data files whose sha256 differs from the task's (a fix must not edit the data)."""
    return [rel for rel, digest in hashes.items()
            if not (root / rel).is_file() or hashlib.sha256((root / rel).read_bytes()).hexdigest() != digest]


def in_band(value: float | None, band: list[float]) -> bool:
    return value is not None and band[0] <= value <= band[1]


def verify(root: Path, exp: dict) -> dict:
    script = exp.get("script", "response/revised_code.py")
    details: dict = {"script": script}
    if not (root / script).is_file():
        return {"passed": False, "details": {**details, "error": f"{script} not found"}}
    changed = data_unchanged(root, exp.get("data_sha256", {}))
    if changed:
        return {"passed": False, "details": {**details, "error": f"data files changed: {changed}"}}
    real = run_script(root, script, exp.get("run_timeout", 120))
    details["returncode"] = real["returncode"]
    if real["returncode"] != 0:
        return {"passed": False, "details": {**details, "stderr_tail": real["stderr_tail"]}}
    runs = [real["stdout"]]
    data_file = exp["data_file"]
    text = (root / data_file).read_text(encoding="utf-8")
    header, *rows = text.splitlines(keepends=True)
    with tempfile.TemporaryDirectory(prefix="verify-") as tmp:
        for seed in exp["shuffle_seeds"]:
            dst = Path(tmp) / f"ws{seed}"
            copy_workspace(root, dst, script)
            shuffled = rows[:]
            random.Random(seed).shuffle(shuffled)
            (dst / data_file).write_text(header + "".join(shuffled), encoding="utf-8")
            res = run_script(dst, script, exp.get("run_timeout", 120))
            if res["returncode"] != 0:
                return {"passed": False, "details": {**details, "shuffle_seed": seed, "stderr_tail": res["stderr_tail"]}}
            runs.append(res["stdout"])
    ok = True
    for kind, limits in (("min", exp.get("min_means", {})), ("max", exp.get("max_means", {}))):
        for name, limit in limits.items():
            values = [parse_metric(out, name) for out in runs]
            if None in values:
                return {"passed": False, "details": {**details, "error": f"a run did not print {name}:"}}
            mean = sum(values) / len(values)
            good = mean >= limit if kind == "min" else mean <= limit
            details[name] = {"values": values, "mean": round(mean, 4), kind: limit, "ok": good}
            ok = ok and good
    return {"passed": ok, "details": details}


def main() -> None:
    expected = json.loads(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].strip() else {}
    root = Path(os.environ.get("MLE_ENV_WORKSPACE") or os.getcwd())
    try:
        result = verify(root, expected)
    except Exception as e:  # the verdict must always be one JSON line
        result = {"passed": False, "details": {"error": f"{type(e).__name__}: {e}"}}
    print(json.dumps(result))
    sys.exit(0)


if __name__ == "__main__":
    main()
