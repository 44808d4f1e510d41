"""Measure the original (src/eta_model.py) and the fix (solution revised_code.py) over split seeds.

    .venv/bin/python tasks/sources/courier-eta-model/measure.py [VARIANT ...]   (after build.py has written the data)
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
METRICS = ["train_r2", "test_r2", "test_mae"]
ONLY = sys.argv[1:]
SEEDS = range(12)

spec = importlib.util.spec_from_file_location("task", HERE / "task.py")
task = importlib.util.module_from_spec(spec)
spec.loader.exec_module(task)
files = {p.relative_to(HERE / "files").as_posix(): p.read_text() for p in (HERE / "files").rglob("*") if p.is_file()}
variants = {"original": task._original(files), "fixed": (HERE / "solution/response/revised_code.py").read_text()}
variants.update({k: fn(files) for k, fn in task.BAD_VARIANTS.items()})

with tempfile.TemporaryDirectory() as tmp:
    shutil.copytree(HERE / "files", tmp, dirs_exist_ok=True)
    (Path(tmp) / "response").mkdir()
    for name, code in variants.items():
        if ONLY and name not in ONLY:
            continue
        (Path(tmp) / "response/revised_code.py").write_text(code)
        vals = {m: [] for m in METRICS}
        for seed in SEEDS:
            out = subprocess.run([sys.executable, "response/revised_code.py", "--seed", str(seed)], cwd=tmp,
                                 capture_output=True, text=True, check=True).stdout
            for m in METRICS:
                vals[m].append(float(re.search(rf"^{m}: (-?[0-9.]+)", out, re.M).group(1)))
        print(name, {m: f"{statistics.mean(v):.3f} ± {statistics.stdev(v):.3f} [{min(v):.3f}, {max(v):.3f}]"
                     for m, v in vals.items()}, flush=True)
