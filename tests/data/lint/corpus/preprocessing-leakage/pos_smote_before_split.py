# expect: DATA_LEAKAGE@13
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import classification_report, roc_auc_score

cc = pd.read_csv("creditcard.csv")
features = cc.drop(columns=["Class", "Time"])
target = cc["Class"]

sm = SMOTE(random_state=42, k_neighbors=5)
feat_res, target_res = sm.fit_resample(features, target)
print(target_res.value_counts())

X_tr, X_te, y_tr, y_te = train_test_split(feat_res, target_res, test_size=0.3, random_state=42)
rf = RandomForestClassifier(n_estimators=300, n_jobs=-1, random_state=42).fit(X_tr, y_tr)
print(classification_report(y_te, rf.predict(X_te), digits=4))
print("AUC:", roc_auc_score(y_te, rf.predict_proba(X_te)[:, 1]))
