# expect: NONE
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

from features import feature_list, field_history, season_split

CONFIG = {
    "data": Path(__file__).parent / "data" / "field_yields.csv",
    "first_test_year": 2021,
    "model": {"n_estimators": 300, "learning_rate": 0.05, "max_depth": 3, "subsample": 0.8},
}


def main(cfg=CONFIG):
    df = field_history(pd.read_csv(cfg["data"]))
    cols = feature_list()
    df = df.dropna(subset=cols).reset_index(drop=True)
    train, test = season_split(df, cfg["first_test_year"])

    model = GradientBoostingRegressor(random_state=0, **cfg["model"])
    model.fit(train[cols], train["yield_t_ha"])
    pred = model.predict(test[cols])

    print(f"train seasons {train.year.min()}-{train.year.max()}, test {test.year.min()}-{test.year.max()}")
    print("MAE t/ha:", round(mean_absolute_error(test["yield_t_ha"], pred), 3))
    per_year = test.assign(err=np.abs(pred - test["yield_t_ha"])).groupby("year")["err"].mean()
    print(per_year.round(3).to_string())


if __name__ == "__main__":
    main()
