# expect: NONE
"""Flag household policies likely to file a hail-damage claim next season.

Portfolio snapshot, one row per policy; about 1.5% of policies claimed last season.
"""
import numpy as np
import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, precision_recall_curve, precision_score, recall_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUM = ["roof_age_years", "hail_days_10y", "building_value_k", "elevation_m", "dist_to_coast_km"]
CAT = ["roof_material", "region"]
INSPECTION_BUDGET_PRECISION = 0.10

policies = pd.read_parquet("household_policies_2023.parquet")
X, y = policies[NUM + CAT], policies["hail_claim"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=8)

pre = make_column_transformer((StandardScaler(), NUM), (OneHotEncoder(handle_unknown="ignore"), CAT))
clf = make_pipeline(pre, LogisticRegression(max_iter=2000, class_weight="balanced"))

oof = cross_val_predict(clf, X_train, y_train, cv=StratifiedKFold(5, shuffle=True, random_state=8),
                        method="predict_proba")[:, 1]
prec, rec, thr = precision_recall_curve(y_train, oof)
ok = np.where(prec[:-1] >= INSPECTION_BUDGET_PRECISION)[0]
threshold = float(thr[ok[0]]) if len(ok) else 0.5

clf.fit(X_train, y_train)
p = clf.predict_proba(X_test)[:, 1]
flags = p >= threshold
print(f"PR-AUC {average_precision_score(y_test, p):.3f}  (base rate {y_test.mean():.3%})")
print(f"threshold {threshold:.3f}: precision {precision_score(y_test, flags):.3f}, recall {recall_score(y_test, flags):.3f}")
