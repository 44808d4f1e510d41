"""The dataflow core and the leakage families of the static detectors (issue 17): roles of
hand-made splits inferred from what is fitted and what is evaluated, overlapping slices,
target statistics in helpers across files, leakage through time, and model selection on
the rows that are then reported. Each rule has a snippet that must be flagged (with the
rule, at the right line) and a similar correct snippet that must not be."""

from __future__ import annotations

import textwrap

import pytest

from mle_env.agents.detectors import detect, detect_project


def lint(src: str, name: str = "s.py") -> list:
    return detect(textwrap.dedent(src).lstrip("\n"), name)


def rules(findings) -> set[tuple[str, str]]:
    return {(f.code, f.rule) for f in findings}


def leaks(findings) -> list:
    return [f.format(rule=True) for f in findings if f.code == "DATA_LEAKAGE"]


WALK_FORWARD = """
import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error


class WalkForward:
    def __init__(self, min_train_size=200, step=20):
        self.min_train_size = min_train_size
        self.step = step

    def splits(self, n):
        for end in range(self.min_train_size, n - self.step, self.step):
            yield np.arange(end), np.arange(end, end + self.step)


def main():
    df = pd.read_csv("sales.csv", parse_dates=["date"]).sort_values("date")
    df["lag_1"] = df["sales"].shift(1)
    df = df.dropna()
    X, y = df[["lag_1", "price"]].to_numpy(), df["sales"].to_numpy()
    errs = []
    for tr, te in WalkForward().splits(len(df)):
        m = Ridge().fit(X[tr], y[tr])
        errs.append(mean_absolute_error(y[te], m.predict(X[te])))
    print(np.mean(errs))


if __name__ == "__main__":
    main()
"""


def test_walk_forward_loop_with_min_train_size_is_clean():
    found = lint(WALK_FORWARD)
    assert found == [], [f.format(rule=True) for f in found]


# --- hand-made splits: roles from what is fitted and what is evaluated ---------------------

MONTH_SPLIT = """
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

df = pd.read_csv("tx.csv", parse_dates=["ts"])
feats = ["amount", "age", "n_prev"]
{scale_all}
history = df[df.ts < "2023-10-01"]
october = df[df.ts >= "2023-10-01"]
{scale_history}
clf = LogisticRegression(max_iter=500).fit(sc.transform(history[feats]), history["fraud"])
print(f1_score(october["fraud"], clf.predict(sc.transform(october[feats]))))
"""


def test_unnamed_date_mask_split_is_recognised_as_a_split():
    bad = lint(MONTH_SPLIT.format(scale_all="sc = StandardScaler().fit(df[feats])", scale_history=""))
    assert [(f.rule, f.line) for f in bad if f.code == "DATA_LEAKAGE"][:1] == [("fit-before-split", 8)], leaks(bad)
    good = lint(MONTH_SPLIT.format(scale_all="", scale_history="sc = StandardScaler().fit(history[feats])"))
    assert leaks(good) == []


PERMUTATION_FOLDS = """
import numpy as np
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.pipeline import make_pipeline
from sklearn.svm import SVC

X = np.load("X.npy"); y = np.load("y.npy")
{select}
perm = np.random.default_rng(0).permutation(len(X))
folds = np.array_split(perm, 5)
accs = []
for k in range(5):
    hold = folds[k]
    rest = np.concatenate([folds[j] for j in range(5) if j != k])
    m = {model}.fit(X[rest], y[rest])
    accs.append((m.predict(X[hold]) == y[hold]).mean())
print(np.mean(accs))
"""


def test_permutation_array_split_folds_are_a_split():
    bad = lint(PERMUTATION_FOLDS.format(select="X = SelectKBest(f_classif, k=30).fit_transform(X, y)", model="SVC()"))
    assert ("DATA_LEAKAGE", "fit-before-split") in rules(bad) and bad[0].line == 7, leaks(bad)
    good = lint(PERMUTATION_FOLDS.format(select="", model="make_pipeline(SelectKBest(f_classif, k=30), SVC())"))
    assert leaks(good) == []


SAMPLE_DROP = """
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.linear_model import Ridge
from sklearn.metrics import r2_score

df = pd.read_csv("h.csv")
cols = ["a", "b", "c"]
{impute_all}
part_a = df.sample(frac=0.8, random_state=1)
part_b = df.drop(part_a.index)
{impute_a}
r = Ridge().fit(imp.transform(part_a[cols]), part_a["price"])
print(r2_score(part_b["price"], r.predict(imp.transform(part_b[cols]))))
"""


def test_sample_and_drop_index_is_a_split():
    bad = lint(SAMPLE_DROP.format(impute_all="imp = SimpleImputer().fit(df[cols])", impute_a=""))
    assert ("DATA_LEAKAGE", "fit-before-split") in rules(bad), leaks(bad)
    good = lint(SAMPLE_DROP.format(impute_all="", impute_a="imp = SimpleImputer().fit(part_a[cols])"))
    assert leaks(good) == [] and not [f for f in good if f.rule == "eval-on-train"]


