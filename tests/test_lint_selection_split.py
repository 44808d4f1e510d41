"""Model selection on the test rows and hand-made splits that share rows (selection.py, leakage.py)."""

from __future__ import annotations

import textwrap

import pytest

from mle_env.agents.detectors import detect

HEAD = "import numpy as np\nimport pandas as pd\nfrom sklearn.model_selection import train_test_split\n"


def rules(code: str) -> set[str]:
    return {f.rule for f in detect(HEAD + textwrap.dedent(code), "t.py") if f.code == "DATA_LEAKAGE"}


POSITIVE = {
    "nested-grid-on-test": """
        from sklearn.neighbors import KNeighborsClassifier
        d = pd.read_csv("d.csv"); X, y = d.drop(columns="t"), d["t"]
        Xa, Xb, ya, yb = train_test_split(X, y)
        res = {}
        for k in (1, 5, 9):
            for w in ("uniform", "distance"):
                res[(k, w)] = KNeighborsClassifier(k, weights=w).fit(Xa, ya).score(Xb, yb)
        print(res[max(res, key=res.get)])
    """,
    "comprehension-pick": """
        from sklearn.linear_model import Ridge, Lasso
        from sklearn.metrics import r2_score
        d = pd.read_csv("d.csv"); X, y = d.drop(columns="t"), d["t"]
        X1, X2, y1, y2 = train_test_split(X, y)
        s = {n: r2_score(y2, m.fit(X1, y1).predict(X2)) for n, m in {"r": Ridge(), "l": Lasso()}.items()}
        print(max(s.values()))
    """,
    "threshold-roc": """
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import roc_curve, accuracy_score
        d = pd.read_csv("d.csv"); X, y = d.drop(columns="t"), d["t"]
        Xa, Xb, ya, yb = train_test_split(X, y)
        p = LogisticRegression().fit(Xa, ya).predict_proba(Xb)[:, 1]
        fpr, tpr, thr = roc_curve(yb, p)
        t = thr[np.argmax(tpr - fpr)]
        print(accuracy_score(yb, p > t))
    """,
    "staged-rounds": """
        from sklearn.ensemble import GradientBoostingRegressor
        d = pd.read_csv("d.csv"); X, y = d.drop(columns="t"), d["t"]
        Xa, Xb, ya, yb = train_test_split(X, y)
        g = GradientBoostingRegressor().fit(Xa, ya)
        errs = [np.mean((p - yb) ** 2) for p in g.staged_predict(Xb)]
        print(min(errs), int(np.argmin(errs)))
    """,
    "hyperopt-objective": """
        from hyperopt import fmin, tpe, hp
        from sklearn.svm import SVR
        from sklearn.metrics import mean_absolute_error
        a = pd.read_csv("a.csv"); b = pd.read_csv("b.csv")
        def loss(p):
            m = SVR(C=p["C"]).fit(a[["x"]], a["t"])
            return mean_absolute_error(b["t"], m.predict(b[["x"]]))
        best = fmin(fn=loss, space={"C": hp.loguniform("C", -3, 3)}, algo=tpe.suggest, max_evals=50)
        print(best)
    """,
    "keras-like-early-stop-dataset": """
        import lightgbm as lgb
        tr = pd.read_csv("tr.csv"); te = pd.read_csv("te.csv")
        dtr, dte = lgb.Dataset(tr[["x"]], tr["t"]), lgb.Dataset(te[["x"]], te["t"])
        bst = lgb.train({}, dtr, valid_sets=[dte], callbacks=[lgb.early_stopping(50)])
        print(np.mean(np.abs(bst.predict(te[["x"]]) - te["t"])))
    """,
    "torch-best-epoch": """
        import torch
        Xa, ya = torch.load("a.pt"); Xb, yb = torch.load("b.pt")
        net = torch.nn.Linear(4, 2); opt = torch.optim.SGD(net.parameters(), lr=0.1)
        best = 0.0
        for ep in range(30):
            opt.zero_grad(); torch.nn.functional.cross_entropy(net(Xa), ya).backward(); opt.step()
            acc = (net(Xb).argmax(1) == yb).float().mean().item()
            if acc > best:
                best = acc
        print(best)
    """,
    "cv-again-on-search-rows": """
        from sklearn.model_selection import GridSearchCV, cross_validate
        from sklearn.tree import DecisionTreeClassifier
        d = pd.read_csv("d.csv"); X, y = d.drop(columns="t"), d["t"]
        gs = GridSearchCV(DecisionTreeClassifier(), {"max_depth": [2, 4]}).fit(X, y)
        print(cross_validate(DecisionTreeClassifier(**gs.best_params_), X, y)["test_score"].mean())
    """,
    "refit-with-test-rows": """
        from sklearn.linear_model import Ridge
        from sklearn.metrics import r2_score
        d = pd.read_csv("d.csv"); X, y = d.drop(columns="t"), d["t"]
        X_a, X_b, y_a, y_b = train_test_split(X, y)
        m = Ridge().fit(pd.concat([X_a, X_b]), pd.concat([y_a, y_b]))
        print(r2_score(y_b, m.predict(X_b)))
    """,
    "stack-two-files": """
        from sklearn.linear_model import Ridge
        from sklearn.metrics import r2_score
        old = pd.read_csv("old.csv"); new = pd.read_csv("new.csv")
        allrows = pd.concat([old, new])
        m = Ridge().fit(allrows[["x"]], allrows["t"])
        print(r2_score(new["t"], m.predict(new[["x"]])))
    """,
    "range-masks-overlap": """
        from sklearn.linear_model import Ridge
        d = pd.read_csv("d.csv")
        early = d[d["age"] < 50]
        late = d[d["age"] > 40]
        m = Ridge().fit(early[["x"]], early["t"])
        print(m.score(late[["x"]], late["t"]))
    """,
    "head-tail-overlap": """
        from sklearn.linear_model import Ridge
        d = pd.read_csv("d.csv").sample(frac=1.0)
        n_a = int(0.8 * len(d))
        n_b = int(0.4 * len(d))
        a, b = d.head(n_a), d.tail(n_b)
        m = Ridge().fit(a[["x"]], a["t"])
        print(m.score(b[["x"]], b["t"]))
    """,
    "two-samples": """
        from sklearn.linear_model import Ridge
        d = pd.read_csv("d.csv")
        a = d.sample(frac=0.7, random_state=1)
        b = d.sample(frac=0.3, random_state=2)
        print(Ridge().fit(a[["x"]], a["t"]).score(b[["x"]], b["t"]))
    """,
    "folds-all-rows": """
        from sklearn.linear_model import Ridge
        d = pd.read_csv("d.csv"); X, y = d[["x"]].to_numpy(), d["t"].to_numpy()
        parts = np.array_split(np.random.permutation(len(y)), 4)
        for i, out in enumerate(parts):
            rows = np.hstack(parts)
            m = Ridge().fit(X[rows], y[rows])
            print(m.score(X[out], y[out]))
    """,
    "torch-subsets": """
        import torch
        from torch.utils.data import Subset, TensorDataset, DataLoader
        ds = TensorDataset(*torch.load("d.pt"))
        order = torch.randperm(len(ds)).tolist()
        train_set = Subset(ds, order[:800])
        test_set = Subset(ds, order[600:])
    """,
}

