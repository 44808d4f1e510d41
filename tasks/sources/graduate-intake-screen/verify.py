"""Hidden verification for the task graduate-intake-screen.

The grader runs this with the agent's workspace as the current directory
(or at $MLE_ENV_WORKSPACE) and the JSON of mle_env.verify.expected as argv[1].
It prints ONE JSON line {"passed": bool, "details": {...}} and exits 0 either way.
Stdlib only: it runs in the task's sandbox, where numpy/pandas/sklearn exist but
the verifier must not depend on them for its own logic.

Runs response/revised_code.py once and requires test_roc_auc, test_balanced_accuracy and
cv_roc_auc to lie in the bands measured for a k-NN whose nominal columns are one-hot
encoded (scaled or unscaled dummies both fall inside). The original feeds label-encoded,
standardised integer codes of degree_field / application_channel / office to the k-NN
distance and scores ~0.68 AUC; dropping the categorical columns scores the same and
fails too.

Relabelling invariance (`relabel`): the fix runs again on a copy of the data in which the
categories of each nominal column are renamed by a bijection that scrambles their
alphabetical order (the alphabetically first category stays first, so a `drop="first"`
dummy coding drops the same one; the rest are interleaved, an order change no reflection
or shift of integer codes can undo). One-hot encoding only permutes dummy columns, which
leaves every distance, and so every printed metric, unchanged; any column still
label-encoded gets new integer codes and new neighbours. Each metric must stay within
`tolerance` of the fix's own run on the real data. Measured: solution, drop="first",
scaled dummies, pd.get_dummies: change 0.000 on all four metrics; one-hot for
degree_field only (channel and office label-encoded): test_roc_auc +0.021,
test_precision_top25 +0.08; the original: +0.12.
"""

from __future__ import annotations

import csv
import hashlib
import io
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
    ok = True
    for name, band in exp["bands"].items():
        value = parse_metric(real["stdout"], name)
        good = in_band(value, band)
        details[name] = {"value": value, "band": band, "ok": good}
        ok = ok and good
    rl = exp.get("relabel")
    if rl and ok:
        ok = relabel_check(root, script, rl, real["stdout"], exp.get("run_timeout", 120), details)
    return {"passed": ok, "details": details}


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def relabel_data(path: Path, columns: list[str]) -> dict:
    """Rename each nominal column's categories so that their alphabetical order is scrambled."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header, body = rows[0], rows[1:]
    mapping = {}
    for col in columns:
        j = header.index(col)
        cats = sorted({r[j] for r in body if j < len(r) and r[j] != ""})
        rest = cats[1:]
        order = cats[:1] + rest[1::2] + rest[0::2]  # first kept, the others interleaved
        new = {cat: f"{_LETTERS[i % 26] * (1 + i // 26)}_{cat}" for i, cat in enumerate(order)}
        for r in body:
            if j < len(r) and r[j] in new:
                r[j] = new[r[j]]
        mapping[col] = [new[c] for c in cats]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *body])
    path.write_text(out.getvalue(), encoding="utf-8")
    return mapping


def relabel_check(root: Path, script: str, rl: dict, real_stdout: str, timeout: int, details: dict) -> bool:
    with tempfile.TemporaryDirectory(prefix="verify-") as tmp:
        dst = Path(tmp) / "ws"
        copy_workspace(root, dst, script)
        relabel_data(dst / rl["data_file"], rl["columns"])
        res = run_script(dst, script, timeout)
    info: dict = {"returncode": res["returncode"], "tolerance": rl["tolerance"]}
    details["relabel"] = info
    if res["returncode"] != 0:
        info.update(ok=False, stderr_tail=res["stderr_tail"][-600:],
                    why="the fix does not run when the categories have other names")
        return False
    ok = True
    for name in rl["metrics"]:
        before, after = parse_metric(real_stdout, name), parse_metric(res["stdout"], name)
        if before is None and after is None and name not in rl.get("required", []):
            continue
        good = before is not None and after is not None and abs(after - before) <= rl["tolerance"]
        info[name] = {"real": before, "relabelled": after, "ok": good}
        ok = ok and good
    info["ok"] = ok
    if not ok:
        info["why"] = "renaming the categories changes the metrics: a nominal column is still encoded by its order"
    return ok


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