OVERLAP = """
import numpy as np
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_squared_error

data = np.load("d.npy")
X, y = data[:, :-1], data[:, -1]
n = len(X)
m = GradientBoostingRegressor(max_depth=3).fit(X[: int(0.8 * n)], y[: int(0.8 * n)])
print(mean_squared_error(y[{start}:], m.predict(X[{start}:])))
"""


def test_overlapping_slices_are_flagged_and_disjoint_ones_are_not():
    bad = lint(OVERLAP.format(start="int(0.7 * n)"))
    assert [(f.rule, f.line) for f in bad if f.code == "DATA_LEAKAGE"] == [("overlapping-split", 8)], leaks(bad)
    assert leaks(lint(OVERLAP.format(start="int(0.8 * n)"))) == []


# --- target statistics in helpers, across files ---------------------------------------------

FEATURES = """
TARGET = "churned"


def encode_categories(df):
    for col in ["plan", "region"]:
        df[col + "_rate"] = df.groupby(col)[TARGET].transform("mean")
"""
TRAIN = """
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from features import TARGET, encode_categories


def main():
    df = pd.read_csv("customers.csv")
    {before}
    train, test = train_test_split(df, stratify=df[TARGET], random_state=0)
    {after}
    feats = ["plan_rate", "region_rate", "tenure"]
    m = RandomForestClassifier(max_depth=6).fit(train[feats], train[TARGET])
    print(roc_auc_score(test[TARGET], m.predict_proba(test[feats])[:, 1]))


if __name__ == "__main__":
    main()
"""


def project(before: str, after: str) -> list:
    train = textwrap.dedent(TRAIN).format(before=before, after=after)
    return detect_project({"proj/features.py": textwrap.dedent(FEATURES), "proj/train.py": train})


def test_target_encoding_in_a_helper_of_another_file_before_the_split():
    found = project("encode_categories(df)  # changes df in place", "")
    got = {(f.file, f.rule, f.line) for f in found if f.code == "DATA_LEAKAGE"}
    assert ("proj/features.py", "target-stats-before-split", 7) in got, got
    assert ("proj/train.py", "target-stats-before-split", 12) in got, got


def test_target_encoding_on_the_training_rows_only_is_clean():
    after = (
        "for col in ['plan', 'region']:\n"
        "        rate = train.groupby(col)[TARGET].mean()\n"
        "        train[col + '_rate'] = train[col].map(rate)\n"
        "        test[col + '_rate'] = test[col].map(rate)"
    )
    assert leaks(project("", after)) == []


# --- leakage through time ---------------------------------------------------------------------

PRICES = """
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import train_test_split

df = pd.read_csv("prices.csv", parse_dates=["date"]).sort_values("date")
df["ret_1"] = df["close"].pct_change()
df["target"] = df["close"].shift(-1) / df["close"] - 1
df["extra"] = {extra}
df = df.dropna()
feats = ["ret_1", "extra"]
X_tr, X_te, y_tr, y_te = train_test_split(df[feats], df["target"], shuffle=False)
print(RandomForestRegressor(max_depth=5).fit(X_tr, y_tr).score(X_te, y_te))
"""


@pytest.mark.parametrize(
    ("extra", "rule"),
    [
        ('df["close"].shift(-3) - df["close"]', "future-feature"),
        ('df["ret_1"].rolling(5, center=True).std()', "centered-window"),
        ('df["close"].diff(-1)', "future-feature"),
    ],
)
def test_features_from_later_rows_are_flagged(extra, rule):
    found = lint(PRICES.format(extra=extra))
    assert [(f.rule, f.line) for f in found if f.code == "DATA_LEAKAGE"] == [(rule, 8)], leaks(found)


@pytest.mark.parametrize("extra", ['df["close"].shift(3) - df["close"]', 'df["ret_1"].rolling(5).std()'])
def test_lags_trailing_windows_and_a_shifted_target_are_clean(extra):
    assert leaks(lint(PRICES.format(extra=extra))) == []


LOAD = """
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.model_selection import train_test_split, {splitter_import}
from sklearn.metrics import mean_absolute_error

df = pd.read_csv("load.csv", parse_dates=["timestamp"]).sort_values("timestamp")
df["lag_24"] = df["load"].shift(24)
df = df.dropna()
X, y = df[["lag_24", "temp"]], df["load"]
{split}
m = GradientBoostingRegressor(max_depth=3).fit(X_tr, y_tr)
print(mean_absolute_error(y_te, m.predict(X_te)))
"""


