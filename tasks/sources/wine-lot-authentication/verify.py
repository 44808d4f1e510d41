"""Hidden verification for the task wine-lot-authentication.

The grader runs this with the agent's workspace as the current directory
(or at $MLE_ENV_WORKSPACE) and the JSON of mle_env.verify.expected as argv[1].
It prints ONE JSON line {"passed": bool, "details": {...}} and exits 0 either way.

Two checks on response/revised_code.py:

1. real data: `test_macro_f1` and `cv_macro_f1` lie in the bands measured from
   the solution over 12 split seeds (widened). The original rescales every
   lot's vector of measurements to unit L2 norm (dominated by proline), which
   leaves the RBF SVM at about 0.65.
2. unit change: on a copy of the workspace in which `magnesium` is recorded in
   g/L instead of mg/L, the metric must not move by more than `tolerance`.
   Per-feature standardisation is invariant to a column's units; a per-row
   normalisation or no scaling is not.
3. shifted test batch (`test_shift`): on a copy of the workspace in which the
   held-out lots only (`test_ids`, the project's own split, computed by the
   builder) get +`train_sd` training standard deviations on `columns`, the
   metric must drop by at least `min_drop`. A scaler learnt on the training lots
   passes the shift on to the SVM (solution and a Pipeline: test_macro_f1
   0.944 -> 0.638; MinMaxScaler 0.964 -> 0.605; RobustScaler 0.944 -> 0.806); a
   scaler refitted on the test lots (StandardScaler().fit_transform on each
   split) re-centres them, removes the shift and prints the same number.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import statistics
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
    ok = True
    for name, band in exp["bands"].items():
        value = parse_metric(real["stdout"], name)
        good = in_band(value, band)
        details[name] = {"value": value, "band": band, "ok": good}
        ok = ok and good
    uc = exp.get("unit_change")
    if uc:
        base = parse_metric(real["stdout"], uc["metric"])
        with tempfile.TemporaryDirectory(prefix="verify-") as tmp:
            dst = Path(tmp) / "ws"
            copy_workspace(root, dst, script)
            path = dst / uc["data_file"]
            rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
            col = rows[0].index(uc["column"])
            for row in rows[1:]:
                if len(row) > col and row[col].strip():
                    row[col] = repr(round(float(row[col]) * uc["factor"], 6))
            out = io.StringIO()
            csv.writer(out, lineterminator="\n").writerows(rows)
            path.write_text(out.getvalue(), encoding="utf-8")
            res = run_script(dst, script, exp.get("run_timeout", 120))
        changed_value = parse_metric(res["stdout"], uc["metric"]) if res["returncode"] == 0 else None
        good = base is not None and changed_value is not None and abs(changed_value - base) <= uc["tolerance"]
        details["unit_change"] = {"column": uc["column"], "factor": uc["factor"], "value": changed_value,
                                  "returncode": res["returncode"], "ok": good}
        ok = ok and good
    ts = exp.get("test_shift")
    if ts and ok:
        ok = test_shift_check(root, script, ts, real["stdout"], exp.get("run_timeout", 120), details)
    return {"passed": ok, "details": details}


def test_shift_check(root: Path, script: str, ts: dict, real_stdout: str, timeout: int, details: dict) -> bool:
    """Shift the held-out lots only; a scaler fitted on the training lots must carry the shift to the model."""
    base = parse_metric(real_stdout, ts["metric"])
    test_ids = set(ts["test_ids"])
    with tempfile.TemporaryDirectory(prefix="verify-") as tmp:
        dst = Path(tmp) / "ws"
        copy_workspace(root, dst, script)
        path = dst / ts["data_file"]
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        header, body = rows[0], rows[1:]
        idc = header.index(ts["id_column"])
        shifts = {}
        for name in ts["columns"]:
            col = header.index(name)
            train_values = [float(r[col]) for r in body if r[idc] not in test_ids and r[col].strip()]
            shifts[name] = ts["train_sd"] * statistics.stdev(train_values)
            for r in body:
                if r[idc] in test_ids and r[col].strip():
                    r[col] = repr(round(float(r[col]) + shifts[name], 6))
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([header, *body])
        path.write_text(out.getvalue(), encoding="utf-8")
        res = run_script(dst, script, timeout)
    shifted = parse_metric(res["stdout"], ts["metric"]) if res["returncode"] == 0 else None
    drop = None if base is None or shifted is None else round(base - shifted, 4)
    good = drop is not None and drop >= ts["min_drop"]
    details["test_shift"] = {"columns": ts["columns"], "shift": {k: round(v, 4) for k, v in shifts.items()},
                             "metric": ts["metric"], "real": base, "shifted": shifted, "drop": drop,
                             "min_drop": ts["min_drop"], "returncode": res["returncode"], "ok": good}
    if res["returncode"] != 0:
        details["test_shift"]["stderr_tail"] = res["stderr_tail"][-600:]
    elif not good:
        details["test_shift"]["why"] = ("shifting only the held-out lots does not change the score: the test lots "
                                        "are rescaled with statistics of their own, not of the training lots")
    return good


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
