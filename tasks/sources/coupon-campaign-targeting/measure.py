"""Measure buggy vs fixed (and the bad variants) over 12 regenerated data sets, each with its own
split seed (seed 17 on the shipped data, then data seeds 1-11 with split seeds 1-11).

    .venv/bin/python tasks/sources/coupon-campaign-targeting/measure.py
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

METRICS = ["test_roc_auc", "test_average_precision", "test_lift_top10", "cv_roc_auc"]


def run(src, argv):
    ns = {"__name__": "measured"}
    exec(compile(src, "v.py", "exec"), ns)
    old, sys.argv = sys.argv, ["v.py", *argv]
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            ns["main"]()
    finally:
        sys.argv = old
    return {m: float(re.search(rf"^{m}: ([0-9.]+)", buf.getvalue(), re.M).group(1)) for m in METRICS}


def main():
    files = {"src/campaign_model.py": (HERE / "files/src/campaign_model.py").read_text()}
    variants = {"buggy": files["src/campaign_model.py"], "fixed": (HERE / "solution/response/revised_code.py").read_text()}
    variants.update({k: fn(files) for k, fn in task.BAD_VARIANTS.items()})
    res = {v: {m: [] for m in METRICS} for v in variants}
    with tempfile.TemporaryDirectory() as tmp:
        for data_seed, split_seed in [(404, 17)] + [(s, s) for s in range(1, 12)]:
            path = Path(tmp) / f"d{data_seed}.csv"
            task.customers(data_seed).to_csv(path, index=False)
            for v, src in variants.items():
                for m, x in run(src, ["--data", str(path), "--seed", str(split_seed)]).items():
                    res[v][m].append(x)
    for v, vals in res.items():
        print(v, {m: (round(statistics.mean(x), 3), round(statistics.stdev(x), 3), min(x), max(x), x[0])
                  for m, x in vals.items()})


if __name__ == "__main__":
    main()
