"""Outlier, scaling and imbalance patterns: small fresh examples, a positive and a tricky negative each."""

from __future__ import annotations

import textwrap

import numpy as np

from mle_env.agents.detectors import detect, lint_paths


def rules(code: str) -> set[str]:
    return {f.rule for f in detect(textwrap.dedent(code), "t.py")}


def project(tmp_path, code: str, csv: dict[str, str]) -> set[str]:
    (tmp_path / "m.py").write_text(textwrap.dedent(code))
    for name, text in csv.items():
        (tmp_path / name).write_text(text)
    return {f.rule for f in lint_paths([tmp_path])}


def table(cols: dict[str, np.ndarray]) -> str:
    names = list(cols)
    rows = zip(*(cols[n] for n in names), strict=True)
    return ",".join(names) + "\n" + "\n".join(",".join(f"{v:g}" for v in r) for r in rows) + "\n"


RNG = np.random.default_rng(3)
N = 300


# --- OUTLIER -------------------------------------------------------------------------------

FILL = """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.{mod} import {model}
d = pd.read_csv("rooms.csv")
d[["area", "floor"]] = d[["area", "floor"]].fillna(-9999)
a, b, ya, yb = train_test_split(d[["area", "floor"]], d["rent"], random_state=0)
print({model}().fit(a, ya).score(b, yb))
"""


def test_fillna_placeholder_before_distance_model():
    assert "sentinel-unhandled" in rules(FILL.format(mod="svm", model="SVR"))
    assert "sentinel-unhandled" not in rules(FILL.format(mod="ensemble", model="RandomForestRegressor"))


def test_clip_at_quartiles_vs_fences():
    bad = """
    import pandas as pd
    from sklearn.neighbors import KNeighborsRegressor
    tr = pd.read_csv("a.csv")
    q = tr[["x", "z"]].quantile([0.25, 0.75])
    low, high = q.loc[0.25], q.loc[0.75]
    tr[["x", "z"]] = tr[["x", "z"]].clip(low, high, axis=1)
    KNeighborsRegressor().fit(tr[["x", "z"]], tr["y"])
    """
    good = bad.replace("low, high = q.loc[0.25], q.loc[0.75]", "low = q.loc[0.25] - 1.5 * (q.loc[0.75] - q.loc[0.25])\n"
                       "    high = q.loc[0.75] + 1.5 * (q.loc[0.75] - q.loc[0.25])")
    assert "clip-at-quartiles" in rules(bad)
    assert "clip-at-quartiles" not in rules(good)


def test_detector_fitted_on_holdout_rows():
    bad = """
    import pandas as pd
    from sklearn.ensemble import IsolationForest
    from sklearn.linear_model import Ridge
    fit_rows = pd.read_csv("old.csv")
    new_rows = pd.read_csv("new.csv")
    det = IsolationForest(random_state=0).fit(new_rows[["u", "v"]])
    new_rows = new_rows[det.predict(new_rows[["u", "v"]]) == 1]
    m = Ridge().fit(fit_rows[["u", "v"]], fit_rows["t"])
    print(m.score(new_rows[["u", "v"]], new_rows["t"]))
    """
    good = bad.replace("fit(new_rows[[", "fit(fit_rows[[").replace(
        "new_rows = new_rows[det.predict(new_rows", "fit_rows = fit_rows[det.predict(fit_rows"
    )
    assert "outlier-filter-on-test" in rules(bad)
    assert "outlier-filter-on-test" not in rules(good)


def test_label_equality_mask_is_not_an_outlier_filter():
    code = """
    import numpy as np
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.model_selection import train_test_split
    X, y = np.load("x.npy"), np.load("y.npy")
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=0)
    rf = RandomForestClassifier().fit(X_tr, y_tr)
    print((rf.predict(X_te)[y_te == 1] == 1).mean())
    """
    assert "outlier-filter-on-test" not in rules(code)


