# expect: IMBALANCE@19
import numpy as np
import pandas as pd
from sklearn.ensemble import IsolationForest
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

cards = pd.read_csv("creditcard.csv")
V = [f"V{i}" for i in range(1, 29)] + ["Amount"]
fraud_share = cards["Class"].mean()
print(f"fraud share: {fraud_share:.4%}")

train, test = train_test_split(cards, test_size=0.3, stratify=cards["Class"], random_state=0)

iso = IsolationForest(n_estimators=300, contamination=fraud_share, random_state=0)
iso.fit(train[V])

pred = np.where(iso.predict(test[V]) == -1, 1, 0)
print("IsolationForest accuracy:", accuracy_score(test["Class"], pred))