NEGATIVE = {
    "nested-grid-then-test": """
        from sklearn.neighbors import KNeighborsClassifier
        d = pd.read_csv("d.csv"); X, y = d.drop(columns="t"), d["t"]
        Xd, X_test, yd, y_test = train_test_split(X, y)
        Xa, Xb, ya, yb = train_test_split(Xd, yd)
        res = {}
        for k in (1, 5, 9):
            for w in ("uniform", "distance"):
                res[(k, w)] = KNeighborsClassifier(k, weights=w).fit(Xa, ya).score(Xb, yb)
        k, w = max(res, key=res.get)
        print(KNeighborsClassifier(k, weights=w).fit(Xd, yd).score(X_test, y_test))
    """,
    "threshold-on-validation": """
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import roc_curve, accuracy_score
        d = pd.read_csv("d.csv"); X, y = d.drop(columns="t"), d["t"]
        Xd, X_test, yd, y_test = train_test_split(X, y)
        Xa, Xv, ya, yv = train_test_split(Xd, yd)
        m = LogisticRegression().fit(Xa, ya)
        fpr, tpr, thr = roc_curve(yv, m.predict_proba(Xv)[:, 1])
        t = thr[np.argmax(tpr - fpr)]
        print(accuracy_score(y_test, m.predict_proba(X_test)[:, 1] > t))
    """,
    "staged-on-validation-then-test": """
        from sklearn.ensemble import GradientBoostingRegressor
        d = pd.read_csv("d.csv"); X, y = d.drop(columns="t"), d["t"]
        Xd, X_test, yd, y_test = train_test_split(X, y)
        Xa, Xv, ya, yv = train_test_split(Xd, yd)
        g = GradientBoostingRegressor().fit(Xa, ya)
        n = int(np.argmin([np.mean((p - yv) ** 2) for p in g.staged_predict(Xv)])) + 1
        print(GradientBoostingRegressor(n_estimators=n).fit(Xd, yd).score(X_test, y_test))
    """,
    "objective-then-holdout": """
        from hyperopt import fmin, tpe, hp
        from sklearn.svm import SVR
        from sklearn.metrics import mean_absolute_error
        a = pd.read_csv("a.csv"); b = pd.read_csv("b.csv"); hold = pd.read_csv("h.csv")
        def loss(p):
            m = SVR(C=p["C"]).fit(a[["x"]], a["t"])
            return mean_absolute_error(b["t"], m.predict(b[["x"]]))
        best = fmin(fn=loss, space={"C": hp.loguniform("C", -3, 3)}, algo=tpe.suggest, max_evals=50)
        final = SVR(C=best["C"]).fit(a[["x"]], a["t"])
        print(mean_absolute_error(hold["t"], final.predict(hold[["x"]])))
    """,
    "early-stop-validation": """
        import lightgbm as lgb
        tr = pd.read_csv("tr.csv"); va = pd.read_csv("va.csv"); te = pd.read_csv("te.csv")
        dtr, dva = lgb.Dataset(tr[["x"]], tr["t"]), lgb.Dataset(va[["x"]], va["t"])
        bst = lgb.train({}, dtr, valid_sets=[dva], callbacks=[lgb.early_stopping(50)])
        print(np.mean(np.abs(bst.predict(te[["x"]]) - te["t"])))
    """,
    "torch-val-epoch-then-test": """
        import torch
        Xa, ya = torch.load("a.pt"); Xv, yv = torch.load("v.pt"); Xt, yt = torch.load("t.pt")
        net = torch.nn.Linear(4, 2); opt = torch.optim.SGD(net.parameters(), lr=0.1)
        best = 0.0
        for ep in range(30):
            opt.zero_grad(); torch.nn.functional.cross_entropy(net(Xa), ya).backward(); opt.step()
            acc = (net(Xv).argmax(1) == yv).float().mean().item()
            if acc > best:
                best = acc
        print((net(Xt).argmax(1) == yt).float().mean().item())
    """,
    "nested-cv-of-search": """
        from sklearn.model_selection import GridSearchCV, cross_validate
        from sklearn.tree import DecisionTreeClassifier
        d = pd.read_csv("d.csv"); X, y = d.drop(columns="t"), d["t"]
        gs = GridSearchCV(DecisionTreeClassifier(), {"max_depth": [2, 4]})
        print(cross_validate(gs, X, y)["test_score"].mean())
    """,
    "refit-all-after-test-score": """
        from sklearn.linear_model import Ridge
        from sklearn.metrics import r2_score
        d = pd.read_csv("d.csv"); X, y = d.drop(columns="t"), d["t"]
        X_a, X_b, y_a, y_b = train_test_split(X, y)
        print(r2_score(y_b, Ridge().fit(X_a, y_a).predict(X_b)))
        ship = Ridge().fit(pd.concat([X_a, X_b]), pd.concat([y_a, y_b]))
    """,
    "stack-extra-rows-score-other": """
        from sklearn.linear_model import Ridge
        from sklearn.metrics import r2_score
        old = pd.read_csv("old.csv"); extra = pd.read_csv("extra.csv"); new = pd.read_csv("new.csv")
        allrows = pd.concat([old, extra])
        m = Ridge().fit(allrows[["x"]], allrows["t"])
        print(r2_score(new["t"], m.predict(new[["x"]])))
    """,
    "range-masks-disjoint": """
        from sklearn.linear_model import Ridge
        d = pd.read_csv("d.csv")
        early = d[d["age"] < 45]
        late = d[d["age"] >= 45]
        m = Ridge().fit(early[["x"]], early["t"])
        print(m.score(late[["x"]], late["t"]))
    """,
    "head-tail-disjoint": """
        from sklearn.linear_model import Ridge
        d = pd.read_csv("d.csv").sample(frac=1.0)
        n_a = int(0.8 * len(d))
        a, b = d.head(n_a), d.tail(len(d) - n_a)
        m = Ridge().fit(a[["x"]], a["t"])
        print(m.score(b[["x"]], b["t"]))
    """,
    "sample-then-drop": """
        from sklearn.linear_model import Ridge
        d = pd.read_csv("d.csv")
        b = d.sample(frac=0.3, random_state=2)
        a = d.drop(index=b.index)
        print(Ridge().fit(a[["x"]], a["t"]).score(b[["x"]], b["t"]))
    """,
    "folds-without-held": """
        from sklearn.linear_model import Ridge
        d = pd.read_csv("d.csv"); X, y = d[["x"]].to_numpy(), d["t"].to_numpy()
        parts = np.array_split(np.random.permutation(len(y)), 4)
        for i, out in enumerate(parts):
            rows = np.hstack([p for j, p in enumerate(parts) if j != i])
            m = Ridge().fit(X[rows], y[rows])
            print(m.score(X[out], y[out]))
    """,
    "torch-disjoint-subsets": """
        import torch
        from torch.utils.data import Subset, TensorDataset
        ds = TensorDataset(*torch.load("d.pt"))
        order = torch.randperm(len(ds)).tolist()
        train_set = Subset(ds, order[:800])
        test_set = Subset(ds, order[800:])
    """,
}

