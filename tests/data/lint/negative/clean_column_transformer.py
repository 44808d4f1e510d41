# expect: clean (no finding at or above 0.5)
"""Predict churn from account data."""
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.preprocessing import StandardScaler, OneHotEncoder, LabelEncoder
from sklearn.pipeline import Pipeline
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split, GridSearchCV, StratifiedKFold
from sklearn.metrics import classification_report, roc_auc_score

NUM = ["tenure", "monthly_charges", "total_charges"]
CAT = ["contract", "payment_method", "region"]
TARGET = "churn"

def load(path):
    df = pd.read_csv(path)
    df = df.dropna(subset=[TARGET]).drop_duplicates()
    df["charges_per_month"] = df["total_charges"] / (df["tenure"] + 1)
    return df

def build():
    pre = ColumnTransformer([
        ("num", StandardScaler(), NUM + ["charges_per_month"]),
        ("cat", OneHotEncoder(handle_unknown="ignore"), CAT),
    ])
    return Pipeline([("pre", pre), ("clf", LogisticRegression(max_iter=1000, class_weight="balanced"))])

def main():
    df = load("data/churn.csv")
    y = LabelEncoder().fit_transform(df[TARGET])
    X = df.drop(columns=[TARGET])
    print(df[TARGET].value_counts(normalize=True))
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
    grid = GridSearchCV(build(), {"clf__C": [0.1, 1.0, 10.0]}, cv=StratifiedKFold(5), scoring="roc_auc")
    grid.fit(X_train, y_train)
    model = grid.best_estimator_
    print(classification_report(y_test, model.predict(X_test)))
    print("test auc", roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
    model.fit(X, y)  # refit on everything for deployment

if __name__ == "__main__":
    main()
