# expect: UNDERFITTING@10
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split


class ChurnModel:
    def __init__(self):
        self.clf = RandomForestClassifier(n_estimators=3, max_depth=2, random_state=0)
        self.features = ["tenure", "monthly_charges", "total_charges", "support_tickets",
                         "contract_len", "late_payments", "devices"]

    def fit(self, df):
        self.clf.fit(df[self.features], df["churn"])
        return self

    def evaluate(self, df):
        return f1_score(df["churn"], self.clf.predict(df[self.features]), average="macro")


if __name__ == "__main__":
    data = pd.read_csv("telco.csv")
    fit_df, eval_df = train_test_split(data, test_size=0.25, stratify=data["churn"], random_state=0)
    print("macro F1:", ChurnModel().fit(fit_df).evaluate(eval_df))
