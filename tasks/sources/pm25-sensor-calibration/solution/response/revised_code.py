"""Calibrate the low-cost PM2.5 sensor against the co-located reference monitor.

Fits a robust linear calibration of the reference PM2.5 on the sensor's raw
reading, humidity and temperature, trained on the first CALIBRATION_DAYS of the
co-location period and evaluated on the remaining days.
"""

import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import HuberRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

DATA = Path("data") / "colocation_hourly.csv"
CALIBRATION_DAYS = 60
TOLERANCE = 5.0  # ug/m3


def load(path):
    df = pd.read_csv(path, parse_dates=["timestamp"])
    df = df.dropna().sort_values("timestamp").reset_index(drop=True)
    return df


def make_features(df):
    rh = df["rh_pct"] / 100.0
    return pd.DataFrame({
        "raw": df["sensor_pm25_raw"],
        "raw_x_rh3": df["sensor_pm25_raw"] * rh ** 3,
        "rh": df["rh_pct"],
        "temp": df["temp_c"],
    })


def split(df, days):
    cutoff = df["timestamp"].min() + pd.Timedelta(days=days)
    return df[df["timestamp"] < cutoff], df[df["timestamp"] >= cutoff]


def fit_calibration(X, y):
    model = make_pipeline(StandardScaler(), HuberRegressor(epsilon=1.35, alpha=1e-4, max_iter=500))
    model.fit(X, y)
    return model


def summarise(y, pred):
    err = np.abs(y - pred)
    return {
        "median_ae": float(np.median(err)),
        "within_tol": float(np.mean(err <= TOLERANCE)),
        "mae": float(np.mean(err)),
        "bias": float(np.median(pred - y)),
    }


def main():
    df = load(DATA)
    train, test = split(df, CALIBRATION_DAYS)
    print(f"hours: {len(df)}  calibration: {len(train)}  evaluation: {len(test)}")
    print(f"reference pm25: median {df['reference_pm25'].median():.1f}  p99 {df['reference_pm25'].quantile(0.99):.1f}"
          f"  max {df['reference_pm25'].max():.1f}")

    model = fit_calibration(make_features(train), train["reference_pm25"])
    for name, frame in (("train", train), ("test", test)):
        stats = summarise(frame["reference_pm25"].to_numpy(), model.predict(make_features(frame)))
        for key, value in stats.items():
            print(f"{name}_{key}: {value:.3f}")

    raw_stats = summarise(test["reference_pm25"].to_numpy(), test["sensor_pm25_raw"].to_numpy())
    print(f"uncalibrated_median_ae: {raw_stats['median_ae']:.3f}")

    huber = model[-1]
    scale = model[0].scale_
    coefs = dict(zip(make_features(test).columns, huber.coef_ / scale))
    print("calibration coefficients (original units):")
    for key, value in coefs.items():
        print(f"  {key:<10s} {value:+.4f}")
    print(f"  outliers flagged in calibration data: {int(huber.outliers_.sum())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
