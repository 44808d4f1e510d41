"""Buggy vs fixed chiller model over 10 data seeds (run from this directory).

    ../../../.venv/bin/python measure.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import RobustScaler
from sklearn.svm import SVR

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "files" / "src"))
sys.path.insert(0, str(HERE))
import forecast as F  # noqa: E402
import task  # noqa: E402


def robust_screen(frame, columns, limit=3.5):
    values = frame[columns]
    med = values.median()
    mad = (values - med).abs().median() * 1.4826
    return frame[(((values - med) / mad).abs() <= limit).all(axis=1)]


def range_screen(frame, columns, limit=3.0):
    frame = frame[frame["rel_humidity_pct"].between(0, 100)]
    return F.screen_readings(frame, columns, limit)


def run(data_seed: int, variant: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        task.make_data(Path(tmp), seed=data_seed)
        log = F.load_log(Path(tmp) / "data" / "plant_log.csv")
    train, test = F.split_by_time(log, 28)
    cols = F.SENSORS + [F.TARGET]
    model = F.build_model()
    if variant == "buggy":
        kept = F.screen_readings(train, cols)
    elif variant == "fixed_mad":
        kept = robust_screen(train, cols)
    elif variant == "fixed_range":
        kept = range_screen(train, cols)
    elif variant == "z2":
        kept = F.screen_readings(train, cols, 2.0)
    elif variant == "robust_scaler":
        kept = F.screen_readings(train, cols)
        model = make_pipeline(RobustScaler(), SVR(kernel="rbf", C=200.0, epsilon=2.0, gamma="scale"))
    elif variant == "no_screen":
        kept = train
    model.fit(kept[F.FEATURES], kept[F.TARGET])
    pred = model.predict(test[F.FEATURES])
    y = test[F.TARGET].to_numpy()
    return {"mae": mean_absolute_error(y, pred), "r2": r2_score(y, pred), "kept": len(kept), "train": len(train)}


if __name__ == "__main__":
    seeds = [7311] + list(range(1, 10))
    for variant in ["buggy", "fixed_mad", "fixed_range", "z2", "robust_scaler", "no_screen"]:
        res = [run(s, variant) for s in seeds]
        print(variant, {k: (round(float(np.mean([r[k] for r in res])), 3), round(float(np.std([r[k] for r in res])), 3),
                            round(float(np.min([r[k] for r in res])), 3), round(float(np.max([r[k] for r in res])), 3))
                        for k in res[0]}, "seed7311:", {k: round(v, 3) for k, v in res[0].items()})
