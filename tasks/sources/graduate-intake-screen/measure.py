"""Measure buggy vs fixed (and the bad variants) over 12 regenerated data sets, each with
its own split seed (CONFIG["seed"] = data seed).

    .venv/bin/python tasks/sources/graduate-intake-screen/measure.py
"""

import contextlib
import io
import re
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import task  # noqa: E402

METRICS = ["test_roc_auc", "test_balanced_accuracy", "cv_roc_auc", "test_precision_top25"]


def run(src, cfg_update):
    ns = {"__name__": "measured"}
    exec(compile(src, "v.py", "exec"), ns)
    cfg = {**ns["CONFIG"], **cfg_update}
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        ns["main"](cfg)
    return {m: float(re.search(rf"^{m}: ([0-9.]+)", buf.getvalue(), re.M).group(1)) for m in METRICS}


def main():
    files = {"src/screen.py": (HERE / "files/src/screen.py").read_text()}
    variants = {"buggy": files["src/screen.py"], "fixed": (HERE / "solution/response/revised_code.py").read_text()}
    variants.update({k: fn(files) for k, fn in task.BAD_VARIANTS.items()})
    res = {v: {m: [] for m in METRICS} for v in variants}
    with tempfile.TemporaryDirectory() as tmp:
        for i, seed in enumerate([31] + list(range(100, 111))):
            path = Path(tmp) / f"d{seed}.csv"
            task.applicants(seed).to_csv(path, index=False)
            for v, src in variants.items():
                for m, x in run(src, {"data": str(path), "seed": 5 if seed == 31 else seed}).items():
                    res[v][m].append(x)
    for v, vals in res.items():
        print(v, {m: (round(statistics.mean(x), 3), round(statistics.stdev(x), 3), min(x), max(x), x[0])
                  for m, x in vals.items()})


if __name__ == "__main__":
    main()
