# expect: DATA_LEAKAGE@15-16
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score, average_precision_score

subs = pd.read_csv("telecom_subscribers.csv")
subs["Churn"] = (subs["Churn"] == "Yes").astype(int)
subs["TotalCharges"] = pd.to_numeric(subs["TotalCharges"], errors="coerce").fillna(0)

numeric = ["tenure", "MonthlyCharges", "TotalCharges", "num_support_calls"]
categorical = ["Contract", "InternetService", "PaymentMethod", "PaperlessBilling",
               "cancellation_reason"]

pre = ColumnTransformer([
    ("num", StandardScaler(), numeric),
    ("cat", OneHotEncoder(handle_unknown="ignore"), categorical),
])
model = Pipeline([("pre", pre), ("clf", LogisticRegression(max_iter=3000, class_weight="balanced"))])

X_train, X_test, y_train, y_test = train_test_split(
    subs[numeric + categorical].fillna({"cancellation_reason": "none"}),
    subs["Churn"], test_size=0.2, stratify=subs["Churn"], random_state=0,
)
model.fit(X_train, y_train)

p = model.predict_proba(X_test)[:, 1]
print("ROC AUC:", round(roc_auc_score(y_test, p), 3))
print("PR AUC :", round(average_precision_score(y_test, p), 3))
