# expect: NONE
"""Click model for the programmatic display campaign."""
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.model_selection import train_test_split
from xgboost import XGBClassifier

from prep import load_impressions, rate_encode

PARAMS = dict(
    n_estimators=300, learning_rate=0.05, max_depth=4, subsample=0.8,
    colsample_bytree=0.8, min_child_weight=5, eval_metric="logloss",
)
BASE = ["hour_sin", "hour_cos", "is_mobile", "bid_floor", "position"]


def main() -> None:
    df = load_impressions()
    train, test = train_test_split(df, test_size=0.2, stratify=df["clicked"], random_state=4)
    train, test = train.copy(), test.copy()
    for col in ("publisher", "ad_slot"):
        train[f"{col}_ctr"], test[f"{col}_ctr"] = rate_encode(train, test, col, "clicked")
    cols = BASE + ["publisher_ctr", "ad_slot_ctr"]

    model = XGBClassifier(**PARAMS)
    model.fit(train[cols], train["clicked"])
    p = model.predict_proba(test[cols])[:, 1]
    print(f"AUC {roc_auc_score(test['clicked'], p):.4f}  logloss {log_loss(test['clicked'], p):.4f}")


if __name__ == "__main__":
    main()
