# expect: NONE
import pandas as pd
from sklearn.ensemble import IsolationForest
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import train_test_split

cards = pd.read_csv("creditcard.csv")
V = [f"V{i}" for i in range(1, 29)] + ["Amount"]

train, test = train_test_split(cards, test_size=0.3, stratify=cards["Class"], random_state=0)

iso = IsolationForest(n_estimators=300, contamination="auto", random_state=0)
iso.fit(train.loc[train["Class"] == 0, V])

anomaly = -iso.score_samples(test[V])
print("PR-AUC:", round(average_precision_score(test["Class"], anomaly), 4))
print("ROC-AUC:", round(roc_auc_score(test["Class"], anomaly), 4))
