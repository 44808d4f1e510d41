# expect: OUTLIER@13-14
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

NUM = ["revolving_util", "debt_ratio", "monthly_income", "open_lines", "late_30_59"]

train = pd.read_csv("cs_train.csv")
test = pd.read_csv("cs_test.csv")

both = pd.concat([train[NUM], test[NUM]])
caps = both.quantile(0.995)
for frame in (train, test):
    frame[NUM] = frame[NUM].clip(upper=caps, axis=1)

model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000, class_weight="balanced"))
model.fit(train[NUM].fillna(train[NUM].median()), train["delinquent_2y"])
proba = model.predict_proba(test[NUM].fillna(train[NUM].median()))[:, 1]
print("AUC:", roc_auc_score(test["delinquent_2y"], proba))