EXPECTED = {
    "nested-grid-on-test": "selection-on-test", "comprehension-pick": "selection-on-test",
    "threshold-roc": "selection-on-test", "staged-rounds": "selection-on-test",
    "hyperopt-objective": "selection-on-test", "keras-like-early-stop-dataset": "early-stopping-on-test",
    "torch-best-epoch": "selection-on-test", "cv-again-on-search-rows": "cv-score-as-final",
    "refit-with-test-rows": "model-fit-on-test", "stack-two-files": "model-fit-on-test",
    "range-masks-overlap": "overlapping-split", "head-tail-overlap": "overlapping-split",
    "two-samples": "overlapping-split", "folds-all-rows": "overlapping-split", "torch-subsets": "overlapping-split",
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(POSITIVE))
def test_positive(name: str) -> None:
    assert EXPECTED[name] in rules(POSITIVE[name]), rules(POSITIVE[name])


@pytest.mark.parametrize("name", sorted(NEGATIVE))
def test_negative(name: str) -> None:
    assert not rules(NEGATIVE[name])


RANKED = """
    from sklearn.linear_model import LogisticRegression
    from sklearn.ensemble import ExtraTreesClassifier
    from sklearn.metrics import balanced_accuracy_score

    df = pd.read_csv("shots.csv")
    X, y = df.drop(columns="goal"), df["goal"]
    X_train, X_rest, y_train, y_rest = train_test_split(X, y, test_size=0.4, random_state=2)
    X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, test_size=0.5, random_state=2)
    zoo = [("lr", LogisticRegression(max_iter=500)), ("et", ExtraTreesClassifier(n_estimators=300))]
    ranking = []
    for tag, clf in zoo:
        clf.fit(X_train, y_train)
        ranking.append((balanced_accuracy_score({y_rank}, clf.predict({X_rank})), tag, clf))
    score, tag, winner = sorted(ranking, reverse=True)[0]
    print(tag, balanced_accuracy_score(y_test, winner.predict(X_test)))
"""


