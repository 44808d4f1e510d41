"""Measure the original (MinMaxScaler clip=True) vs the solution over data seeds.

    /work/main/.venv/bin/python tasks/sources/fulfilment-labour-planner/measure.py

Each seed regenerates the operations log with task.generate(seed); seed 2 is the shipped data.
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
METRICS = ["test_mae", "test_mape", "test_bias", "busiest_days_mae", "backtest_mae"]
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
        for seed in range(12):
            task.make_data(ws, seed)
            res["buggy"].append(run(ws, "src/forecast.py"))
            res["fixed"].append(run(ws, "response/revised_code.py"))
    for name, rs in res.items():
        print(name, {m: f"{statistics.mean(r[m] for r in rs):.2f} +/- {statistics.stdev(r[m] for r in rs):.2f}" for m in METRICS})
        for m in METRICS:
            print("  ", m, "min/max", min(r[m] for r in rs), max(r[m] for r in rs))


if __name__ == "__main__":
    main()
