# expect: NONE
"""Early ICU readmission (72 h) model: gradient boosting with class weights."""
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline

from data_utils import TARGET, feature_names, load_cohort, split


def main():
    df = load_cohort()
    train, test = split(df)
    cols = feature_names()
    model = make_pipeline(
        SimpleImputer(strategy="median"),
        HistGradientBoostingClassifier(learning_rate=0.05, max_iter=200, max_depth=3, class_weight="balanced"),
    )
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    cv_ap = cross_val_score(model, train[cols], train[TARGET], cv=cv, scoring="average_precision")
    print(f"CV PR-AUC {cv_ap.mean():.3f} +/- {cv_ap.std():.3f}")

    model.fit(train[cols], train[TARGET])
    p = model.predict_proba(test[cols])[:, 1]
    print(f"test positives {int(test[TARGET].sum())} / {len(test)}")
    print(f"PR-AUC  {average_precision_score(test[TARGET], p):.3f}")
    print(f"ROC-AUC {roc_auc_score(test[TARGET], p):.3f}")


if __name__ == "__main__":
    main()
