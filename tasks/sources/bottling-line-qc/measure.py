"""Measure the original (scaler refit on every scored dataset) vs the solution over data seeds.

    /work/main/.venv/bin/python tasks/sources/bottling-line-qc/measure.py

Each seed regenerates history + October run with task.generate(seed); seed 4 is the shipped data.
"""
import importlib.util
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
METRICS = ["october_recall", "october_f1", "october_precision", "october_auc", "valid_recall"]
spec = importlib.util.spec_from_file_location("task", HERE / "task.py")
task = importlib.util.module_from_spec(spec)
spec.loader.exec_module(task)


def run(ws: Path, script: str) -> dict:
    out = subprocess.run([sys.executable, script], cwd=ws, capture_output=True, text=True, check=True).stdout
    return {m: float(re.search(rf"^{m}:\s*([-0-9.]+)", out, re.M).group(1)) for m in METRICS}


def main() -> None:
    res = {"buggy": [], "fixed": []}
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp)
        shutil.copytree(HERE / "files", ws, dirs_exist_ok=True)
        shutil.copytree(HERE / "solution" / "response", ws / "response")
        for seed in list(range(12)):
            task.make_data(ws, seed)
            res["buggy"].append(run(ws, "src/qc_model.py"))
            res["fixed"].append(run(ws, "response/revised_code.py"))
    for name, rs in res.items():
        print(name, {m: f"{statistics.mean(r[m] for r in rs):.3f} +/- {statistics.stdev(r[m] for r in rs):.3f}" for m in METRICS})
        for m in METRICS:
            print("  ", m, "min/max", min(r[m] for r in rs), max(r[m] for r in rs))


if __name__ == "__main__":
    main()
