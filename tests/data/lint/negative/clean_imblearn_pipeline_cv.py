# expect: clean (no finding at or above 0.5)
import pandas as pd
from imblearn.pipeline import Pipeline
from imblearn.over_sampling import SMOTE
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score

df = pd.read_csv("fraud.csv")
X, y = df.drop(columns=["is_fraud"]), df["is_fraud"]
print(y.value_counts(normalize=True))
pipe = Pipeline([("scale", StandardScaler()), ("smote", SMOTE(random_state=0)), ("clf", LogisticRegression(max_iter=1000))])
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
print(cross_val_score(pipe, X, y, cv=cv, scoring="average_precision").mean())
