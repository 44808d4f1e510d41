"""Buggy vs fixed CKD flag over 10 split seeds (run from this directory).

    ../../../.venv/bin/python measure.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.metrics import balanced_accuracy_score, recall_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import RobustScaler

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "files" / "src"))
import screen_model as S  # noqa: E402


def run(seed: int, variant: str) -> dict:
    panel = S.harmonise_units(S.load_panel(S.DATA))
    if variant == "fixed":
        umol = panel["creatinine"] > 20
        panel.loc[umol, "creatinine"] = panel.loc[umol, "creatinine"] / 88.42
    X, y = panel[S.LABS], panel[S.LABEL].to_numpy()
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, stratify=y, random_state=seed)
    make = S.make_classifier
    if variant == "robust_scaler":
        make = lambda: make_pipeline(SimpleImputer(strategy="median"), RobustScaler(),  # noqa: E731
                                     LogisticRegression(C=S.C, max_iter=1000))
    if variant == "drop_train":
        keep = (Xtr["creatinine"] <= 20).to_numpy()
        Xtr, ytr = Xtr[keep], ytr[keep]
    if variant == "drop_both":
        keep = (Xtr["creatinine"] <= 20).to_numpy()
        Xtr, ytr = Xtr[keep], ytr[keep]
        keep = (Xte["creatinine"] <= 20).to_numpy()
        Xte, yte = Xte[keep], yte[keep]
    if variant == "log":
        Xtr = Xtr.assign(creatinine=np.log(Xtr["creatinine"]))
        Xte = Xte.assign(creatinine=np.log(Xte["creatinine"]))
    if variant == "clip99":
        hi = Xtr["creatinine"].quantile(0.99)
        Xtr = Xtr.assign(creatinine=Xtr["creatinine"].clip(upper=hi))
        Xte = Xte.assign(creatinine=Xte["creatinine"].clip(upper=hi))
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    cv = cross_val_score(make(), Xtr, ytr, cv=folds, scoring="balanced_accuracy").mean()
    clf = make().fit(Xtr, ytr)
    proba = clf.predict_proba(Xte)[:, 1]
    pred = (proba >= 0.5).astype(int)
    return {"cv_bacc": cv, "test_bacc": balanced_accuracy_score(yte, pred), "sens": recall_score(yte, pred),
            "spec": recall_score(yte, pred, pos_label=0), "auc": roc_auc_score(yte, proba)}


if __name__ == "__main__":
    for variant in sys.argv[1:] or ["buggy", "fixed", "robust_scaler", "drop_train", "drop_both", "clip99", "log"]:
        res = [run(s, variant) for s in range(10)]
        print(variant, {k: (round(float(np.mean([r[k] for r in res])), 3), round(float(np.std([r[k] for r in res])), 3),
                            round(float(np.min([r[k] for r in res])), 3), round(float(np.max([r[k] for r in res])), 3))
                        for k in res[0]}, "seed3:", {k: round(float(v), 3) for k, v in run(3, variant).items()}, flush=True)
