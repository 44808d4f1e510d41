"""Hidden verification for the task biopsy-response-classifier.

The grader runs this with the agent's workspace as the current directory
(or at $MLE_ENV_WORKSPACE) and the JSON of mle_env.verify.expected as argv[1].
It prints ONE JSON line {"passed": bool, "details": {...}} and exits 0 either way.

Two checks on response/revised_code.py, each for every metric it must print
(`test_accuracy:` and `cv_accuracy:`):

1. real data: run it as-is; each metric must lie in its leak-free band
   (measured by build.py over many split seeds). The leaky original reports
   well above the bands.
2. null data: run it on copies of the workspace whose labels are randomly
   permuted. With no signal left, a leak-free pipeline scores at chance;
   selecting genes with rows it is later scored on still scores far above
   it. The mean of each metric over the permutations must stay at or below
   its `null_ceiling`. This catches half fixes too, e.g. selecting genes on
   the training split but cross-validating on the pre-selected matrix.
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

DEFAULTS = {
    "script": "response/revised_code.py",
    "data_file": "data/expression.csv",
    "label": "responder",
    "metrics": {
        "test_accuracy": {"band": [0.42, 0.75], "null_ceiling": 0.62},
        "cv_accuracy": {"band": [0.47, 0.76], "null_ceiling": 0.62},
    },
    "null_seeds": [1, 2, 3, 4, 5],
    "run_timeout": 120,
    "task_dir": "/app",
    "data_sha256": None,
}

_METRIC = r"^\s*{name}\s*[:=]\s*([0-9]*\.?[0-9]+)\s*(%?)"


def parse_metric(stdout: str, name: str) -> float | None:
    """The last `name: value` line of stdout, as a fraction (a trailing % or a value > 1 is divided by 100)."""
    found = re.findall(_METRIC.format(name=re.escape(name)), stdout, flags=re.IGNORECASE | re.MULTILINE)
    if not found:
        return None
    value, pct = found[-1]
    x = float(value)
    return x / 100 if pct or x > 1 else x


def permute_labels(text: str, label: str, seed: int) -> str:
    """The CSV with the labelled rows' labels shuffled among themselves; everything else byte-identical."""
    rows = list(csv.reader(io.StringIO(text)))
    col = rows[0].index(label)
    idx = [i for i in range(1, len(rows)) if len(rows[i]) > col and rows[i][col].strip() != ""]
    labels = [rows[i][col] for i in idx]
    random.Random(seed).shuffle(labels)
    for i, v in zip(idx, labels):
        rows[i][col] = v
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def run_script(root: Path, script: str, timeout: int) -> dict:
    """Run `python <script>` with cwd=root; return returncode, the stdout, and the stderr tail."""
    try:
        proc = subprocess.run(
            [sys.executable, script], cwd=root, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return {"returncode": None, "stdout": "", "stderr_tail": f"timed out after {timeout}s"}
    return {"returncode": proc.returncode, "stdout": proc.stdout, "stderr_tail": proc.stderr[-1500:]}


def _copy_workspace(root: Path, dst: Path, script: str, task_dir: str) -> None:
    shutil.copytree(root, dst, ignore=shutil.ignore_patterns("__pycache__", ".git", ".venv", "*.pyc"))
    # A script that hard-codes the absolute workspace path must read the copy, not the original.
    target = dst / script
    src = target.read_text(encoding="utf-8")
    for prefix in {str(root.resolve()), str(root), task_dir}:
        if prefix and prefix != "/":
            src = re.sub(re.escape(prefix.rstrip("/")) + r"(?=[/'\"])", str(dst).replace("\\", "\\\\"), src)
    target.write_text(src, encoding="utf-8")


def verify(root: Path, expected: dict) -> dict:
    exp = {**DEFAULTS, **expected}
    script, metrics = exp["script"], exp["metrics"]
    details: dict = {"script": script, "metrics": metrics}
    if not (root / script).is_file():
        details["error"] = f"{script} not found"
        return {"passed": False, "details": details}
    if not (root / exp["data_file"]).is_file():
        details["error"] = f"{exp['data_file']} not found in the workspace"
        return {"passed": False, "details": details}
    if exp["data_sha256"]:
        digest = hashlib.sha256((root / exp["data_file"]).read_bytes()).hexdigest()
        details["data_unchanged"] = digest == exp["data_sha256"]
        if not details["data_unchanged"]:
            details["error"] = f"{exp['data_file']} differs from the task's data; the fix must not edit the data"
            return {"passed": False, "details": details}

    real = run_script(root, script, exp["run_timeout"])
    details["real"] = {"returncode": real["returncode"]}
    if real["returncode"] != 0:
        details["real"]["stderr_tail"] = real["stderr_tail"]
    real_ok = real["returncode"] == 0
    for name, spec in metrics.items():
        value = parse_metric(real["stdout"], name) if real["returncode"] == 0 else None
        lo, hi = spec["band"]
        ok = value is not None and lo <= value <= hi
        details["real"][name] = {"value": value, "in_band": ok}
        real_ok = real_ok and ok

    runs: list[dict] = []
    original = (root / exp["data_file"]).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="verify-") as tmp:
        for seed in exp["null_seeds"]:
            dst = Path(tmp) / f"ws{seed}"
            _copy_workspace(root, dst, script, exp["task_dir"])
            (dst / exp["data_file"]).write_text(permute_labels(original, exp["label"], seed), encoding="utf-8")
            res = run_script(dst, script, exp["run_timeout"])
            runs.append(res)
            shutil.rmtree(dst, ignore_errors=True)
    details["null"] = {"returncodes": [r["returncode"] for r in runs]}
    null_ok = all(r["returncode"] == 0 for r in runs)
    for name, spec in metrics.items():
        values = [parse_metric(r["stdout"], name) if r["returncode"] == 0 else None for r in runs]
        mean = sum(values) / len(values) if values and None not in values else None
        ok = mean is not None and mean <= spec["null_ceiling"]
        details["null"][name] = {"per_permutation": values, "mean": None if mean is None else round(mean, 4), "at_chance": ok}
        null_ok = null_ok and ok
    return {"passed": bool(real_ok and null_ok), "details": details}


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
