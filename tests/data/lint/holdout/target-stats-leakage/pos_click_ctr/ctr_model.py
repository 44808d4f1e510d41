# expect: DATA_LEAKAGE@13
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.preprocessing import OneHotEncoder

clicks = pd.read_csv("data/clicks.csv")
print(clicks.groupby("device")["click"].mean())

prior = clicks["click"].mean()
m = 20
site_stats = clicks.groupby("site_id")["click"].agg(["sum", "count"])
site_stats["site_ctr"] = (site_stats["sum"] + m * prior) / (site_stats["count"] + m)
clicks = clicks.merge(site_stats[["site_ctr"]], left_on="site_id", right_index=True, how="left")

clicks["night"] = clicks["hour"].isin([0, 1, 2, 3, 4, 5]).astype(int)

train_df, test_df = train_test_split(clicks, test_size=0.3, random_state=3, stratify=clicks["click"])

ohe = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
dev_train = ohe.fit_transform(train_df[["device"]])
dev_test = ohe.transform(test_df[["device"]])

X_train = pd.DataFrame(dev_train, index=train_df.index).assign(site_ctr=train_df["site_ctr"], night=train_df["night"])
X_test = pd.DataFrame(dev_test, index=test_df.index).assign(site_ctr=test_df["site_ctr"], night=test_df["night"])
X_train.columns = X_train.columns.astype(str)
X_test.columns = X_test.columns.astype(str)

lr = LogisticRegression(max_iter=1000)
lr.fit(X_train, train_df["click"])
p = lr.predict_proba(X_test)[:, 1]
print("logloss:", round(log_loss(test_df["click"], p), 4))
print("AUC:", round(roc_auc_score(test_df["click"], p), 4))
