# expect: NONE
import optuna
import pandas as pd
from lightgbm import LGBMRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error

dev = pd.read_csv("sales_train.csv")
holdout = pd.read_csv("sales_test.csv")
feats = [c for c in dev.columns if c not in ("id", "sales")]
part1, part2 = train_test_split(dev, test_size=0.2, random_state=0)


def objective(trial: optuna.Trial) -> float:
    params = {
        "num_leaves": trial.suggest_int("num_leaves", 15, 255),
        "learning_rate": trial.suggest_float("learning_rate", 1e-3, 0.2, log=True),
        "min_child_samples": trial.suggest_int("min_child_samples", 5, 100),
    }
    m = LGBMRegressor(n_estimators=800, **params).fit(part1[feats], part1["sales"])
    return mean_absolute_error(part2["sales"], m.predict(part2[feats]))


study = optuna.create_study(direction="minimize")
study.optimize(objective, n_trials=60)
final = LGBMRegressor(n_estimators=800, **study.best_params).fit(dev[feats], dev["sales"])
print("validation MAE:", study.best_value)
print("holdout MAE:", mean_absolute_error(holdout["sales"], final.predict(holdout[feats])))
