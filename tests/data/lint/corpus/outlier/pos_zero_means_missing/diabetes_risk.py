# expect: OUTLIER@10
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def load(path="data/clinic.csv"):
    df = pd.read_csv(path)
    X = df[["pregnancies", "glucose", "blood_pressure", "bmi", "age"]]
    return X, df["outcome"]


X, y = load()
clf = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
print("CV ROC AUC:", cross_val_score(clf, X, y, cv=cv, scoring="roc_auc").mean().round(3))

clf.fit(X, y)
coefs = dict(zip(X.columns, clf[-1].coef_[0].round(3)))
print("standardised coefficients:", coefs)
