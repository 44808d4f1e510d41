"""Hidden verification for the task roast-profile-cupping.

The grader runs this with the agent's workspace as the current directory
(or at $MLE_ENV_WORKSPACE) and the JSON of mle_env.verify.expected as argv[1].
It prints ONE JSON line {"passed": bool, "details": {...}} and exits 0 either way.
Stdlib only: it runs in the task's sandbox, where numpy/pandas/sklearn exist but
the verifier must not depend on them for its own logic.

Checks on response/revised_code.py (run once, as delivered, on the task's data):

1. every metric in `bands` (test_r2, train_r2) lies in its band, measured from
   restricted trees (CV-chosen depth/leaf size, max_depth 3-5, min_samples_leaf
   10-30) at the task's split seed and over 20 other seeds, widened a little;
2. for every pair in `gaps`, train metric minus test metric is at most `max`:
   the restricted tree generalises, so the train-test gap must shrink.

The unrestricted original prints train_r2 1.000 and test_r2 0.133 (gap 0.87)
and fails both; a depth cap that does not bind (max_depth=20 or 10) fails the
same way, and an over-pruned stump (max_depth=1) closes the gap but falls
below both bands (it underfits: train_r2 0.31, test_r2 0.14).

3. `model_probe`: the fix runs once more, through a small wrapper (`python -c
   PROBE <record> <script>`, then runpy) that wraps the `fit` of every scikit-learn
   estimator class and records, in a file outside the workspace that only this
   verifier reads, the class of every estimator fitted (and, for trees, depth and
   leaves). Required: no ensemble is fitted (sklearn.ensemble, *Forest*, *Boost*,
   Bagging, Voting, Stacking), no predictor other than a regression tree (meta-
   estimators such as Pipeline / GridSearchCV, transformers and Dummy* are
   fine), at least one regression tree is fitted, and the tree the script
   describes (its printed tree_depth/tree_leaves, else the last tree fitted) was
   fitted and has at most `max_depth` levels and `max_leaves` leaves. A
   RandomForestRegressor(n_estimators=200, min_samples_leaf=5) passes checks 1-2
   (train_r2 0.797, test_r2 0.578) but is not one readable tree.
"""

from __future__ import annotations

import hashlib
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
    for gap in exp.get("gaps", []):
        tr, te = parse_metric(real["stdout"], gap["train"]), parse_metric(real["stdout"], gap["test"])
        value = None if tr is None or te is None else round(tr - te, 4)
        good = value is not None and value <= gap["max"]
        details[f"gap {gap['train']} - {gap['test']}"] = {"value": value, "max": gap["max"], "ok": good}
        ok = ok and good
    probe = exp.get("model_probe")
    if probe and ok:
        ok = model_probe_check(root, script, probe, exp.get("run_timeout", 120), details)
    return {"passed": ok, "details": details}


# Run as `python -c PROBE <record.json> <script>` with cwd = the workspace: wraps `fit` of every
# scikit-learn estimator class, runs the script as __main__ and, at exit, writes what was fitted.
PROBE = r"""
import atexit, functools, inspect, json, os, runpy, sys, threading
_out, _script = sys.argv[1], sys.argv[2]
_records, _local = [], threading.local()
def _save():
    with open(_out, "w") as fh:
        json.dump(_records, fh)
atexit.register(_save)
def _wrap(f):
    @functools.wraps(f)
    def fit(self, *a, **k):
        level = getattr(_local, "level", 0)
        _local.level = level + 1
        try:
            res = f(self, *a, **k)
        finally:
            _local.level = level
        cls = type(self)
        rec = {"cls": cls.__name__, "module": cls.__module__, "level": level}
        try:
            rec["predict"] = hasattr(self, "predict")
        except Exception:
            rec["predict"] = False
        if cls.__module__.startswith("sklearn.tree"):
            try:
                rec["depth"], rec["leaves"] = int(self.get_depth()), int(self.get_n_leaves())
            except Exception:
                pass
        _records.append(rec)
        return res
    fit._probe_wrapped = True
    return fit
try:
    import sklearn.base, sklearn.tree, sklearn.ensemble, sklearn.pipeline, sklearn.model_selection
    try:
        from sklearn.utils import all_estimators
        all_estimators()
    except Exception:
        pass
    seen, stack = set(), [sklearn.base.BaseEstimator]
    while stack:
        c = stack.pop()
        if c in seen:
            continue
        seen.add(c)
        stack.extend(c.__subclasses__())
        f = c.__dict__.get("fit")
        if inspect.isfunction(f) and not getattr(f, "_probe_wrapped", False):
            setattr(c, "fit", _wrap(f))
except Exception as e:
    print("probe: could not instrument scikit-learn:", e, file=sys.stderr)
sys.argv = [_script]
sys.path[0] = os.path.dirname(os.path.abspath(_script))
runpy.run_path(_script, run_name="__main__")
"""