def test_random_split_of_time_ordered_rows():
    bad = lint(
        LOAD.format(splitter_import="KFold", split="X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)")
    )
    assert [(f.rule, f.line) for f in bad if f.code == "DATA_LEAKAGE"] == [("shuffled-time-split", 10)], leaks(bad)
    take = "\nX_tr, X_te, y_tr, y_te = X.iloc[tr], X.iloc[te], y.iloc[tr], y.iloc[te]"
    kfold = "tr, te = next(KFold(5, shuffle=True, random_state=0).split(X))" + take
    assert "shuffled-time-split" in {f.rule for f in lint(LOAD.format(splitter_import="KFold", split=kfold))}
    ordered = "X_tr, X_te, y_tr, y_te = train_test_split(X, y, shuffle=False)"
    assert leaks(lint(LOAD.format(splitter_import="KFold", split=ordered))) == []
    tss = "tr, te = list(TimeSeriesSplit(5).split(X))[-1]" + take
    assert leaks(lint(LOAD.format(splitter_import="TimeSeriesSplit", split=tss))) == []


def test_random_split_of_rows_without_time_order_is_clean():
    src = LOAD.format(splitter_import="KFold", split="X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)")
    src = src.replace(', parse_dates=["timestamp"]).sort_values("timestamp")', ")").replace(
        'df["load"].shift(24)', 'df["load_prev_year"]'
    )
    assert leaks(lint(src)) == []


BACKFILL = """
import pandas as pd
from sklearn.linear_model import Ridge

df = pd.read_csv("s.csv", parse_dates=["day"]).sort_values("day")
{fill_all}
early = df[df.day < "2022-01-01"].copy()
late = df[df.day >= "2022-01-01"].copy()
{fill_parts}
m = Ridge().fit(early[["a", "b"]], early["y"])
print(m.score(late[["a", "b"]], late["y"]))
"""


def test_backfill_before_a_date_split():
    bad = lint(BACKFILL.format(fill_all='df = df.fillna(method="bfill")', fill_parts=""))
    assert [(f.rule, f.line) for f in bad if f.code == "DATA_LEAKAGE"] == [("backfill-across-split", 5)], leaks(bad)
    good = lint(BACKFILL.format(fill_all="df = df.ffill()", fill_parts="early = early.bfill()"))
    assert leaks(good) == []


# --- model selection without a held-out test ----------------------------------------------------

SEARCH = """
import pandas as pd
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

df = pd.read_csv("d.csv")
X, y = df.drop(columns="label"), df["label"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=0)
search = GridSearchCV(make_pipeline(StandardScaler(), SVC()), {{"svc__C": [0.1, 1, 10]}}, cv=5, scoring="f1")
search.fit({fit_on}, {fit_y})
print("f1:", search.best_score_)
{final}
"""


def test_best_cv_score_reported_as_the_final_score():
    bad = lint(SEARCH.format(fit_on="X", fit_y="y", final=""))
    assert [(f.rule, f.line) for f in bad if f.code == "DATA_LEAKAGE"] == [("cv-score-as-final", 12)], leaks(bad)
    good = lint(SEARCH.format(fit_on="X_tr", fit_y="y_tr", final='print("test f1:", search.score(X_te, y_te))'))
    assert leaks(good) == []


TUNE = """
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.metrics import f1_score

X = np.load("X.npy"); y = np.load("y.npy")
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, stratify=y_train, random_state=0)
best_k, best = None, 0.0
for k in range(1, 30):
    knn = KNeighborsClassifier(n_neighbors=k).fit(X_fit, y_fit)
    s = f1_score({rows}, knn.predict({X}))
    if s > best:
        best_k, best = k, s
final = KNeighborsClassifier(n_neighbors=best_k).fit(X_train, y_train)
print(best_k, f1_score({final_rows}, final.predict({final_X})))
"""


def test_choosing_k_on_the_rows_that_are_then_reported():
    bad = lint(TUNE.format(rows="y_test", X="X_test", final_rows="y_test", final_X="X_test"))
    assert ("DATA_LEAKAGE", "selection-on-test") in rules(bad), leaks(bad)
    assert min(f.line for f in bad if f.rule == "selection-on-test") == 10
    good = lint(TUNE.format(rows="y_val", X="X_val", final_rows="y_test", final_X="X_test"))
    assert leaks(good) == []


EARLY = """
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from xgboost import XGBClassifier

df = pd.read_csv("d.csv")
X, y = df.drop(columns="label"), df["label"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, stratify=y_train, random_state=0)
model = XGBClassifier(n_estimators=2000, max_depth=4, early_stopping_rounds=50)
model.fit(X_fit, y_fit, eval_set=[({watch}, {watch_y})], verbose=False)
print(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
"""


def test_early_stopping_on_the_test_rows():
    bad = lint(EARLY.format(watch="X_test", watch_y="y_test"))
    assert [(f.rule, f.line) for f in bad if f.code == "DATA_LEAKAGE"] == [("early-stopping-on-test", 11)], leaks(bad)
    assert leaks(lint(EARLY.format(watch="X_val", watch_y="y_val"))) == []
