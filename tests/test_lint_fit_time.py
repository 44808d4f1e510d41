"""Fit-time rules (overfitting, underfitting) and time-leakage rules: a positive and a tricky
negative for each pattern, written for these tests (not copies of the corpus)."""

from __future__ import annotations

import textwrap

import pytest

from mle_env.agents.detectors import detect_project


def rules(code: str, data: dict[str, str] | None = None, min_confidence: float = 0.5) -> set[str]:
    files = {"main.py": textwrap.dedent(code)}
    raw = {k: v.encode() for k, v in (data or {}).items()}
    found = detect_project(files, min_confidence=min_confidence, reader=raw.get if data else None)
    return {f.rule for f in found}


# --- eval-on-train ------------------------------------------------------------------------------

def test_eval_on_train_same_rows() -> None:
    code = """
    import pandas as pd
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.metrics import accuracy_score
    df = pd.read_csv("loans.csv")
    X, y = df[["a", "b"]], df["default"]
    m = RandomForestClassifier().fit(X, y)
    print(accuracy_score(y, m.predict(X)))
    """
    assert "eval-on-train" in rules(code)


@pytest.mark.parametrize("second", ["pd.read_csv('loans_2024.csv')", "df[df['year'] >= 2024]"])
def test_eval_on_other_rows_is_not_eval_on_train(second: str) -> None:
    code = f"""
    import pandas as pd
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.metrics import accuracy_score
    df = pd.read_csv("loans.csv")
    old = df[df["year"] < 2024]
    new = {second}
    m = RandomForestClassifier().fit(old[["a", "b"]], old["default"])
    print(accuracy_score(new["default"], m.predict(new[["a", "b"]])))
    """
    assert "eval-on-train" not in rules(code)


def test_outlier_detector_predict_is_not_a_score() -> None:
    code = """
    import pandas as pd
    from sklearn.ensemble import IsolationForest
    from sklearn.linear_model import Ridge
    from sklearn.metrics import r2_score
    a = pd.read_csv("a.csv")
    b = pd.read_csv("b.csv")
    iso = IsolationForest().fit(b[["x"]])
    b = b[iso.predict(b[["x"]]) == 1]
    m = Ridge().fit(a[["x"]], a["y"])
    print(r2_score(b["y"], m.predict(b[["x"]])))
    """
    assert "eval-on-train" not in rules(code)


# --- capacity: params dicts, boosting, forests, PCA, loops, formulas -----------------------------

SPLIT = """
import pandas as pd
from sklearn.model_selection import train_test_split
df = pd.read_csv("t.csv")
X_tr, X_te, y_tr, y_te = train_test_split(df[["a", "b"]], df["y"], random_state=0)
"""


def test_boosting_without_shrinkage_via_params_dict() -> None:
    code = SPLIT + """
from sklearn.ensemble import GradientBoostingRegressor
P = {"n_estimators": 800, "learning_rate": 0.9, "max_depth": 7}
m = GradientBoostingRegressor(**P).fit(X_tr, y_tr)
print(m.score(X_te, y_te))
"""
    assert "deep-boosting" in rules(code)


def test_moderate_boosting_params_dict_is_fine() -> None:
    code = SPLIT + """
from sklearn.ensemble import GradientBoostingRegressor
P = dict(n_estimators=800, learning_rate=0.05, max_depth=7)
m = GradientBoostingRegressor(**P).fit(X_tr, y_tr)
print(m.score(X_te, y_te))
"""
    assert "deep-boosting" not in rules(code)


def test_lightgbm_huge_leaves() -> None:
    code = SPLIT + """
import lightgbm as lgb
m = lgb.LGBMRegressor(num_leaves=1024, min_child_samples=2).fit(X_tr, y_tr)
print(m.score(X_te, y_te))
"""
    assert "deep-boosting" in rules(code)
    assert "deep-boosting" not in rules(code.replace("min_child_samples=2", "min_child_samples=50"))


def test_forest_of_few_shallow_trees() -> None:
    code = SPLIT + """
from sklearn.ensemble import ExtraTreesRegressor
m = ExtraTreesRegressor(n_estimators=4, max_depth=3).fit(X_tr, y_tr)
print(m.score(X_te, y_te))
"""
    assert "too-few-estimators" in rules(code)
    assert "too-few-estimators" not in rules(code.replace("n_estimators=4", "n_estimators=400"))


def test_pca_to_three_components_before_a_model() -> None:
    code = SPLIT + """
from sklearn.decomposition import PCA
from sklearn.pipeline import make_pipeline
from sklearn.svm import SVC
m = make_pipeline(PCA(n_components=3), SVC()).fit(X_tr, y_tr)
print(m.score(X_te, y_te))
"""
    assert "too-few-features" in rules(code)


