# expect: NONE
import pandas as pd
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.metrics import roc_auc_score

bank = pd.read_csv("bank_marketing.csv", sep=";")
cat = ["job", "marital", "education", "contact", "month", "poutcome"]
num = ["age", "balance", "campaign", "pdays", "previous"]
y = (bank["y"] == "yes").astype(int)
tr, te, y_tr, y_te = train_test_split(bank, y, test_size=0.2, stratify=y, random_state=8)

ohe = OneHotEncoder(handle_unknown="ignore", min_frequency=20).fit(tr[cat])
ss = StandardScaler().fit(tr[num])
Z_tr = sparse.hstack([ohe.transform(tr[cat]), sparse.csr_matrix(ss.transform(tr[num]))]).tocsr()
Z_te = sparse.hstack([ohe.transform(te[cat]), sparse.csr_matrix(ss.transform(te[num]))]).tocsr()

clf = LogisticRegression(max_iter=5000, class_weight="balanced").fit(Z_tr, y_tr)
print("AUC:", roc_auc_score(y_te, clf.predict_proba(Z_te)[:, 1]))
