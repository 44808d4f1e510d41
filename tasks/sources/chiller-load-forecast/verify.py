"""Hidden verification for the task chiller-load-forecast.

The grader runs this with the agent's workspace as the current directory
(or at $MLE_ENV_WORKSPACE) and the JSON of mle_env.verify.expected as argv[1].
It prints ONE JSON line {"passed": bool, "details": {...}} and exits 0 either way.
Stdlib only.

1. real data: `test_mae_kw` and `test_r2` of response/revised_code.py must lie
   in the bands measured for a robust screen over 10 data seeds (widened). The
   original's mean/std screen is masked by the 6553.5 humidity faults (about
   20 % of training hours), keeps them, and scores MAE ~23 kW, R2 ~0.64.
2. more faults: on a copy of the workspace where further training-period hours
   (the first 80 % of the log) get the 6553.5 fault reading (about 40 % of
   training hours faulty; the last four weeks are untouched), `test_mae_kw`
   must stay at or below `stress_mae_max`. A median/MAD screen, a plausible-range
   check or treating 6553.5 as missing all survive this; merely lowering the
   z-score threshold (which happens to work at 20 % contamination) does not.
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
    found = re.findall(_METRIC.format(name=re.escape(name)), stdout, flags=re.IGNORECASE | re.MULTILINE)
    if not found:
        return None
    value, pct = found[-1]
    return float(value) / 100 if pct else float(value)


def run_script(root: Path, script: str, timeout: int, args: list[str] = ()) -> dict:
    try:
        proc = subprocess.run(
            [sys.executable, script, *args], cwd=root, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return {"returncode": None, "stdout": "", "stderr_tail": f"timed out after {timeout}s"}
    return {"returncode": proc.returncode, "stdout": proc.stdout, "stderr_tail": proc.stderr[-1500:]}


def copy_workspace(root: Path, dst: Path, script: str, task_dir: str = "/app") -> None:
    shutil.copytree(root, dst, ignore=shutil.ignore_patterns("__pycache__", ".git", ".venv", "*.pyc", ".mle_env_grader"))
    target = dst / script
    src = target.read_text(encoding="utf-8")
    for prefix in {str(root.resolve()), str(root), task_dir}:
        if prefix and prefix != "/":
            src = re.sub(re.escape(prefix.rstrip("/")) + r"(?=[/'\"])", str(dst).replace("\\", "\\\\"), src)
    target.write_text(src, encoding="utf-8")


def data_unchanged(root: Path, hashes: dict[str, str]) -> list[str]:
    return [rel for rel, digest in hashes.items()
            if not (root / rel).is_file() or hashlib.sha256((root / rel).read_bytes()).hexdigest() != digest]


def in_band(value: float | None, band: list[float]) -> bool:
    return value is not None and band[0] <= value <= band[1]


def add_faults(text: str, column: str, value: str, share: float, train_fraction: float, seed: int) -> str:
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    col = header.index(column)
    rnd = random.Random(seed)
    for i in range(int(len(body) * train_fraction)):
        if rnd.random() < share:
            body[i][col] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header] + body)
    return out.getvalue()


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
    if not ok:
        return {"passed": False, "details": details}

    st = exp["stress"]
    with tempfile.TemporaryDirectory(prefix="verify-") as tmp:
        dst = Path(tmp) / "ws"
        copy_workspace(root, dst, script, exp.get("task_dir", "/app"))
        data = dst / st["data_file"]
        data.write_text(add_faults(data.read_text(encoding="utf-8"), st["column"], st["value"], st["share"],
                                   st["train_fraction"], st["seed"]), encoding="utf-8")
        res = run_script(dst, script, exp.get("run_timeout", 120))
    mae = parse_metric(res["stdout"], st["metric"]) if res["returncode"] == 0 else None
    stress_ok = mae is not None and mae <= st["max"]
    details["more_faults"] = {"returncode": res["returncode"], st["metric"]: mae, "max": st["max"], "ok": stress_ok}
    return {"passed": bool(ok and stress_ok), "details": details}


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
