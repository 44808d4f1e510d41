"""Measure the original pipeline and the would-be "fixes" (BAD_VARIANTS, plus one-hot or alphabetical encoding of
the ordinal columns, which trees absorb) over 10 data seeds x split/model seeds. Runs the scripts in-process for speed.

    .venv/bin/python tasks/sources/food-safety-inspection-risk/measure.py
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import re
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("task", HERE / "task.py")
task = importlib.util.module_from_spec(spec)
spec.loader.exec_module(task)
METRICS = ["boosting_rounds", "train_roc_auc", "test_roc_auc", "test_accuracy", "test_f1", "test_precision_at_top20"]


def run(src: str, data: Path, seed: int) -> dict[str, float]:
    buf = io.StringIO()
    sys.argv = ["train.py", "--data", str(data), "--seed", str(seed)]
    ns: dict = {"__name__": "variant"}
    exec(compile(src, "variant", "exec"), ns)
    with contextlib.redirect_stdout(buf):
        ns["main"]()
    out = buf.getvalue()
    return {m: float(re.search(rf"^{m}:\s*(-?[0-9.]+)", out, re.M).group(1)) for m in METRICS}


def main() -> None:
    files = {"src/train.py": (HERE / "files" / "src" / "train.py").read_text()}
    variants = {"original": files["src/train.py"], **{k: f(files) for k, f in task.BAD_VARIANTS.items()},
                "one_hot_everything (not a bad variant)": task._one_hot_everything(files),
                "alphabetical_ordinal (not a bad variant)": task._alphabetical_ordinal(files)}
    results: dict[str, list[dict]] = {k: [] for k in variants}
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(10):
            task.generate(Path(tmp), seed=1000 + seed)
            for name, src in variants.items():
                results[name].append(run(src, Path(tmp) / "data" / "businesses.csv", seed))
    for name, rows in results.items():
        print(name)
        for m in METRICS:
            v = np.array([r[m] for r in rows])
            d = v - np.array([r[m] for r in results["original"]])
            print(f"  {m:24s} mean {v.mean():.3f} sd {v.std():.3f}   diff vs original {d.mean():+.3f} (sd {d.std():.3f})")


if __name__ == "__main__":
    main()
