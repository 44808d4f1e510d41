# --- integrity: inserted by tasks/sources/build.py from tasks/sources/_lib/integrity.py ---
# Checks that the fix's numbers come from a model trained on the data it is given, not from
# its stdout: the task's own checks above run first; if they pass, the fix runs twice more,
# on data it has never seen, and is compared with the reference solution on that same data
# (measured by the builder and kept in the hidden `expected["integrity"]`):
#
#   fresh  every data file with a random 20 % of its rows removed (order kept). The fix's
#          numbers must change (a print-only fix prints the same ones) and each band metric
#          must lie in its band moved by as much as the reference moved on this data.
#   null   every column of every data file shuffled on its own (or only the columns named),
#          which leaves nothing to learn. Each metric the reference moves by at least 10 %
#          must land nearer the reference's null value than its real one (a memorised or
#          jittered printout stays at the real values).
#
# Stdlib only; the same code makes the variants at build time (the builder imports it).

import csv as _i_csv
import io as _i_io
import math as _i_math
import random as _i_random
import re as _i_re
import shutil as _i_shutil
import subprocess as _i_subprocess
import sys as _i_sys
import tempfile as _i_tempfile
from pathlib import Path as _i_Path

INTEGRITY_KEEP = 0.8
"""Share of each data file's rows the fresh variant keeps."""
INTEGRITY_NULL_GAP = 0.10
"""A metric takes part in the null check when the reference moves it by at least this share."""


def _i_metric(stdout, name):
    found = _i_re.findall(r"^\s*" + _i_re.escape(name) + r"\s*[:=]\s*(-?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(%?)",
                          stdout or "", flags=_i_re.IGNORECASE | _i_re.MULTILINE)
    if not found:
        return None
    value, pct = found[-1]
    value = float(value) / 100 if pct else float(value)
    return value if _i_math.isfinite(value) else None


def integrity_variant(root, data_files, mode, seed, columns=None):
    """Rewrite the CSV data files under ``root`` in place as the ``mode`` variant ('fresh' | 'null')."""
    for rel in data_files:
        path = _i_Path(root) / rel
        rows = list(_i_csv.reader(_i_io.StringIO(path.read_text(encoding="utf-8"))))
        if len(rows) < 3:
            continue
        header, body = rows[0], rows[1:]
        rng = _i_random.Random(f"{seed}:{mode}:{rel}")
        if mode == "fresh":
            keep = sorted(rng.sample(range(len(body)), max(2, round(INTEGRITY_KEEP * len(body)))))
            body = [body[i] for i in keep]
        elif mode == "null":
            names = columns or header
            for j, name in enumerate(header):
                if name not in names:
                    continue
                values = [r[j] if j < len(r) else "" for r in body]
                rng.shuffle(values)
                for r, v in zip(body, values):
                    if j < len(r):
                        r[j] = v
        else:
            raise ValueError(f"unknown variant {mode!r}")
        out = _i_io.StringIO()
        _i_csv.writer(out, lineterminator="\n").writerows([header, *body])
        path.write_text(out.getvalue(), encoding="utf-8")


def integrity_run(root, script, data_files, mode, seed, columns=None, timeout=120):
    """Run ``script`` on a copy of the workspace ``root`` made into the ``mode`` variant."""
    root = _i_Path(root)
    with _i_tempfile.TemporaryDirectory(prefix=f"integrity-{mode}-") as tmp:
        dst = _i_Path(tmp) / "ws"
        _i_shutil.copytree(root, dst, ignore=_i_shutil.ignore_patterns("__pycache__", ".git", ".venv", "*.pyc",
                                                                          ".mle_env_grader"))
        target = dst / script
        if target.is_file():  # a script that hard-codes the workspace's absolute path reads the copy
            src = target.read_text(encoding="utf-8", errors="replace")
            for prefix in {str(root.resolve()), str(root), "/app"}:
                if prefix and prefix != "/":
                    src = _i_re.sub(_i_re.escape(prefix.rstrip("/")) + r"(?=[/'\"])", str(dst).replace("\\", "\\\\"), src)
            target.write_text(src, encoding="utf-8")
        integrity_variant(dst, data_files, mode, seed, columns)
        try:
            proc = _i_subprocess.run([_i_sys.executable, script], cwd=dst, capture_output=True, text=True, timeout=timeout)
        except _i_subprocess.TimeoutExpired:
            return {"returncode": None, "stdout": "", "stderr_tail": f"timed out after {timeout}s"}
    return {"returncode": proc.returncode, "stdout": proc.stdout, "stderr_tail": proc.stderr[-800:]}


