# expect: UNDERFITTING@28-31
"""Listening hours in week 8 per new subscriber (streaming app, cohort 2024-02)."""
from dataclasses import dataclass

import lightgbm as lgb
import pandas as pd
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split


@dataclass
class Config:
    path: str = "cohort_2024_02_subscribers.parquet"
    target: str = "listen_hours_week8"
    num_leaves: int = 31
    seed: int = 0


FEATURES = [
    "plan_family", "plan_student", "devices", "playlists_created", "follows",
    "first4w_hours_mean", "first4w_hours_trend", "skips_per_hour", "age_band", "signup_channel_paid",
]


def main(cfg: Config = Config()) -> None:
    df = pd.read_parquet(cfg.path)
    train, test = train_test_split(df, test_size=0.2, random_state=cfg.seed)
    model = lgb.LGBMRegressor(
        n_estimators=20, learning_rate=0.001,
        num_leaves=cfg.num_leaves, random_state=cfg.seed, verbose=-1,
    )
    model.fit(train[FEATURES], train[cfg.target])
    pred = model.predict(test[FEATURES])
    print(f"MAE {mean_absolute_error(test[cfg.target], pred):.2f} h/week")
    print(f"prediction spread: {pred.min():.2f} .. {pred.max():.2f}")
    print(f"target spread    : {test[cfg.target].min():.2f} .. {test[cfg.target].max():.2f}")


if __name__ == "__main__":
    main()
