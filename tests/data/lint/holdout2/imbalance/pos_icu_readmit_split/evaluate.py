"""Early ICU readmission (72 h) model: gradient boosting with class weights."""
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.metrics import average_precision_score, recall_score, roc_auc_score
from sklearn.pipeline import make_pipeline

from data_utils import feature_names, load_cohort, split


def main():
    df = load_cohort()
    train, test = split(df)
    cols = feature_names()
    target = "returned_to_icu_72h"
    print(f"prevalence overall {df[target].mean():.2%}, test positives {int(test[target].sum())}")

    model = make_pipeline(
        SimpleImputer(strategy="median"),
        HistGradientBoostingClassifier(learning_rate=0.05, max_iter=200, max_depth=3, class_weight="balanced"),
    )
    model.fit(train[cols], train[target])
    p = model.predict_proba(test[cols])[:, 1]

    print(f"PR-AUC  {average_precision_score(test[target], p):.3f}")
    print(f"ROC-AUC {roc_auc_score(test[target], p):.3f}")
    print(f"recall@0.5 {recall_score(test[target], p >= 0.5):.3f}")


if __name__ == "__main__":
    main()
