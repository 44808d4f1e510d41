import sys

import joblib
import numpy as np
import pandas as pd

CATS = ["airline", "origin", "destination", "cabin"]
NUMS = ["days_to_departure", "stops", "duration_h"]


def score(path):
    bundle = joblib.load("fare_model.joblib")
    batch = pd.read_csv(path)
    X = np.hstack([bundle["encoder"].transform(batch[CATS]), batch[NUMS].to_numpy()])
    batch["predicted_price"] = bundle["model"].predict(X)
    return batch


if __name__ == "__main__":
    out = score(sys.argv[1])
    if "price" in out:
        print("MAE:", (out["price"] - out["predicted_price"]).abs().mean())
    out.to_csv("scored.csv", index=False)
