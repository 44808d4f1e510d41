"""Hidden verification for the task invoice-overdue-alerts.

The grader runs this with the agent's workspace as the current directory
(or at $MLE_ENV_WORKSPACE) and the JSON of mle_env.verify.expected as argv[1].
It prints ONE JSON line {"passed": bool, "details": {...}} and exits 0 either way.

Checks on response/revised_code.py:

1. real data: it runs and prints test precision, recall, F1 and ROC AUC inside
   bands measured for a fix that splits the original invoices first and
   resamples the overdue class in the training split only (seed 11: 0.448 /
   0.439 / 0.443 / 0.784; see REFERENCE in task.py for the spread over seeds).
   The original oversamples before splitting, so copies of training invoices
   sit in the test set and the test set is 50 % overdue: 0.889 / 0.961 / 0.924
   / 0.975. Rebalancing the test split as well inflates precision (~0.8);
   dropping the balancing altogether collapses recall (~0.26).
2. permuted labels: on copies of the workspace whose `overdue_60d` column is
   shuffled, a leak-free pipeline is at chance (F1 ~0.07, ROC AUC ~0.5), while
   oversampling before the split still scores F1 ~0.93 by matching the copies.
   The mean over the permutations must stay below `null.ceilings`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import random
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


def permute_column(text: str, column: str, seed: int) -> str:
    """The CSV with `column` shuffled among its non-empty rows; every other cell unchanged."""
    rows = list(csv.reader(io.StringIO(text)))
    col = rows[0].index(column)
    idx = [i for i in range(1, len(rows)) if len(rows[i]) > col and rows[i][col].strip() != ""]
    values = [rows[i][col] for i in idx]
    random.Random(seed).shuffle(values)
    for i, v in zip(idx, values):
        rows[i][col] = v
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def verify(root: Path, exp: dict) -> dict:
    script = exp.get("script", "response/revised_code.py")
    timeout = exp.get("run_timeout", 120)
    details: dict = {"script": script}
    if not (root / script).is_file():
        return {"passed": False, "details": {**details, "error": f"{script} not found"}}
    changed = data_unchanged(root, exp.get("data_sha256", {}))
    if changed:
        return {"passed": False, "details": {**details, "error": f"data files changed: {changed}"}}
    real = run_script(root, script, timeout)
    details["returncode"] = real["returncode"]
    if real["returncode"] != 0:
        return {"passed": False, "details": {**details, "stderr_tail": real["stderr_tail"]}}
    ok = True
    for name, band in exp["bands"].items():
        value = parse_metric(real["stdout"], name)
        good = in_band(value, band)
        details[name] = {"value": value, "band": band, "ok": good}
        ok = ok and good
    null = exp.get("null")
    if null:
        original = (root / null["data_file"]).read_text(encoding="utf-8")
        values: dict[str, list] = {name: [] for name in null["ceilings"]}
        with tempfile.TemporaryDirectory(prefix="verify-") as tmp:
            for seed in null["seeds"]:
                dst = Path(tmp) / f"ws{seed}"
                copy_workspace(root, dst, script, exp.get("task_dir", "/app"))
                (dst / null["data_file"]).write_text(permute_column(original, null["label"], seed), encoding="utf-8")
                res = run_script(dst, script, timeout)
                for name in values:
                    values[name].append(parse_metric(res["stdout"], name) if res["returncode"] == 0 else None)
                shutil.rmtree(dst, ignore_errors=True)
        for name, ceiling in null["ceilings"].items():
            vals = values[name]
            mean = sum(vals) / len(vals) if vals and None not in vals else None
            good = mean is not None and mean <= ceiling
            details[f"null_{name}"] = {"values": vals, "mean": None if mean is None else round(mean, 4),
                                       "ceiling": ceiling, "ok": good}
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
