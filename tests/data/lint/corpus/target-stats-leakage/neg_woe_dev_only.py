# expect: NONE
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score


def woe_table(df, col, target):
    g = df.groupby(col, observed=True)[target].agg(bad="sum", total="count")
    g["good"] = g["total"] - g["bad"]
    return np.log(((g["good"] + 0.5) / (g["good"].sum() + 0.5)) / ((g["bad"] + 0.5) / (g["bad"].sum() + 0.5)))


book = pd.read_csv("credit_book.csv")
book["age_band"] = pd.cut(book["age"], [18, 25, 35, 45, 55, 65, 100])
dev, oot = train_test_split(book, test_size=0.3, random_state=4, stratify=book["bad_flag"])
dev, oot = dev.copy(), oot.copy()

woe_cols = []
for col in ["age_band", "home_ownership", "purpose"]:
    table = woe_table(dev, col, "bad_flag")
    dev[col + "_woe"] = dev[col].map(table).astype(float).fillna(0.0)
    oot[col + "_woe"] = oot[col].map(table).astype(float).fillna(0.0)
    woe_cols.append(col + "_woe")

sc = LogisticRegression(C=0.2, max_iter=1000).fit(dev[woe_cols], dev["bad_flag"])
print("Gini:", 2 * roc_auc_score(oot["bad_flag"], sc.predict_proba(oot[woe_cols])[:, 1]) - 1)
