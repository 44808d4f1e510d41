"""Measure buggy vs fixed (and the bad variants) over 10 regenerated data sets (policies(77..86)).

    .venv/bin/python tasks/sources/motor-policy-risk-score/measure.py
"""

import os

os.environ["OMP_NUM_THREADS"] = "1"

import contextlib  # noqa: E402
import io  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import task  # noqa: E402

METRICS = ["test_roc_auc", "test_log_loss", "test_predicted_claim_rate", "test_observed_claim_rate", "cv_roc_auc"]
_MODE = ("_ENC", "X[col] = df[col].map(vocabulary[col]).fillna(df[col].map(vocabulary[col]).mode()[0]).astype(int)")


def run(src):
    ns = {"__name__": "measured"}
    exec(compile(src, "v.py", "exec"), ns)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        ns["main"]()
    return {m: float(re.search(rf"^{m}: ([0-9.]+)", buf.getvalue(), re.M).group(1)) for m in METRICS}


def main():
    files = {"src/risk_model.py": (HERE / "files/src/risk_model.py").read_text()}
    variants = {"buggy": files["src/risk_model.py"], "fixed": (HERE / "solution/response/revised_code.py").read_text(),
                "unseen_to_most_frequent_code": files["src/risk_model.py"].replace(task._ENC, _MODE[1])}
    variants.update({k: fn(files) for k, fn in task.BAD_VARIANTS.items()})
    res = {v: {m: [] for m in METRICS} for v in variants}
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        try:
            for seed in range(77, 87):
                task.make_data(tmp) if seed == 77 else None
                train, test = task.policies(seed)
                (Path(tmp) / "data").mkdir(exist_ok=True)
                train.to_csv(Path(tmp) / "data/policies_2021_2022.csv", index=False)
                test.to_csv(Path(tmp) / "data/policies_2023.csv", index=False)
                for v, src in variants.items():
                    for m, x in run(src).items():
                        res[v][m].append(x)
        finally:
            os.chdir(cwd)
    for v, vals in res.items():
        print(v, {m: (round(statistics.mean(x), 4), round(statistics.stdev(x), 4), min(x), max(x), x[0])
                  for m, x in vals.items()})


if __name__ == "__main__":
    main()
