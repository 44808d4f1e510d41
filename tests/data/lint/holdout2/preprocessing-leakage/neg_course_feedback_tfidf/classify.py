# expect: NONE
"""Dropout-risk classifier from free-text feedback."""
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import train_test_split

from text_data import FeedbackFeatures, load_frame


def main():
    df = load_frame()
    train_df, test_df = train_test_split(df, test_size=0.25, stratify=df["dropped"], random_state=8)

    feats = FeedbackFeatures()
    X_tr = feats.fit_transform(train_df)
    X_te = feats.transform(test_df)

    clf = LogisticRegression(C=4.0, max_iter=3000, solver="liblinear")
    clf.fit(X_tr, train_df["dropped"])
    proba = clf.predict_proba(X_te)[:, 1]
    print(f"AUC {roc_auc_score(test_df['dropped'], proba):.3f}")
    print(f"F1  {f1_score(test_df['dropped'], proba > 0.5):.3f}")
    print("vocabulary size:", len(feats.vec.vocabulary_))


if __name__ == "__main__":
    main()
