# expect: NONE
import numpy as np
import pandas as pd
from lightgbm import LGBMClassifier
from sklearn.model_selection import KFold, train_test_split
from sklearn.metrics import roc_auc_score

ads = pd.read_csv("ad_clicks.csv")
cat_cols = ["site_id", "app_id", "device_model"]
fit_df, eval_df = train_test_split(ads, test_size=0.2, random_state=99)
fit_df, eval_df = fit_df.copy(), eval_df.copy()
prior = fit_df["click"].mean()

for col in cat_cols:
    oof = np.full(len(fit_df), prior)
    for a, b in KFold(n_splits=5, shuffle=True, random_state=0).split(fit_df):
        rates = fit_df.iloc[a].groupby(col)["click"].mean()
        oof[b] = fit_df.iloc[b][col].map(rates).fillna(prior).to_numpy()
    fit_df[col + "_te"] = oof
    eval_df[col + "_te"] = eval_df[col].map(fit_df.groupby(col)["click"].mean()).fillna(prior)

cols = [c + "_te" for c in cat_cols] + ["hour", "banner_pos"]
lgbm = LGBMClassifier(n_estimators=800, learning_rate=0.03).fit(fit_df[cols], fit_df["click"])
print("AUC:", roc_auc_score(eval_df["click"], lgbm.predict_proba(eval_df[cols])[:, 1]))
