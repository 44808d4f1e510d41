"""Hidden verification for the task pay-band-estimator.

The grader runs this with the agent's workspace as the current directory
(or at $MLE_ENV_WORKSPACE) and the JSON of mle_env.verify.expected as argv[1].
It prints ONE JSON line {"passed": bool, "details": {...}} and exits 0 either way.
Stdlib only.

Check: run response/revised_code.py on the real data (split seed 21);
`test_mae_usd`, `test_r2` and `test_within_10pct` must lie in the bands of a
pipeline that no longer flattens legitimate values. Accepted on seed 21
(MAE / R2 / within-10 %): 1.5 IQR fences on the features only 10.9k / 0.941 /
0.613, no winsorizing 9.9k / 0.950 / 0.643, 1st/99th percentile caps
10.1k / 0.947 / 0.630, 3 IQR fences 10.5k / 0.945 / 0.630. Rejected: the
original quartile caps 26.9k / 0.422 / 0.387; quartile caps on features only
18.8k / 0.784; 1.5 IQR fences that still cap the salary target (clipping the
genuine level 5-6 salaries) 13.2k / 0.880; 5th/95th percentile caps 12.7k / 0.895.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
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
    try:
        proc = subprocess.run(
            [sys.executable, script, *args], cwd=root, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return {"returncode": None, "stdout": "", "stderr_tail": f"timed out after {timeout}s"}
    return {"returncode": proc.returncode, "stdout": proc.stdout, "stderr_tail": proc.stderr[-1500:]}


def data_unchanged(root: Path, hashes: dict[str, str]) -> list[str]:
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
