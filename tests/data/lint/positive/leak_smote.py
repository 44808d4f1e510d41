# expect: DATA_LEAKAGE resample-before-split
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
import pandas as pd
df = pd.read_csv("fraud.csv")
X, y = df.drop(columns=["is_fraud"]), df["is_fraud"]
X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, stratify=y_res, random_state=0)
clf = RandomForestClassifier(max_depth=8, random_state=0).fit(X_train, y_train)
print(f1_score(y_test, clf.predict(X_test)))