def test_pca_for_a_plot_is_fine() -> None:
    code = SPLIT + """
from sklearn.decomposition import PCA
xy = PCA(n_components=2).fit_transform(X_tr)
print(xy[:5])
"""
    assert "too-few-features" not in rules(code)


def test_adaboost_stump_named_first_is_fine() -> None:
    code = SPLIT + """
from sklearn.ensemble import AdaBoostClassifier
from sklearn.tree import DecisionTreeClassifier
base = DecisionTreeClassifier(max_depth=1)
m = AdaBoostClassifier(estimator=base, n_estimators=300).fit(X_tr, y_tr)
print(m.score(X_te, y_te))
"""
    assert "stump" not in rules(code)


def test_single_stump_is_underfitting() -> None:
    code = SPLIT + """
from sklearn.tree import DecisionTreeClassifier
m = DecisionTreeClassifier(max_depth=1).fit(X_tr, y_tr)
print(m.score(X_te, y_te))
"""
    assert "stump" in rules(code)


def test_partial_fit_loop_is_not_too_few_iterations() -> None:
    code = SPLIT + """
from sklearn.linear_model import SGDRegressor
m = SGDRegressor(max_iter=1, tol=None)
for epoch in range(30):
    m.partial_fit(X_tr, y_tr)
print(m.score(X_te, y_te))
"""
    assert "too-few-iterations" not in rules(code)
    assert "too-few-iterations" in rules(code.replace("m.partial_fit(X_tr, y_tr)", "m.fit(X_tr, y_tr)"))


def test_torch_single_epoch() -> None:
    code = """
    import torch
    N_EPOCHS = 1
    net = torch.nn.Linear(10, 2)
    opt = torch.optim.Adam(net.parameters())
    for _ in range(N_EPOCHS):
        for xb, yb in loader:
            opt.zero_grad()
            torch.nn.functional.cross_entropy(net(xb), yb).backward()
            opt.step()
    """
    assert "too-few-iterations" in rules(code)
    assert "too-few-iterations" not in rules(code.replace("N_EPOCHS = 1", "N_EPOCHS = 40"))


def test_knn_k_half_the_rows_at_module_level() -> None:
    code = SPLIT + """
from sklearn.neighbors import KNeighborsRegressor
kk = len(X_tr) // 3
m = KNeighborsRegressor(n_neighbors=kk).fit(X_tr, y_tr)
print(m.score(X_te, y_te))
"""
    assert "knn-k-share-of-rows" in rules(code)
    assert "knn-k-share-of-rows" not in rules(code.replace("len(X_tr) // 3", "7"))


def test_formula_with_all_high_order_interactions() -> None:
    code = """
    import pandas as pd
    import statsmodels.formula.api as smf
    d = pd.read_csv("plots.csv")
    fit = smf.ols("y ~ (a + b + c + d) ** 4", data=d).fit()
    """
    assert "high-degree-poly" in rules(code)
    assert "high-degree-poly" not in rules(code.replace("** 4", "** 2"))


def test_unpruned_tree_on_small_data_file() -> None:
    rows = "\n".join(f"{i % 7},{i % 5},{i * 0.3:.1f}" for i in range(150))
    code = SPLIT + """
from sklearn.tree import DecisionTreeRegressor
m = DecisionTreeRegressor().fit(X_tr, y_tr)
print(m.score(X_te, y_te))
"""
    assert "unpruned-tree" in rules(code, {"t.csv": "a,b,y\n" + rows})
    assert "unpruned-tree" not in rules(code.replace("DecisionTreeRegressor()", "DecisionTreeRegressor(max_depth=4)"),
                                        {"t.csv": "a,b,y\n" + rows})


# --- time leakage -------------------------------------------------------------------------------

def test_lead_feature_built_from_fstring_column() -> None:
    code = """
    import pandas as pd
    def feats(df, col):
        df[f"{col}_delta"] = df[col].shift(-3) - df[col]
        df[f"{col}_lag"] = df[col].shift(3)
        return df
    """
    assert "future-feature" in rules(code)


def test_fstring_lead_used_as_label_is_fine() -> None:
    code = """
    import pandas as pd
    from sklearn.linear_model import Ridge
    df = pd.read_csv("s.csv")
    c = "load"
    df[f"{c}_lead"] = df[c].shift(-1)
    df["lag"] = df[c].shift(1)
    df = df.dropna()
    Ridge().fit(df[["lag"]], df[f"{c}_lead"])
    """
    assert "future-feature" not in rules(code)


