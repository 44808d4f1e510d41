"""Measure the original pipeline and the would-be "fixes" (BAD_VARIANTS) over 10 data seeds (the script has no other randomness).

    .venv/bin/python tasks/sources/pm25-sensor-calibration/measure.py
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
METRICS = ["train_median_ae", "test_median_ae", "test_within_tol", "test_mae", "test_bias"]


def run(root: Path, script: str, seed: int) -> dict[str, float]:
    out = subprocess.run([sys.executable, script], cwd=root, capture_output=True, text=True,
                         check=True).stdout
    return {m: float(re.search(rf"^{m}:\s*(-?[0-9.]+)", out, re.M).group(1)) for m in METRICS}


def main() -> None:
    files = {p.relative_to(HERE / "files").as_posix(): p.read_text() for p in (HERE / "files").rglob("*.py")}
    variants = {"original": files[task.ENTRYPOINT.split()[1]], **{k: f(files) for k, f in task.BAD_VARIANTS.items()}}
    results: dict[str, list[dict]] = {k: [] for k in variants}
    for seed in range(10):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            for rel, src in files.items():
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                (root / rel).write_text(src)
            task.generate(root, seed=1000 + seed)
            for name, src in variants.items():
                (root / "response").mkdir(exist_ok=True)
                (root / "response" / "variant.py").write_text(src.replace("resolve().parent /", "resolve().parents[1] /"))
                results[name].append(run(root, "response/variant.py", seed))
    for name, rows in results.items():
        print(name)
        for m in METRICS:
            v = np.array([r[m] for r in rows])
            d = v - np.array([r[m] for r in results["original"]])
            print(f"  {m:15s} mean {v.mean():.3f} sd {v.std():.3f}   diff vs original {d.mean():+.3f} (sd {d.std():.3f})")


if __name__ == "__main__":
    main()
