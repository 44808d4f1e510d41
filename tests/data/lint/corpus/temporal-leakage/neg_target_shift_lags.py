# expect: NONE
"""Next-day direction model for a single ticker."""
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score

px = pd.read_csv("spy_daily.csv", parse_dates=["Date"]).sort_values("Date").set_index("Date")

px["ret_1d"] = px["Close"].pct_change()
px["ret_5d"] = px["Close"].pct_change(5)
px["vol_20d"] = px["ret_1d"].rolling(20).std()
px["gap"] = px["Open"] / px["Close"].shift(1) - 1
px["up_tomorrow"] = (px["Close"].shift(-1) > px["Close"]).astype(int)
px = px.iloc[:-1].dropna()

feats = ["ret_1d", "ret_5d", "vol_20d", "gap", "Volume"]
n_train = int(len(px) * 0.8)
fit_part, eval_part = px.iloc[:n_train], px.iloc[n_train:]

clf = GradientBoostingClassifier(n_estimators=300, max_depth=3, random_state=7)
clf.fit(fit_part[feats], fit_part["up_tomorrow"])
proba = clf.predict_proba(eval_part[feats])[:, 1]
print("AUC", round(roc_auc_score(eval_part["up_tomorrow"], proba), 4))
