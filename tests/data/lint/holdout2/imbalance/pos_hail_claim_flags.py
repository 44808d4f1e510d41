# expect: IMBALANCE@22-24
"""Flag household policies likely to file a hail-damage claim next season.

Portfolio snapshot, one row per policy; about 1.5% of policies claimed last season.
"""
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix, precision_score, recall_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.compose import make_column_transformer

NUM = ["roof_age_years", "hail_days_10y", "building_value_k", "elevation_m", "dist_to_coast_km"]
CAT = ["roof_material", "region"]

policies = pd.read_parquet("household_policies_2023.parquet")
X, y = policies[NUM + CAT], policies["hail_claim"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=8)

pre = make_column_transformer((StandardScaler(), NUM), (OneHotEncoder(handle_unknown="ignore"), CAT))
clf = make_pipeline(pre, LogisticRegression(max_iter=2000))
clf.fit(X_train, y_train)
flags = clf.predict(X_test)

print(confusion_matrix(y_test, flags))
print(f"precision {precision_score(y_test, flags, zero_division=0):.3f}")
print(f"recall    {recall_score(y_test, flags):.3f}")
print(f"policies flagged for inspection: {int(flags.sum())} of {len(flags)}")
