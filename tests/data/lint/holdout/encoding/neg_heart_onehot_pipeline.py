# expect: NONE
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

df = pd.read_csv("heart_disease.csv")
y = df.pop("target")

num_cols = ["age", "trestbps", "chol", "thalach", "oldpeak"]
cat_cols = ["sex", "cp", "fbs", "restecg", "exang", "slope", "ca", "thal"]

preprocess = ColumnTransformer([
    ("num", Pipeline([
        ("impute", SimpleImputer(strategy="median")),
        ("scale", StandardScaler()),
    ]), num_cols),
    ("cat", Pipeline([
        ("impute", SimpleImputer(strategy="most_frequent")),
        ("onehot", OneHotEncoder(handle_unknown="ignore")),
    ]), cat_cols),
])

clf = Pipeline([
    ("prep", preprocess),
    ("lr", LogisticRegression(C=1.0, max_iter=2000)),
])

cv = StratifiedKFold(n_splits=10, shuffle=True, random_state=7)
for metric in ("roc_auc", "f1", "balanced_accuracy"):
    s = cross_val_score(clf, df[num_cols + cat_cols], y, cv=cv, scoring=metric)
    print(f"{metric:>18}: {np.mean(s):.3f} +/- {np.std(s):.3f}")

clf.fit(df[num_cols + cat_cols], y)
names = clf.named_steps["prep"].get_feature_names_out()
print(pd.Series(clf.named_steps["lr"].coef_[0], index=names).sort_values().tail(8))
