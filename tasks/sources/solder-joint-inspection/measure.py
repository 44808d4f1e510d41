"""Measure the original vs the fix (and the half fixes) over split seeds.

    .venv/bin/python tasks/sources/solder-joint-inspection/measure.py
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

SEEDS = range(12)
METRICS = ["test_recall", "test_false_call_rate", "test_precision", "test_defect_rate"]


def main() -> None:
    files = {p.relative_to(HERE / "files").as_posix(): p.read_text() for p in (HERE / "files").rglob("*") if p.is_file()}
    variants = {"original": files["src/train.py"],
                "fixed": (HERE / "solution/response/revised_code.py").read_text(),
                **{k: fn(files) for k, fn in task.BAD_VARIANTS.items()}}
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(HERE / "files", tmp, dirs_exist_ok=True)
        (Path(tmp) / "response").mkdir()
        for name, src in variants.items():
            (Path(tmp) / "response/v.py").write_text(src)
            vals = {m: [] for m in METRICS}
            for seed in SEEDS:
                out = subprocess.run([sys.executable, "response/v.py", "--seed", str(seed)], cwd=tmp,
                                     capture_output=True, text=True, check=True).stdout
                for m in METRICS:
                    vals[m].append(float(re.search(rf"^{m}: ([0-9.]+)", out, re.M).group(1)))
            print(name, "  ".join(f"{m} {statistics.mean(v):.3f}±{statistics.stdev(v):.3f}" for m, v in vals.items()))


if __name__ == "__main__":
    main()
