# expect: NONE
import os

import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_percentage_error
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

DATA_DIR = os.path.join(os.path.dirname(__file__), "data")
TIER_ORDER = ["bronze", "silver", "gold", "platinum"]


def build_model():
    prep = make_column_transformer(
        (OrdinalEncoder(categories=[TIER_ORDER]), ["tier"]),
        (OneHotEncoder(handle_unknown="ignore"), ["region"]),
        (StandardScaler(), ["months_active", "orders_last_year"]),
    )
    return make_pipeline(prep, Ridge(alpha=1.0))


def main():
    members = pd.read_csv(os.path.join(DATA_DIR, "members.csv"))
    X = members.drop(columns=["member_id", "lifetime_value"])
    y = members["lifetime_value"]
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=8)
    model = build_model().fit(X_tr, y_tr)
    print("MAPE:", mean_absolute_percentage_error(y_te, model.predict(X_te)))


if __name__ == "__main__":
    main()
