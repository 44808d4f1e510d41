# expect: UNDERFITTING@22
"""Predict marathon finish time (minutes) from a runner's 12-week training log."""
import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

FEATURES = [
    "weekly_km_mean", "weekly_km_max", "long_run_km_max", "runs_per_week",
    "tempo_pace_s_km", "easy_pace_s_km", "best_10k_min", "best_half_min",
    "age", "female", "elevation_gain_m_wk", "prev_marathons",
]

log = pd.read_csv("runner_training_logs.csv")
log = log.dropna(subset=FEATURES + ["finish_min"])
X, y = log[FEATURES], log["finish_min"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=10)

model = make_pipeline(StandardScaler(), Ridge(alpha=5e5))
model.fit(X_train, y_train)
pred = model.predict(X_test)

print(f"n={len(log)} runners")
print(f"MAE {mean_absolute_error(y_test, pred):.1f} min   R2 {r2_score(y_test, pred):.3f}")
print("coefficients (per SD):")
for name, c in sorted(zip(FEATURES, model[-1].coef_), key=lambda t: -abs(t[1])):
    print(f"  {name:<22s}{c:+.3f}")
print("guess-the-mean MAE:", round(float(np.mean(np.abs(y_test - y_train.mean()))), 1))