def test_filter_with_all_rows_before_split():
    bad = """
    import pandas as pd
    from sklearn.model_selection import train_test_split
    from sklearn.ensemble import RandomForestRegressor
    d = pd.read_csv("trips.csv")
    mu, sd = d["secs"].mean(), d["secs"].std()
    d = d[(d["secs"] - mu).abs() < 3 * sd]
    a, b = train_test_split(d, random_state=0)
    RandomForestRegressor().fit(a[["km"]], a["secs"])
    """
    good = """
    import pandas as pd
    from sklearn.model_selection import train_test_split
    from sklearn.ensemble import RandomForestRegressor
    d = pd.read_csv("trips.csv")
    a, b = train_test_split(d, random_state=0)
    mu, sd = a["secs"].mean(), a["secs"].std()
    a = a[(a["secs"] - mu).abs() < 3 * sd]
    RandomForestRegressor().fit(a[["km"]], a["secs"])
    """
    assert "outlier-stats-before-split" in rules(bad)
    assert not {"outlier-stats-before-split", "outlier-filter-on-test"} & rules(good)


MODEL = """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LinearRegression
d = pd.read_csv("d.csv")
a, b, ya, yb = train_test_split(d[["p", "q"]], d["t"], random_state=0)
m = make_pipeline(StandardScaler(), LinearRegression()).fit(a, ya)
print(m.score(b, yb))
"""


def test_saturated_reading_in_data(tmp_path):
    p = RNG.normal(50, 5, N)
    p[:15] = 4095.0  # a 12-bit sensor pinned at its maximum
    data = table({"p": p, "q": RNG.normal(0, 1, N), "t": RNG.normal(10, 2, N)})
    assert "data-sentinel" in project(tmp_path, MODEL, {"d.csv": data})


def test_no_code_when_the_top_value_is_ordinary(tmp_path):
    p = np.round(RNG.uniform(0, 100, N))
    p[:15] = 100.0  # a capped percentage: repeated, but not far beyond the rest
    data = table({"p": p, "q": RNG.normal(0, 1, N), "t": RNG.normal(10, 2, N)})
    assert "data-sentinel" not in project(tmp_path, MODEL, {"d.csv": data})


def test_zeros_meaning_missing(tmp_path):
    p = RNG.normal(120, 15, N)
    p[:20] = 0.0  # blood glucose of 0
    data = table({"p": p, "q": RNG.integers(0, 9, N).astype(float), "t": RNG.normal(10, 2, N)})
    assert "data-sentinel" in project(tmp_path, MODEL, {"d.csv": data})
    fill = 'd = pd.read_csv("d.csv")\nd["p"] = d["p"].replace(0, float("nan"))'
    fixed = MODEL.replace('d = pd.read_csv("d.csv")', fill)
    assert "data-sentinel" not in project(tmp_path, fixed, {"d.csv": data})


def test_count_column_with_natural_zeros(tmp_path):
    q = RNG.poisson(3, N).astype(float)  # 0, 1, 2, ... : zero is a real count
    data = table({"p": RNG.normal(50, 5, N), "q": q, "t": RNG.normal(10, 2, N)})
    assert "data-sentinel" not in project(tmp_path, MODEL, {"d.csv": data})


def test_heavy_tail_with_and_without_log(tmp_path):
    p = RNG.lognormal(10, 0.4, N)
    p[:4] *= 400  # a handful of enormous values
    data = table({"p": p, "q": RNG.normal(0, 1, N), "t": RNG.normal(10, 2, N)})
    assert "heavy-tail-unhandled" in project(tmp_path, MODEL, {"d.csv": data})
    logged = MODEL.replace('d = pd.read_csv("d.csv")', 'd = pd.read_csv("d.csv")\nd["p"] = np.log1p(d["p"])')
    logged = "import numpy as np\n" + logged
    assert "heavy-tail-unhandled" not in project(tmp_path, logged, {"d.csv": data})


# --- SCALING -------------------------------------------------------------------------------

def test_helper_builds_a_new_scaler_per_frame():
    bad = """
    import pandas as pd
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVC
    def prep(frame):
        return StandardScaler().fit_transform(frame[["a", "b"]])
    old, new = pd.read_csv("jan.csv"), pd.read_csv("feb.csv")
    clf = SVC().fit(prep(old), old["k"])
    print(clf.predict(prep(new)))
    """
    good = """
    import pandas as pd
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVC
    old, new = pd.read_csv("jan.csv"), pd.read_csv("feb.csv")
    sc = StandardScaler().fit(old[["a", "b"]])
    clf = SVC().fit(sc.transform(old[["a", "b"]]), old["k"])
    print(clf.predict(sc.transform(new[["a", "b"]])))
    """
    assert "scaler-refit-on-test" in rules(bad)
    assert "scaler-refit-on-test" not in rules(good)


