"""Dropout-risk classifier from free-text feedback.

    python classify.py
"""
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import train_test_split

from text_data import load_dataset


def top_terms(model, vec, k=10):
    names = np.array(list(vec.get_feature_names_out()) + ["weeks_active", "quiz_avg"])
    order = np.argsort(model.coef_[0])
    return names[order[-k:]][::-1], names[order[:k]]


def main():
    X, y, vec = load_dataset()
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=8)

    clf = LogisticRegression(C=4.0, max_iter=3000, solver="liblinear")
    clf.fit(X_tr, y_tr)
    proba = clf.predict_proba(X_te)[:, 1]
    print(f"AUC {roc_auc_score(y_te, proba):.3f}  F1 {f1_score(y_te, proba > 0.5):.3f}")

    pos, neg = top_terms(clf, vec)
    print("risk terms     :", ", ".join(pos))
    print("retention terms:", ", ".join(neg))


if __name__ == "__main__":
    main()
