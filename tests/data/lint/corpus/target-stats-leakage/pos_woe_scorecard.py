# expect: DATA_LEAKAGE@22
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score


def woe_table(df, col, target):
    g = df.groupby(col)[target].agg(bad="sum", total="count")
    g["good"] = g["total"] - g["bad"]
    dist_bad = (g["bad"] + 0.5) / (g["bad"].sum() + 0.5)
    dist_good = (g["good"] + 0.5) / (g["good"].sum() + 0.5)
    return np.log(dist_good / dist_bad)


book = pd.read_csv("credit_book.csv")
book["age_band"] = pd.cut(book["age"], [18, 25, 35, 45, 55, 65, 100])
book["util_band"] = pd.qcut(book["revol_util"], 10, duplicates="drop")
woe_cols = []
for col in ["age_band", "util_band", "home_ownership", "purpose"]:
    book[col + "_woe"] = book[col].map(woe_table(book, col, "bad_flag")).astype(float)
    woe_cols.append(col + "_woe")

dev, oot = train_test_split(book, test_size=0.3, random_state=4, stratify=book["bad_flag"])
sc = LogisticRegression(C=0.2, max_iter=1000).fit(dev[woe_cols], dev["bad_flag"])
gini = 2 * roc_auc_score(oot["bad_flag"], sc.predict_proba(oot[woe_cols])[:, 1]) - 1
print(f"Gini on holdout: {gini:.3f}")