def test_scoring_function_refits_scaler_on_batch():
    bad = """
    import joblib
    from sklearn.preprocessing import MinMaxScaler
    def score(batch):
        model = joblib.load("m.joblib")
        return model.predict(MinMaxScaler().fit_transform(batch))
    """
    good = """
    import joblib
    def score(batch):
        scaler, model = joblib.load("m.joblib")
        return model.predict(scaler.transform(batch))
    """
    assert "scaler-refit-on-test" in rules(bad)
    assert "scaler-refit-on-test" not in rules(good)


def test_row_normalize_on_named_columns_vs_text():
    bad = """
    import pandas as pd
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.preprocessing import normalize
    d = pd.read_csv("h.csv")
    X = normalize(d[["rooms", "area_m2", "age_years"]])
    KNeighborsClassifier().fit(X, d["kind"])
    """
    text = """
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.preprocessing import normalize
    def fit(docs, y):
        X = normalize(CountVectorizer().fit_transform(docs))
        return KNeighborsClassifier(metric="cosine").fit(X, y)
    """
    assert "row-normalized" in rules(bad)
    assert "row-normalized" not in rules(text)


def test_minmax_clip_before_regressor():
    bad = """
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import MinMaxScaler
    from sklearn.linear_model import Ridge
    model = make_pipeline(MinMaxScaler(clip=True), Ridge())
    """
    assert "scaler-clips-range" in rules(bad)
    assert "scaler-clips-range" not in rules(bad.replace("clip=True", "clip=False"))


def test_raw_features_model_predicts_other_file():
    bad = """
    import pandas as pd
    from sklearn.preprocessing import StandardScaler
    from sklearn.linear_model import SGDRegressor
    old, new = pd.read_csv("y1.csv"), pd.read_csv("y2.csv")
    sc = StandardScaler()
    m = SGDRegressor().fit(sc.fit_transform(old[["a", "b"]]), old["t"])
    print(m.predict(new[["a", "b"]]))
    """
    good = bad.replace('m.predict(new[["a", "b"]])', 'm.predict(sc.transform(new[["a", "b"]]))')
    assert "inconsistent-scaling" in rules(bad)
    assert "inconsistent-scaling" not in rules(good)


SVM = """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
d = pd.read_csv("d.csv")
a, b, ya, yb = train_test_split(d[["p", "q"]], d["k"], stratify=d["k"], random_state=0)
print(SVC().fit(a, ya).score(b, yb))
"""


def test_no_scaling_decided_by_data(tmp_path):
    k = (RNG.random(N) < 0.5).astype(float)
    wide = table({"p": RNG.normal(1e5, 1e4, N), "q": RNG.normal(0, 1, N), "k": k})
    alike = table({"p": RNG.uniform(0, 1, N), "q": RNG.uniform(0, 1, N), "k": k})
    (tmp_path / "w").mkdir()
    assert "no-scaling" in project(tmp_path / "w", SVM, {"d.csv": wide})
    (tmp_path / "u").mkdir()
    assert "no-scaling" not in project(tmp_path / "u", SVM, {"d.csv": alike})


def test_zscore_mask_on_target_is_not_target_scaling():
    code = """
    import numpy as np
    import pandas as pd
    from scipy import stats
    from sklearn.ensemble import GradientBoostingRegressor
    from sklearn.model_selection import train_test_split
    d = pd.read_csv("r.csv")
    tr, te = train_test_split(d, random_state=0)
    tr = tr[np.abs(stats.zscore(tr["price"])) < 3]
    GradientBoostingRegressor().fit(tr[["a"]], tr["price"])
    """
    assert "scaled-target" not in rules(code)


# --- IMBALANCE -----------------------------------------------------------------------------

def test_search_default_scoring_on_rare_class():
    bad = """
    from sklearn.datasets import make_classification
    from sklearn.model_selection import GridSearchCV
    from sklearn.ensemble import RandomForestClassifier
    X, y = make_classification(n_samples=3000, weights=[0.97], random_state=0)
    GridSearchCV(RandomForestClassifier(), {"max_depth": [3, 6]}, cv=3).fit(X, y)
    """
    good = bad.replace("cv=3)", "cv=3, scoring='average_precision')")
    assert "accuracy-selects" in rules(bad)
    assert "accuracy-selects" not in rules(good)


