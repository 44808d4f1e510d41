"""Measure buggy vs fixed (and the bad variants) over split seeds.

    .venv/bin/python tasks/sources/home-valuation-model/measure.py
"""

import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import task  # noqa: E402

SEEDS = list(range(12))
METRICS = ["test_r2", "test_mape", "cv_r2_log"]


def main():
    files = {p.relative_to(HERE / "files").as_posix(): p.read_text() for p in (HERE / "files").rglob("*") if p.is_file()}
    variants = {"buggy": files["src/valuation.py"], "fixed": (HERE / "solution/response/revised_code.py").read_text(),
                "one_hot_grades": files["src/valuation.py"].replace(
                    '("grade", Pipeline([("enc", OrdinalEncoder()), ("scale", StandardScaler())]), GRADED)',
                    '("grade", OneHotEncoder(), GRADED)')}
    variants.update({k: fn(files) for k, fn in task.BAD_VARIANTS.items()})
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(HERE / "files", tmp, dirs_exist_ok=True)
        for name, src in variants.items():
            (Path(tmp) / "v.py").write_text(src)
            vals = {m: [] for m in METRICS}
            for s in SEEDS:
                out = subprocess.run([sys.executable, "v.py", "--seed", str(s)], cwd=tmp, capture_output=True,
                                     text=True, check=True).stdout
                for m in METRICS:
                    vals[m].append(float(re.search(rf"^{m}: ([-0-9.]+)", out, re.M).group(1)))
            print(name, {m: (round(statistics.mean(v), 3), round(statistics.stdev(v), 3), min(v), max(v))
                         for m, v in vals.items()})


if __name__ == "__main__":
    main()
