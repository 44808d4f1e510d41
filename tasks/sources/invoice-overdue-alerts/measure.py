"""Oversample-then-split (as shipped) vs split-then-oversample-train, over seeds; plus wrong fixes and permuted labels."""
import sys
from pathlib import Path
import numpy as np
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "files"))
import train_model as T
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split

def run(inv, seed, mode):
    forest = lambda X, y: RandomForestClassifier(n_estimators=T.N_TREES, min_samples_leaf=5, max_features="sqrt", random_state=seed, n_jobs=1).fit(X, y)
    if mode == "leaky":
        d = T.balance_classes(inv, seed); X = d.drop(columns=[T.TARGET]); y = d[T.TARGET].to_numpy()
        Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, stratify=y, random_state=seed)
    else:
        tr, te = train_test_split(inv, test_size=0.25, stratify=inv[T.TARGET], random_state=seed)
        if mode in ("fixed", "both_balanced"):
            tr = T.balance_classes(tr, seed)
        if mode == "both_balanced":
            te = T.balance_classes(te, seed)
        Xtr, ytr = tr.drop(columns=[T.TARGET]), tr[T.TARGET].to_numpy()
        Xte, yte = te.drop(columns=[T.TARGET]), te[T.TARGET].to_numpy()
    return T.report(yte, forest(Xtr, ytr).predict_proba(Xte)[:, 1])

SEEDS = int(sys.argv[1]) if len(sys.argv) > 1 else 10

if __name__ == "__main__":
    import os; os.chdir(HERE / "files")
    inv = T.load_invoices()
    seeds = list(range(SEEDS)) + [11]
    for mode in ["leaky", "fixed", "no_oversampling", "both_balanced"]:
        r = [run(inv, s, mode) for s in seeds]
        print(mode, {k: (round(float(np.mean([x[k] for x in r[:-1]])), 3), round(min(x[k] for x in r), 3), round(max(x[k] for x in r), 3), round(r[-1][k], 3)) for k in r[0]})
    rng = np.random.default_rng(0)
    for mode in ["leaky", "fixed"]:
        out = []
        for k in range(3):
            i2 = inv.copy(); i2[T.TARGET] = rng.permutation(i2[T.TARGET].to_numpy())
            out.append({kk: round(v, 3) for kk, v in run(i2, 11, mode).items()})
        print(mode, "permuted", out)