def test_kfold_on_rare_class():
    bad = """
    from sklearn.datasets import make_classification
    from sklearn.model_selection import KFold, cross_val_score
    from sklearn.linear_model import LogisticRegression
    X, y = make_classification(n_samples=800, weights=[0.97, 0.03], random_state=0)
    print(cross_val_score(LogisticRegression(), X, y, cv=KFold(5), scoring="average_precision"))
    """
    assert "split-not-stratified" in rules(bad)
    assert "split-not-stratified" not in rules(bad.replace("weights=[0.97, 0.03]", "weights=[0.5, 0.5]"))


def test_percent_note_and_accuracy():
    bad = '''
    """Churn scoring. About 3% of accounts close in a given month."""
    import pandas as pd
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.metrics import accuracy_score
    tr, te = pd.read_csv("tr.csv"), pd.read_csv("te.csv")
    m = RandomForestClassifier().fit(tr[["a"]], tr["c"])
    print(accuracy_score(te["c"], m.predict(te[["a"]])))
    '''
    test_share = bad.replace("About 3% of accounts close in a given month.", "Keep 5% of rows for a test split.")
    assert "accuracy-on-imbalanced" in rules(bad)
    assert "accuracy-on-imbalanced" not in rules(test_share)


def test_anomaly_detector_scored_by_accuracy():
    bad = """
    import numpy as np
    from sklearn.ensemble import IsolationForest
    from sklearn.metrics import accuracy_score
    X, y = np.load("x.npy"), np.load("y.npy")
    pred = np.where(IsolationForest().fit(X).predict(X) == -1, 1, 0)
    print(accuracy_score(y, pred))
    """
    assert "accuracy-on-imbalanced" in rules(bad)
    assert "accuracy-on-imbalanced" not in rules(bad.replace("accuracy_score", "average_precision_score"))


def test_downsampled_evaluation_rows():
    bad = """
    import pandas as pd
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import precision_score
    old, new = pd.read_csv("a.csv"), pd.read_csv("b.csv")
    m = LogisticRegression(class_weight="balanced").fit(old[["x"]], old["bad"])
    pos = new[new["bad"] == 1]
    neg = new[new["bad"] == 0].sample(n=len(pos), random_state=0)
    ev = pd.concat([pos, neg])
    print(precision_score(ev["bad"], m.predict(ev[["x"]])))
    """
    train_only = """
    import pandas as pd
    from sklearn.linear_model import LogisticRegression
    old, new = pd.read_csv("a.csv"), pd.read_csv("b.csv")
    pos = old[old["bad"] == 1]
    neg = old[old["bad"] == 0].sample(n=len(pos), random_state=0)
    bal = pd.concat([pos, neg])
    m = LogisticRegression().fit(bal[["x"]], bal["bad"])
    print(m.predict_proba(new[["x"]]))
    """
    assert "resample-test-set" in rules(bad)
    assert "resample-test-set" not in rules(train_only)


def test_unhandled_skew_but_recall_reported():
    code = """
    from sklearn.datasets import make_classification
    from sklearn.model_selection import StratifiedKFold, cross_validate
    from sklearn.ensemble import GradientBoostingClassifier
    X, y = make_classification(n_samples=900, weights=[0.95, 0.05], random_state=0)
    print(cross_validate(GradientBoostingClassifier(), X, y, cv=StratifiedKFold(5), scoring=["recall", "roc_auc"]))
    """
    assert "imbalance-unhandled" not in rules(code)
    unweighted = """
    from sklearn.datasets import make_classification
    from sklearn.metrics import confusion_matrix
    from sklearn.model_selection import train_test_split
    from sklearn.ensemble import GradientBoostingClassifier
    X, y = make_classification(n_samples=900, weights=[0.95, 0.05], random_state=0)
    a, b, ya, yb = train_test_split(X, y, stratify=y, random_state=0)
    print(confusion_matrix(yb, GradientBoostingClassifier().fit(a, ya).predict(b)))
    """
    assert "imbalance-unhandled" in rules(unweighted)
