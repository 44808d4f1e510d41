"""With vs without the `reassignments` column over split seeds 0-9 (+ 21, the default)."""
import sys
from pathlib import Path
import numpy as np
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "files" / "src"))
import escalation_model as E
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split

CATEGORICAL = E.feature_columns()[0]


def run(t, seed, numeric):
    X = t[CATEGORICAL + numeric]; y = t[E.TARGET].to_numpy()
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, stratify=y, random_state=seed)
    cv = cross_val_score(E.build_pipeline(CATEGORICAL, numeric), Xtr, ytr, cv=StratifiedKFold(5, shuffle=True, random_state=seed), scoring="roc_auc").mean()
    p = E.build_pipeline(CATEGORICAL, numeric).fit(Xtr, ytr).predict_proba(Xte)[:, 1]
    return {"cv_roc_auc": cv, "test_roc_auc": roc_auc_score(yte, p), "test_ap": average_precision_score(yte, p)}

if __name__ == "__main__":
    t = E.load_tickets(HERE / "files" / "data" / "tickets.csv")
    full = list(E.feature_columns()[1]); clean = [c for c in full if c != "reassignments"]
    t["reassigned_any"] = (t["reassignments"] > 0).astype(int)
    binar = clean + ["reassigned_any"]
    seeds = list(range(10)) + [21]
    for name, num in [("leaky", full), ("fixed", clean), ("binarised_reassignments", binar)]:
        r = [run(t, s, num) for s in seeds]
        print(name, {k: (round(float(np.mean([x[k] for x in r[:10]])), 3), round(min(x[k] for x in r), 3), round(max(x[k] for x in r), 3), round(r[-1][k], 3)) for k in r[0]})
