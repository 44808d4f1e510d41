# expect: OVERFITTING@38
"""Calibrate low-cost PM2.5 sensors against the co-located reference monitor.

~600 hourly pairs from a three-week co-location campaign.
"""
import numpy as np
import pandas as pd
from tensorflow import keras
from tensorflow.keras import layers

FEATURES = ["raw_pm25", "raw_pm10", "rh_pct", "temp_c", "dew_point_c", "sensor_age_days"]


def build(n_features: int) -> keras.Model:
    model = keras.Sequential([
        layers.Input(shape=(n_features,)),
        layers.Dense(256, activation="relu"),
        layers.Dense(256, activation="relu"),
        layers.Dense(128, activation="relu"),
        layers.Dense(1),
    ])
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse", metrics=["mae"])
    return model


pairs = pd.read_csv("colocation_pairs.csv")
pairs = pairs.sort_values("hour_utc")
cut = int(len(pairs) * 0.8)
train, test = pairs.iloc[:cut], pairs.iloc[cut:]

mu, sd = train[FEATURES].mean(), train[FEATURES].std()
X_train = ((train[FEATURES] - mu) / sd).to_numpy("float32")
X_test = ((test[FEATURES] - mu) / sd).to_numpy("float32")
y_train = train["ref_pm25"].to_numpy("float32")
y_test = test["ref_pm25"].to_numpy("float32")

model = build(len(FEATURES))
model.fit(X_train, y_train, epochs=1500, batch_size=16, verbose=0)

pred = model.predict(X_test).ravel()
print("test MAE (ug/m3):", np.round(np.mean(np.abs(pred - y_test)), 2))
print("raw sensor MAE   :", np.round(np.mean(np.abs(test["raw_pm25"].to_numpy() - y_test)), 2))
