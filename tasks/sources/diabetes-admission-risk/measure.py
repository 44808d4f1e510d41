"""Row-level split (as shipped) vs patient-grouped split, over split seeds; plus random per-patient labels."""
import sys
from pathlib import Path
import numpy as np
sys.path.insert(0, str(Path(__file__).resolve().parent / "files" / "src"))
from train import FEATURES, TARGET, load_visits, make_classifier
from sklearn.metrics import balanced_accuracy_score, roc_auc_score
from sklearn.model_selection import GroupShuffleSplit, StratifiedGroupKFold, StratifiedKFold, cross_val_score, train_test_split

DATA = Path(__file__).resolve().parent / "files" / "data" / "visits.csv"

def run(v, seed, mode, k=15):
    X = v[FEATURES].to_numpy(float); y = v[TARGET].to_numpy(); g = v["patient_id"].to_numpy()
    if mode == "leaky":
        Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.2, stratify=y, random_state=seed)
        cv = cross_val_score(make_classifier(k), Xtr, ytr, cv=StratifiedKFold(5, shuffle=True, random_state=seed), scoring="roc_auc")
    else:
        tr, te = next(GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=seed).split(X, y, g))
        Xtr, Xte, ytr, yte = X[tr], X[te], y[tr], y[te]
        cvs = StratifiedGroupKFold(5, shuffle=True, random_state=seed) if mode == "fixed" else StratifiedKFold(5, shuffle=True, random_state=seed)
        cv = cross_val_score(make_classifier(k), Xtr, ytr, cv=cvs, groups=g[tr] if mode == "fixed" else None, scoring="roc_auc")
    m = make_classifier(k).fit(Xtr, ytr); p = m.predict_proba(Xte)[:, 1]
    return dict(cv=cv.mean(), auc=roc_auc_score(yte, p), bacc=balanced_accuracy_score(yte, (p >= .5).astype(int)))

if __name__ == "__main__":
    v = load_visits(DATA)
    seeds = list(range(12))
    for mode in ["leaky", "fixed", "half_test_only"]:
        r = [run(v, s, mode) for s in seeds]
        for key in ["cv", "auc", "bacc"]:
            a = np.array([x[key] for x in r])
            print(mode, key, "mean", a.mean().round(3), "range", a.min().round(3), a.max().round(3), "seed2", a[2].round(3))
    rng = np.random.default_rng(0)
    for mode in ["leaky", "fixed"]:
        out = []
        for k in range(5):
            vv = v.copy(); pats = vv["patient_id"].unique(); lab = dict(zip(pats, rng.integers(0, 2, len(pats))))
            vv[TARGET] = vv["patient_id"].map(lab)
            out.append({kk: round(x, 3) for kk, x in run(vv, 2, mode).items()})
        print(mode, "random per-patient labels", out)
