"""Measure the original (target never inverse-transformed) vs the solution over split seeds.

    /work/main/.venv/bin/python tasks/sources/diabetes-progression-mlp/measure.py
"""
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
METRICS = ["test_mae", "cv_mae", "test_r2", "baseline_mae"]


def run(ws: Path, script: str, seed: int) -> dict:
    out = subprocess.run([sys.executable, script, "--seed", str(seed)], cwd=ws, capture_output=True, text=True, check=True).stdout
    return {m: float(re.search(rf"^{m}:\s*([-0-9.]+)", out, re.M).group(1)) for m in METRICS}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp)
        shutil.copytree(HERE / "files", ws, dirs_exist_ok=True)
        shutil.copytree(HERE / "solution" / "response", ws / "response")
        for name, script in [("buggy", "src/train.py"), ("fixed", "response/revised_code.py")]:
            res = [run(ws, script, s) for s in range(12)]
            print(name, {m: f"{statistics.mean(r[m] for r in res):.3f} +/- {statistics.stdev(r[m] for r in res):.3f}" for m in METRICS})
            print(name, "min/max test_mae", min(r["test_mae"] for r in res), max(r["test_mae"] for r in res),
                  "cv", min(r["cv_mae"] for r in res), max(r["cv_mae"] for r in res))
        print("default seed 3:", run(ws, "src/train.py", 3), run(ws, "response/revised_code.py", 3))


if __name__ == "__main__":
    main()
