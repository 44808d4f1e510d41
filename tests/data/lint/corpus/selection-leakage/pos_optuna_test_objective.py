# expect: DATA_LEAKAGE@20
import optuna
import pandas as pd
from lightgbm import LGBMRegressor
from sklearn.metrics import mean_absolute_error

part1 = pd.read_csv("sales_train.csv")
part2 = pd.read_csv("sales_test.csv")
feats = [c for c in part1.columns if c not in ("id", "sales")]


def objective(trial: optuna.Trial) -> float:
    params = {
        "num_leaves": trial.suggest_int("num_leaves", 15, 255),
        "learning_rate": trial.suggest_float("learning_rate", 1e-3, 0.2, log=True),
        "min_child_samples": trial.suggest_int("min_child_samples", 5, 100),
        "reg_lambda": trial.suggest_float("reg_lambda", 1e-3, 10.0, log=True),
    }
    m = LGBMRegressor(n_estimators=800, **params).fit(part1[feats], part1["sales"])
    return mean_absolute_error(part2["sales"], m.predict(part2[feats]))


study = optuna.create_study(direction="minimize")
study.optimize(objective, n_trials=60)
print("best params:", study.best_params)
print("test MAE:", study.best_value)