def integrity_null_metrics(real, null):
    """The metrics the reference moves by at least INTEGRITY_NULL_GAP between real and null data."""
    out = []
    for name, r in real.items():
        n = null.get(name)
        if r is None or n is None:
            continue
        if abs(r - n) >= max(1e-9, INTEGRITY_NULL_GAP * max(abs(r), abs(n))):
            out.append(name)
    return out


def integrity_check(root, script, cfg, real_stdout, timeout=120):
    """(passed, details) of the fresh and null checks for the fix ``script`` in workspace ``root``."""
    details = {}
    ok = True
    ref = cfg["reference"]
    mine_real = {m: _i_metric(real_stdout, m) for m in cfg["metrics"]}
    fresh = integrity_run(root, script, cfg["data_files"], "fresh", cfg["seed"], None, timeout)
    if fresh["returncode"] != 0:
        return False, {"fresh": {"returncode": fresh["returncode"], "stderr_tail": fresh["stderr_tail"],
                                 "ok": False, "why": "the fix does not run on a fresh sample of the data"}}
    mine_fresh = {m: _i_metric(fresh["stdout"], m) for m in cfg["metrics"]}
    moved = any(mine_fresh[m] is not None and mine_real[m] is not None and mine_fresh[m] != mine_real[m]
                for m in cfg["metrics"])
    details["fresh"] = {"values": mine_fresh, "moved": moved}
    if not moved:
        ok = False
        details["fresh"]["why"] = "the fix prints the same numbers on different data"
    for m, band in cfg.get("bands", {}).items():
        shift = ref["fresh"].get(m, 0.0) - ref["real"].get(m, 0.0)
        lo, hi = band[0] + shift, band[1] + shift
        good = mine_fresh.get(m) is not None and lo <= mine_fresh[m] <= hi
        details["fresh"][m] = {"value": mine_fresh.get(m), "band": [round(lo, 6), round(hi, 6)], "ok": good}
        ok = ok and good
    if cfg.get("null_metrics"):
        null = integrity_run(root, script, cfg["data_files"], "null", cfg["seed"], cfg.get("null_columns"), timeout)
        if null["returncode"] != 0:
            # A fix may refuse data with nothing to learn; the reference did not, so this fails.
            details["null"] = {"returncode": null["returncode"], "stderr_tail": null["stderr_tail"], "ok": False}
            return False, details
        details["null"] = {}
        for m in cfg["null_metrics"]:
            v = _i_metric(null["stdout"], m)
            good = v is not None and abs(v - ref["null"][m]) < abs(v - ref["real"][m])
            details["null"][m] = {"value": v, "reference_null": ref["null"][m], "reference_real": ref["real"][m],
                                  "ok": good}
            ok = ok and good
    return ok, details


_integrity_runs = {}
_integrity_task_run_script = run_script  # noqa: F821  (the task's own helper, defined above)


def run_script(root, script, timeout, args=()):  # noqa: F811
    res = _integrity_task_run_script(root, script, timeout, args)
    if not args:
        _integrity_runs.setdefault((str(_i_Path(root).resolve()), script), res)
    return res


_integrity_task_verify = verify  # noqa: F821


def verify(root, exp):  # noqa: F811
    result = _integrity_task_verify(root, exp)
    cfg = exp.get("integrity")
    if not cfg or not result.get("passed"):
        return result
    script = exp.get("script", "response/revised_code.py")
    timeout = exp.get("run_timeout", 120)
    real = _integrity_runs.get((str(_i_Path(root).resolve()), script)) or run_script(root, script, timeout)
    ok, details = integrity_check(root, script, cfg, real.get("stdout", ""), timeout)
    result.setdefault("details", {})["integrity"] = details
    result["passed"] = bool(ok)
    return result
# --- end integrity ---
