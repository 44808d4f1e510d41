"""Measure the original pipeline and the would-be "fixes" (BAD_VARIANTS) over 10 split seeds.

    .venv/bin/python tasks/sources/fna-cytology-triage/measure.py

The data are a fixed bundled dataset, so seeds vary the development/held-out split and the CV folds
(the script's SEED constant).
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("task", HERE / "task.py")
task = importlib.util.module_from_spec(spec)
spec.loader.exec_module(task)
METRICS = ["nested_cv_accuracy", "test_accuracy", "test_sensitivity", "test_specificity", "test_roc_auc"]


def run(root: Path, script: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, script], cwd=root, capture_output=True, text=True, check=True).stdout
    return {m: float(re.search(rf"^{m}:\s*(-?[0-9.]+)", out, re.M).group(1)) for m in METRICS}


def main() -> None:
    files = {"triage_model.py": (HERE / "files" / "triage_model.py").read_text()}
    variants = {"original": files["triage_model.py"], **{k: f(files) for k, f in task.BAD_VARIANTS.items()}}
    results: dict[str, list[dict]] = {k: [] for k in variants}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        task.generate(root)
        for seed in range(10):
            for name, src in variants.items():
                (root / "variant.py").write_text(src.replace("SEED = 23", f"SEED = {100 + seed}"))
                results[name].append(run(root, "variant.py"))
    for name, rows in results.items():
        print(name)
        for m in METRICS:
            v = np.array([r[m] for r in rows])
            d = v - np.array([r[m] for r in results["original"]])
            print(f"  {m:19s} mean {v.mean():.3f} sd {v.std():.3f}   diff vs original {d.mean():+.3f} (sd {d.std():.3f})")


if __name__ == "__main__":
    main()
