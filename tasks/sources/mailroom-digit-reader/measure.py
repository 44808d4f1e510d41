"""Measure the original (files/src/train.py) and the fix (solution revised_code.py) over split seeds.

    .venv/bin/python tasks/sources/mailroom-digit-reader/measure.py   (after build.py has written the data)
"""
import re
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = {"original": HERE / "files/src/train.py", "fixed": HERE / "solution/response/revised_code.py"}
METRICS = ["train_accuracy", "test_accuracy", "test_macro_f1"]
SEEDS = range(12)

for name, script in SCRIPTS.items():
    vals = {m: [] for m in METRICS}
    for seed in SEEDS:
        out = subprocess.run([sys.executable, str(script), "--seed", str(seed), "--data", str(HERE / "files/data/digits.csv")],
                             capture_output=True, text=True, check=True).stdout
        for m in METRICS:
            vals[m].append(float(re.search(rf"^{m}: ([0-9.]+)", out, re.M).group(1)))
    print(name, {m: (round(statistics.mean(v), 3), round(statistics.stdev(v), 3), min(v), max(v)) for m, v in vals.items()})