_ENSEMBLE = re.compile(r"Forest|Boost|Bagging|Voting|Stacking|XGB|LGBM|CatBoost", re.IGNORECASE)
_META = {"Pipeline", "GridSearchCV", "RandomizedSearchCV", "HalvingGridSearchCV", "HalvingRandomSearchCV",
         "TransformedTargetRegressor"}


def model_probe_check(root: Path, script: str, probe: dict, timeout: int, details: dict) -> bool:
    """Which estimators the fix really fits, read through the fit wrapper (not through its stdout)."""
    info: dict = {}
    details["model_probe"] = info
    with tempfile.TemporaryDirectory(prefix="verify-probe-") as tmp:
        record = Path(tmp) / "fitted.json"
        try:
            proc = subprocess.run([sys.executable, "-c", PROBE, str(record), script], cwd=root,
                                  capture_output=True, text=True, timeout=timeout)
            rc, stdout, err = proc.returncode, proc.stdout, proc.stderr
        except subprocess.TimeoutExpired:
            rc, stdout, err = None, "", f"timed out after {timeout}s"
        try:
            fitted = json.loads(record.read_text(encoding="utf-8")) if record.is_file() else None
        except ValueError:
            fitted = None
    info["returncode"] = rc
    if rc != 0 or not isinstance(fitted, list):
        info.update(ok=False, stderr_tail=err[-600:], why="the fix did not run to completion under the fit probe")
        return False
    names = sorted({f"{r.get('module')}.{r.get('cls')}" for r in fitted if isinstance(r, dict)})
    info["fitted_classes"] = names[:20]
    trees = [r for r in fitted if isinstance(r, dict) and str(r.get("module", "")).startswith("sklearn.tree")
             and "Regressor" in str(r.get("cls"))]
    ensembles = [n for n in names if n.startswith("sklearn.ensemble") or _ENSEMBLE.search(n.rsplit(".", 1)[-1])]
    others = [n for n in names
              if n not in ensembles and not n.startswith("sklearn.tree") and n.rsplit(".", 1)[-1] not in _META
              and not n.rsplit(".", 1)[-1].startswith("Dummy")
              and any(r.get("predict") for r in fitted if f"{r.get('module')}.{r.get('cls')}" == n)]
    if ensembles:
        info.update(ok=False, ensembles=ensembles, why="an ensemble is fitted: the model must stay one readable tree")
        return False
    if others:
        info.update(ok=False, other_models=others, why="a model other than a regression tree is fitted")
        return False
    if not trees:
        info.update(ok=False, why="no regression tree is fitted")
        return False
    depth, leaves = parse_metric(stdout, "tree_depth"), parse_metric(stdout, "tree_leaves")
    if depth is not None and leaves is not None:
        chosen = [r for r in trees if r.get("depth") == depth and r.get("leaves") == leaves]
        info["printed"] = {"tree_depth": depth, "tree_leaves": leaves}
        if not chosen:
            info.update(ok=False, why="the printed tree_depth/tree_leaves match no tree the script fitted")
            return False
        tree = chosen[-1]
    else:
        tree = trees[-1]
    info["tree"] = {"class": tree.get("cls"), "depth": tree.get("depth"), "leaves": tree.get("leaves"),
                    "max_depth": probe["max_depth"], "max_leaves": probe["max_leaves"]}
    good = (tree.get("depth") is not None and tree.get("leaves") is not None
            and tree["depth"] <= probe["max_depth"] and tree["leaves"] <= probe["max_leaves"])
    info["ok"] = good
    if not good:
        info["why"] = "the fitted tree is not constrained (too deep or too many leaves to read as rules)"
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
