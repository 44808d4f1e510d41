"""Measure buggy (rates on all rows) vs fixed (rates from the training split) over split seeds."""
import sys, json
from pathlib import Path
import numpy as np
sys.path.insert(0, str(Path(__file__).resolve().parent / "files" / "src"))
from features import RATE_COLUMNS, TARGET, add_rate_features, design_matrix, historical_rates, load_orders
from train import build_model, evaluate
from sklearn.model_selection import train_test_split

DATA = Path(__file__).resolve().parent / "files" / "data" / "order_lines.csv"

def run(orders, seed, mode):
    if mode == "leaky":
        orders = add_rate_features(orders, {c: historical_rates(orders, c) for c in RATE_COLUMNS})
    tr, te = train_test_split(orders, test_size=0.25, stratify=orders[TARGET], random_state=seed)
    if mode in ("fixed", "drop_sku"):
        tabs = {c: historical_rates(tr, c) for c in RATE_COLUMNS}
        tr, te = add_rate_features(tr, tabs), add_rate_features(te, tabs)
    Xtr, Xte = design_matrix(tr), design_matrix(te)
    if mode == "drop_sku":
        Xtr, Xte = Xtr.drop(columns=["sku_return_rate"]), Xte.drop(columns=["sku_return_rate"])
    Xte = Xte.reindex(columns=Xtr.columns, fill_value=0.0)
    m = build_model(seed).fit(Xtr, tr[TARGET].to_numpy())
    return evaluate(m, Xte, te[TARGET].to_numpy())

if __name__ == "__main__":
    orders = load_orders(DATA)
    seeds = list(range(12))
    out = {}
    for mode in ["leaky", "fixed", "drop_sku"]:
        res = [run(orders, s, mode) for s in seeds]
        auc = [round(r["roc_auc"], 3) for r in res]; pr = [round(r["pr_auc"], 3) for r in res]
        out[mode] = {"roc_auc": auc, "pr_auc": pr}
        print(mode, "auc mean", np.mean(auc[:10]).round(3), "range", min(auc), max(auc), "pr mean", np.mean(pr[:10]).round(3), min(pr), max(pr), "seed11", auc[-1], pr[-1])
    rng = np.random.default_rng(0)
    for mode in ["leaky", "fixed"]:
        nulls = []
        for k in range(5):
            o = orders.copy(); o[TARGET] = rng.permutation(o[TARGET].to_numpy())
            nulls.append(round(run(o, 7, mode)["roc_auc"], 3))
        print(mode, "null auc", nulls)