def test_interpolate_both_directions_before_time_split() -> None:
    code = """
    import pandas as pd
    from sklearn.linear_model import Ridge
    d = pd.read_csv("w.csv", parse_dates=["ts"]).sort_values("ts")
    d[["t", "h"]] = d[["t", "h"]].interpolate(limit_direction="both")
    a = d[d["ts"] < "2023-01-01"]
    b = d[d["ts"] >= "2023-01-01"]
    m = Ridge().fit(a[["t", "h"]], a["y"])
    print(m.score(b[["t", "h"]], b["y"]))
    """
    assert "backfill-across-split" in rules(code)
    fixed = code.replace('d[["t", "h"]] = d[["t", "h"]].interpolate(limit_direction="both")\n', "")
    fixed = fixed.replace('m = Ridge', 'a = a.interpolate(limit_direction="forward")\n    m = Ridge')
    assert "backfill-across-split" not in rules(fixed)


def test_fit_on_later_period_scored_on_earlier() -> None:
    code = """
    import pandas as pd
    from sklearn.linear_model import Ridge
    d = pd.read_csv("m.csv", parse_dates=["week"])
    late = d[d["week"] > "2022-06-30"]
    early = d[d["week"] <= "2022-06-30"]
    m = Ridge().fit(late[["x"]], late["y"])
    print(m.score(early[["x"]], early["y"]))
    """
    assert "train-on-future" in rules(code)
    swapped = code.replace('fit(late[["x"]], late["y"])', 'fit(early[["x"]], early["y"])')
    swapped = swapped.replace('score(early[["x"]], early["y"])', 'score(late[["x"]], late["y"])')
    assert "train-on-future" not in rules(swapped)


def test_entity_features_aggregated_past_the_label_cutoff() -> None:
    code = """
    import pandas as pd
    CUT = pd.Timestamp("2024-01-01")
    logs = pd.read_csv("logs.csv", parse_dates=["at"])
    accounts = pd.read_csv("accounts.csv")
    usage = logs.groupby("account").agg(n=("at", "size"))
    later = logs[logs["at"] > CUT]
    accounts = accounts.merge(usage, on="account")
    accounts["lapsed"] = ~accounts["account"].isin(later["account"])
    """
    assert "features-after-cutoff" in rules(code)
    clipped = code.replace('usage = logs.groupby', 'logs = logs[logs["at"] <= CUT]\n    usage = logs.groupby')
    clipped = clipped.replace('later = logs[logs["at"] > CUT]', 'later = pd.read_csv("after.csv")')
    assert "features-after-cutoff" not in rules(clipped)


def test_group_mean_over_all_time_before_time_split() -> None:
    code = """
    import pandas as pd
    from sklearn.linear_model import LogisticRegression
    t = pd.read_csv("tx.csv", parse_dates=["ts"]).sort_values("ts")
    t["shop_avg"] = t.groupby("shop")["amount"].transform("mean")
    a, b = t[t["ts"] < "2024-03-01"], t[t["ts"] >= "2024-03-01"]
    m = LogisticRegression().fit(a[["shop_avg"]], a["fraud"])
    print(m.score(b[["shop_avg"]], b["fraud"]))
    """
    assert "all-time-aggregate" in rules(code)
    assert "all-time-aggregate" not in rules(code.replace('.sort_values("ts")', ""))  # no sign of time order


HOMES = """
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.model_selection import train_test_split
d = pd.read_csv("d.csv", parse_dates=["day"])
X_tr, X_te, y_tr, y_te = train_test_split(d[["x"]], d["y"], random_state=0)
print(Ridge().fit(X_tr, y_tr).score(X_te, y_te))
"""


def dated(n: int, ids: int, ordered: bool = True) -> str:
    days = [f"2023-{1 + i * 12 // n:02d}-{1 + i % 28:02d}" for i in range(n)]
    if not ordered:
        days = days[::2] + days[1::2]
    return "id,day,x,y\n" + "\n".join(f"K{100 + i % ids},{days[i]},{i % 9},{i % 4}" for i in range(n))


def test_date_column_in_order_alone_is_not_a_forecast() -> None:
    assert "shuffled-time-split" not in rules(HOMES, {"d.csv": dated(300, 300)})


def test_lag_features_make_it_a_forecast() -> None:
    code = HOMES.replace('d = pd.read_csv("d.csv", parse_dates=["day"])',
                         'd = pd.read_csv("d.csv", parse_dates=["day"])\nd["x"] = d["y"].shift(1)')
    assert "shuffled-time-split" in rules(code, {"d.csv": dated(300, 300)})


def test_repeated_entities_split_by_row() -> None:
    assert "entity-rows-split" in rules(HOMES, {"d.csv": dated(400, 60)})
    assert "entity-rows-split" not in rules(HOMES, {"d.csv": dated(400, 400)})  # one row per id
    grouped = HOMES + "from sklearn.model_selection import GroupKFold\ncv = GroupKFold(5)\n"
    assert "entity-rows-split" not in rules(grouped, {"d.csv": dated(400, 60)})
