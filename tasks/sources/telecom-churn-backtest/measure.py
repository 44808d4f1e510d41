"""Measure buggy vs fixed (and the bad variants) over 10 regenerated data sets.

    .venv/bin/python tasks/sources/telecom-churn-backtest/measure.py
"""

import contextlib
import io
import os
import re
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import task  # noqa: E402

METRICS = ["backtest_auc", "backtest_capture_at_20", "cv_auc"]


def run(src, root):
    ns = {"__name__": "measured", "__file__": str(root / "src" / "train.py")}
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(compile(src, "v.py", "exec"), ns)
        ns["main"]()
    sys.modules.pop("features", None)
    out = buf.getvalue()
    return {m: float(re.search(rf"^{m}: ([0-9.]+)", out, re.M).group(1)) for m in METRICS}


def main():
    files = {p.relative_to(HERE / "files").as_posix(): p.read_text() for p in (HERE / "files").rglob("*.py")}
    variants = {"buggy": files["src/train.py"], "fixed": (HERE / "solution/response/revised_code.py").read_text()}
    variants.update({k: fn(files) for k, fn in task.BAD_VARIANTS.items()})
    if len(sys.argv) > 1:
        variants = {k: v for k, v in variants.items() if k in sys.argv[1:]}
    res = {(v, kind): {m: [] for m in METRICS} for v in variants for kind in ("real",)}
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for rel, src in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(src)
        (root / "data").mkdir()
        os.chdir(root)
        try:
            for seed in range(2024, 2034):
                train, backtest = task.snapshots(seed)
                train.to_csv(root / "data/train.csv", index=False)
                for kind, bt in (("real", backtest),):
                    bt.to_csv(root / "data/backtest.csv", index=False)
                    for v, src in variants.items():
                        for m, x in run(src, root).items():
                            res[(v, kind)][m].append(x)
        finally:
            os.chdir(cwd)
    for (v, kind), vals in res.items():
        print(v, kind, {m: (round(statistics.mean(x), 3), round(statistics.stdev(x), 3), min(x), max(x), x[0])
                        for m, x in vals.items()})


if __name__ == "__main__":
    main()
