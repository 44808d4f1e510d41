# expect: NONE
import hashlib

import pandas as pd
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler


def bucket(user_id: str, n: int = 100) -> int:
    return int(hashlib.md5(user_id.encode()).hexdigest(), 16) % n


clicks = pd.read_csv("impressions.csv", dtype={"user_id": str})
clicks["bucket"] = clicks["user_id"].map(bucket)
cols = ["position", "ad_quality", "user_ctr_7d", "hour", "is_mobile"]

fit_rows = clicks[clicks["bucket"] < 90]
eval_rows = clicks[clicks["bucket"] >= 90]

sc = StandardScaler().fit(fit_rows[cols])
sgd = SGDClassifier(loss="log_loss", alpha=1e-5, random_state=0)
sgd.fit(sc.transform(fit_rows[cols]), fit_rows["clicked"])
print("AUC:", roc_auc_score(eval_rows["clicked"], sgd.predict_proba(sc.transform(eval_rows[cols]))[:, 1]))
