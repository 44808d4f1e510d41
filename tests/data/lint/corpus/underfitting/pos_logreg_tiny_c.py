# expect: UNDERFITTING@10
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def build_classifier(C=1e-4):
    return make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=1000))


def run(path="loan_book.csv"):
    book = pd.read_csv(path)
    X = book[["dti", "fico", "revol_util", "inq_6m", "emp_years", "loan_amnt"]]
    y = book["charged_off"]
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=9)
    clf = build_classifier().fit(X_tr, y_tr)
    return roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1])


if __name__ == "__main__":
    print("AUC:", round(run(), 3))
