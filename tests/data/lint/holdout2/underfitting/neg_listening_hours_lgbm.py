# expect: NONE
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
    fit_part, val_part = train_test_split(train, test_size=0.15, random_state=cfg.seed + 1)
    model = lgb.LGBMRegressor(
        n_estimators=3000, learning_rate=0.03,
        num_leaves=cfg.num_leaves, min_child_samples=40, random_state=cfg.seed, verbose=-1,
    )
    model.fit(
        fit_part[FEATURES], fit_part[cfg.target],
        eval_set=[(val_part[FEATURES], val_part[cfg.target])],
        callbacks=[lgb.early_stopping(100, verbose=False)],
    )
    pred = model.predict(test[FEATURES], num_iteration=model.best_iteration_)
    print(f"rounds used: {model.best_iteration_}")
    print(f"MAE {mean_absolute_error(test[cfg.target], pred):.2f} h/week")


if __name__ == "__main__":
    main()
