import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder
from sklearn.metrics import average_precision_score

from config import CATEGORICAL, NUMERIC, TARGET

enc = pd.read_csv("encounters.csv")
pre = ColumnTransformer([
    ("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), CATEGORICAL),
    ("num", "passthrough", NUMERIC),
])
model = Pipeline([("pre", pre), ("hgb", HistGradientBoostingClassifier(max_iter=300))])
tr, te = train_test_split(enc, test_size=0.2, stratify=enc[TARGET], random_state=0)
model.fit(tr[CATEGORICAL + NUMERIC], tr[TARGET])
print("PR-AUC:", average_precision_score(te[TARGET], model.predict_proba(te[CATEGORICAL + NUMERIC])[:, 1]))
