# expect: IMBALANCE@22
"""Sepsis early-warning model on ICU vitals.

Roughly 2% of ICU stays develop sepsis within 6 hours of a reading.
"""
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import accuracy_score, confusion_matrix
from sklearn.model_selection import GroupShuffleSplit

vitals = pd.read_csv("icu_vitals.csv")
features = ["heart_rate", "resp_rate", "temp_c", "map_mmhg", "spo2", "lactate", "wbc"]

gss = GroupShuffleSplit(n_splits=1, test_size=0.25, random_state=0)
tr_idx, te_idx = next(gss.split(vitals, groups=vitals["stay_id"]))
train, test = vitals.iloc[tr_idx], vitals.iloc[te_idx]

hgb = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05)
hgb.fit(train[features], train["sepsis_6h"])
pred = hgb.predict(test[features])

print("accuracy:", round(accuracy_score(test["sepsis_6h"], pred), 4))
print(confusion_matrix(test["sepsis_6h"], pred))
