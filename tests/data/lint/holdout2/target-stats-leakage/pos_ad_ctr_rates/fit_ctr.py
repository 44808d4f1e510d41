"""Click model for the programmatic display campaign."""
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.model_selection import train_test_split
from xgboost import XGBClassifier

from prep import load_impressions, model_columns

PARAMS = dict(
    n_estimators=300, learning_rate=0.05, max_depth=4, subsample=0.8,
    colsample_bytree=0.8, min_child_weight=5, eval_metric="logloss",
)


def main() -> None:
    df = load_impressions()
    cols = model_columns(df)
    train, test = train_test_split(df, test_size=0.2, stratify=df["clicked"], random_state=4)

    model = XGBClassifier(**PARAMS)
    model.fit(train[cols], train["clicked"])
    p = model.predict_proba(test[cols])[:, 1]

    print("features:", cols)
    print(f"AUC {roc_auc_score(test['clicked'], p):.4f}  logloss {log_loss(test['clicked'], p):.4f}")
    print(f"mean predicted CTR {p.mean():.3%} vs observed {test['clicked'].mean():.3%}")


if __name__ == "__main__":
    main()