def test_ranking_candidates_by_their_test_score_is_selection_on_test():
    assert "selection-on-test" in rules(RANKED.format(y_rank="y_test", X_rank="X_test"))


def test_ranking_candidates_on_validation_then_one_test_score_is_clean():
    assert not rules(RANKED.format(y_rank="y_val", X_rank="X_val"))


TRAIN_UTIL = """
import xgboost as xgb

def boost(X_a, y_a, X_b, y_b, rounds=3000):
    fit_set = xgb.DMatrix(X_a, label=y_a)
    stop_set = xgb.DMatrix(X_b, label=y_b)
    return xgb.train({"eta": 0.05}, fit_set, rounds, evals=[(stop_set, "stop")], early_stopping_rounds=100)
"""
RUN = """
import pandas as pd
import xgboost as xgb
from sklearn.model_selection import train_test_split
from sklearn.metrics import log_loss
from train_util import boost

rides = pd.read_csv("rides.csv")
X, y = rides.drop(columns="tipped"), rides["tipped"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=5)
X_fit, X_stop, y_fit, y_stop = train_test_split(X_train, y_train, test_size=0.2, random_state=5)
model = boost({args})
print(log_loss(y_test, model.predict(xgb.DMatrix(X_test))))
"""


def project_rules(files: dict[str, str]) -> set[str]:
    from mle_env.agents.detectors import detect_project

    found = detect_project({k: textwrap.dedent(v) for k, v in files.items()}, reader=lambda p: None)
    return {f.rule for f in found if f.code == "DATA_LEAKAGE"}


def test_early_stopping_on_the_test_rows_through_a_helper_in_another_file_is_found():
    files = {"train_util.py": TRAIN_UTIL, "run.py": RUN.format(args="X_train, y_train, X_test, y_test")}
    assert "early-stopping-on-test" in project_rules(files)


def test_early_stopping_on_a_split_of_the_training_rows_is_clean():
    files = {"train_util.py": TRAIN_UTIL, "run.py": RUN.format(args="X_fit, y_fit, X_stop, y_stop")}
    assert not project_rules(files)
