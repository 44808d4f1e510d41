"""ENCODING_ERROR and target-in-features patterns: each a small fresh example, positive and a
tricky negative (data files passed through ``reader``)."""

from __future__ import annotations

import textwrap

from mle_env.agents.detectors import detect_project


def rules(files: dict[str, str], data: dict[str, str] | None = None) -> set[tuple[str, str]]:
    sources = {k: textwrap.dedent(v) for k, v in files.items()}
    raw = {k: textwrap.dedent(v).lstrip().encode() for k, v in (data or {}).items()}
    found = detect_project(sources, reader=lambda p: raw.get(p))
    return {(f.code, f.rule) for f in found}


def has(files, rule, data=None) -> bool:
    return any(r == rule for _, r in rules(files, data))


def table(header: str, rows: list[str]) -> str:
    return header + "\n" + "\n".join(rows) + "\n"


# ---- encoding learned per dataset -----------------------------------------------------------

LOOP_CODES = """
import pandas as pd
from sklearn.ensemble import ExtraTreesRegressor
jan = pd.read_csv("jan.csv")
feb = pd.read_csv("feb.csv")
for part in [jan, feb]:
    part["depot"] = part["depot"].astype("category").cat.codes
m = ExtraTreesRegressor().fit(jan[["depot", "km"]], jan["minutes"])
print(m.predict(feb[["depot", "km"]]))
"""

LOOP_COLUMNS = """
import pandas as pd
from sklearn.ensemble import ExtraTreesRegressor
from sklearn.model_selection import train_test_split
trips = pd.read_csv("trips.csv")
for col in ["depot", "vehicle"]:
    trips[col] = trips[col].astype("category").cat.codes
a, b = train_test_split(trips, test_size=0.3)
m = ExtraTreesRegressor().fit(a[["depot", "vehicle", "km"]], a["minutes"])
print(m.predict(b[["depot", "vehicle", "km"]]))
"""


def test_codes_learned_in_a_loop_over_two_frames():
    assert has({"t.py": LOOP_CODES}, "encoding-per-dataset")
    assert not has({"t.py": LOOP_COLUMNS}, "encoding-per-dataset")  # one frame, encoded before the split


HELPER = """
import pandas as pd
def to_matrix(frame):
    out = frame[["km"]].copy()
    out["plan"], _ = pd.factorize(frame["plan"])
    return out
"""
CALLED_TWICE = """
import pandas as pd
from sklearn.linear_model import LogisticRegression
from prep import to_matrix
old = pd.read_csv("q1.csv")
new = pd.read_csv("q2.csv")
clf = LogisticRegression().fit(to_matrix(old), old["churn"])
print(clf.score(to_matrix(new), new["churn"]))
"""
CALLED_ONCE = """
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from prep import to_matrix
both = pd.concat([pd.read_csv("q1.csv"), pd.read_csv("q2.csv")])
X = to_matrix(both)
X_a, X_b, y_a, y_b = train_test_split(X, both["churn"])
print(LogisticRegression().fit(X_a, y_a).score(X_b, y_b))
"""


def test_factorize_in_a_helper_called_per_file():
    assert has({"prep.py": HELPER, "run.py": CALLED_TWICE}, "encoding-per-dataset")
    assert not has({"prep.py": HELPER, "run.py": CALLED_ONCE}, "encoding-per-dataset")


FIT_FLAG = """
import pandas as pd
from sklearn.preprocessing import LabelEncoder
from sklearn.neighbors import KNeighborsClassifier
ENC = LabelEncoder()
def prepare(frame, fit):
    if fit:
        frame["shop"] = ENC.fit_transform(frame["shop"])
    else:
        frame["shop"] = ENC.transform(frame["shop"])
    return frame
a = prepare(pd.read_csv("a.csv"), True)
b = prepare(pd.read_csv("b.csv"), False)
KNeighborsClassifier().fit(a[["shop"]], a["y"]).predict(b[["shop"]])
"""


def test_helper_that_fits_only_when_asked_is_not_per_dataset():
    assert not has({"t.py": FIT_FLAG}, "encoding-per-dataset")


# ---- encoder re-fitted at predict time --------------------------------------------------------

SERVICE = """
import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.preprocessing import OrdinalEncoder
class Scorer:
    def __init__(self):
        self.enc = OrdinalEncoder()
        self.model = RandomForestClassifier()
    def train(self, df):
        self.model.fit(self.enc.fit_transform(df[["shop", "brand"]]), df["bought"])
        return self
    def score(self, df):
        {line}
        return self.model.predict_proba(enc.transform(df[["shop", "brand"]]))
if __name__ == "__main__":
    import pandas as pd
    s = Scorer().train(pd.read_csv("hist.csv"))
    print(s.score(pd.read_csv("today.csv")))
"""


def test_encoder_refitted_inside_predict():
    bad = SERVICE.replace("{line}", 'enc = OrdinalEncoder().fit(df[["shop", "brand"]])')
    good = SERVICE.replace("{line}", "enc = self.enc")
    assert has({"s.py": bad}, "encoder-refit-on-test")
    assert not any(c == "ENCODING_ERROR" for c, _ in rules({"s.py": good}))


# ---- identifiers as numbers -------------------------------------------------------------------

SHOPS = table("shop_id,footfall,revenue", [f"{100 + i * 7},{300 + i},{1000 + 13 * i}" for i in range(40)])
ID_LINEAR = """
import pandas as pd
from sklearn.linear_model import Lasso
df = pd.read_csv("shops.csv")
X = df.drop(columns=["revenue"])
Lasso().fit(X, df["revenue"])
"""


def test_numeric_identifier_fed_to_a_linear_model():
    assert has({"m.py": ID_LINEAR}, "id-as-number", {"shops.csv": SHOPS})
    trees = ID_LINEAR.replace(
        "from sklearn.linear_model import Lasso", "from sklearn.ensemble import RandomForestRegressor as Lasso"
    )
    assert not has({"m.py": trees}, "id-as-number", {"shops.csv": SHOPS})
    encoded = """
    import pandas as pd
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import Lasso
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder
    df = pd.read_csv("shops.csv")
    prep = ColumnTransformer([("id", OneHotEncoder(handle_unknown="ignore"), ["shop_id"])], remainder="passthrough")
    make_pipeline(prep, Lasso()).fit(df[["shop_id", "footfall"]], df["revenue"])
    """
    assert not has({"m.py": encoded}, "id-as-number", {"shops.csv": SHOPS})


def test_a_genuine_count_is_not_an_identifier():
    rooms = table("rooms,area,rent", [f"{1 + i % 6},{30 + i},{500 + 9 * i}" for i in range(40)])
    code = (
        'import pandas as pd\nfrom sklearn.linear_model import Ridge\ndf = pd.read_csv("r.csv")\n'
        'Ridge().fit(df[["rooms", "area"]], df["rent"])\n'
    )
    assert not has({"m.py": code}, "id-as-number", {"r.csv": rooms})


# ---- order of ranked words, nominal codes ------------------------------------------------------

SIZES = table(
    "size,colour,price",
    [
        f"{s},{c},{10 + i}"
        for i, (s, c) in enumerate([("small", "red"), ("medium", "blue"), ("large", "green"), ("medium", "red")] * 10)
    ],
)
SIZE_MODEL = """
import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder
df = pd.read_csv("sizes.csv")
prep = make_column_transformer(({enc}, ["size"]), (OneHotEncoder(), ["colour"]))
make_pipeline(prep, Ridge()).fit(df[["size", "colour"]], df["price"])
"""


def test_alphabetical_codes_for_ranked_sizes():
    assert has({"m.py": SIZE_MODEL.replace("{enc}", "OrdinalEncoder()")}, "ordinal-alphabetical", {"sizes.csv": SIZES})
    fixed = SIZE_MODEL.replace("{enc}", 'OrdinalEncoder(categories=[["small", "medium", "large"]])')
    assert not has({"m.py": fixed}, "ordinal-alphabetical", {"sizes.csv": SIZES})


NOMINAL = """
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OrdinalEncoder
from sklearn.{mod} import {cls}
df = pd.read_csv("pets.csv")
prep = ColumnTransformer([("c", OrdinalEncoder(), ["breed", "colour"])], remainder="passthrough")
Pipeline([("p", prep), ("m", {cls}())]).fit(df[["breed", "colour", "age"]], df["adopted"])
"""


def test_ordinal_codes_for_nominal_columns_of_a_column_transformer():
    assert has(
        {"m.py": NOMINAL.replace("{mod}", "linear_model").replace("{cls}", "LogisticRegression")}, "ordinal-nominal"
    )
    trees = NOMINAL.replace("{mod}", "ensemble").replace("{cls}", "HistGradientBoostingClassifier")
    assert not has({"m.py": trees}, "ordinal-nominal")


# ---- unseen categories, multi-valued cells -----------------------------------------------------

VOCAB = """
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
tr, te = pd.read_csv("tr.csv"), pd.read_csv("te.csv")
vocab = {{v: i for i, v in enumerate(sorted(tr["shop"].unique()){start})}}
m = RandomForestClassifier().fit(tr["shop"].map(vocab).to_frame(), tr["y"])
print(m.predict(te["shop"].map(vocab).fillna(0).to_frame()))
"""


def test_unseen_categories_filled_with_a_real_code():
    assert has({"m.py": VOCAB.format(start="")}, "unseen-as-known-code")
    assert not has({"m.py": VOCAB.format(start=", start=1")}, "unseen-as-known-code")


TAGS = table("tags,visits,bought", [f'"{t}",{i},{i % 2}' for i, t in enumerate(["a;b", "b", "a;c", "c;b"] * 10)])
TAG_MODEL = """
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder
df = pd.read_csv("tags.csv")
prep = ColumnTransformer([("t", OneHotEncoder(handle_unknown="ignore"), [{col}])], remainder="passthrough")
make_pipeline(prep, LogisticRegression()).fit(df, df.pop("bought"))
"""


def test_multi_valued_column_one_hot_encoded_whole():
    assert has({"m.py": TAG_MODEL.format(col='"tags"')}, "multi-valued-category", {"tags.csv": TAGS})
    plain = TAGS.replace("a;b", "a").replace("a;c", "c").replace("c;b", "b")
    assert not has({"m.py": TAG_MODEL.format(col='"tags"')}, "multi-valued-category", {"tags.csv": plain})


# ---- target among the features ---------------------------------------------------------------

SETTINGS = 'LABEL = "returned"\nINPUTS = ["basket_value", "items", "returned"]\n'
USES = """
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from settings import INPUTS, LABEL
orders = pd.read_csv("orders.csv")
RandomForestClassifier().fit(orders[INPUTS], orders[LABEL])
"""


def test_feature_list_from_another_file_holds_the_target():
    assert has({"settings.py": SETTINGS, "fit.py": USES}, "target-in-features")
    clean = SETTINGS.replace(', "returned"]', "]")
    assert not has({"settings.py": clean, "fit.py": USES}, "target-in-features")


def test_columns_computed_from_the_target():
    derived = """
    import pandas as pd
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import cross_val_score
    trips = pd.read_csv("trips.csv")
    trips["fare_per_km"] = trips["fare"] / trips["km"]
    cols = ["km", "passengers", "fare_per_km"]
    print(cross_val_score(Ridge(), trips[cols], trips["fare"]))
    """
    assert has({"m.py": derived}, "target-in-features")
    lagged = derived.replace('trips["fare"] / trips["km"]', 'trips["fare"].shift(1) / trips["km"]')
    assert not has({"m.py": lagged}, "target-in-features")  # yesterday's fare: a legitimate lag feature


def test_raw_column_behind_a_transformed_target():
    code = """
    import numpy as np
    import pandas as pd
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import train_test_split
    sales = pd.read_csv("sales.csv")
    sales["sqrt_units"] = np.sqrt(sales["units"])
    feats = sales.drop(columns=["sqrt_units"{extra}])
    a, b, ya, yb = train_test_split(feats, sales["sqrt_units"])
    Ridge().fit(a, ya)
    """
    assert has({"m.py": code.format(extra="")}, "target-in-features")
    assert not has({"m.py": code.format(extra=', "units"')}, "target-in-features")


def test_case_folded_exclusion_misses_the_target():
    code = """
    import pandas as pd
    from sklearn.ensemble import GradientBoostingClassifier
    df = pd.read_csv("accounts.csv")
    keep = [c for c in df.columns if c.lower() not in ({excl})]
    GradientBoostingClassifier().fit(df[keep], df["Fraud"])
    """
    assert has({"m.py": code.format(excl='"account_no", "label"')}, "target-in-features")
    assert not has({"m.py": code.format(excl='"account_no", "fraud"')}, "target-in-features")


def test_positional_slice_checked_against_the_header():
    code = """
    import pandas as pd
    from sklearn.svm import SVC
    df = pd.read_csv("wells.csv")
    SVC().fit(df.iloc[:, 1:], df["failed"])
    """
    first = table("failed,depth,pressure", [f"{i % 2},{i},{i * 3}" for i in range(30)])
    middle = table("depth,failed,pressure", [f"{i},{i % 2},{i * 3}" for i in range(30)])
    assert not has({"m.py": code}, "target-in-features", {"wells.csv": first})
    assert has({"m.py": code}, "target-in-features", {"wells.csv": middle})


def test_whole_array_the_label_is_sliced_from():
    code = """
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    arr = np.loadtxt("signals.txt")
    X, y = {x}, arr[:, 0]
    LogisticRegression().fit(X, y)
    """
    assert has({"m.py": code.format(x="arr")}, "target-in-features")
    assert not has({"m.py": code.format(x="arr[:, 1:]")}, "target-in-features")


def test_popped_target_is_gone():
    code = """
    import pandas as pd
    from sklearn.ensemble import RandomForestClassifier
    df = pd.read_csv("visits.csv")
    y = df.pop("converted")
    RandomForestClassifier().fit(pd.get_dummies(df), y)
    """
    assert not has({"m.py": code}, "target-in-features")


def test_feature_read_from_a_column_only_filled_after_the_outcome():
    rows = [
        f"{i},{f'2024-0{1 + i % 9}-01' if i % 4 == 0 else ''},{7 + i % 5},{1 if i % 4 == 0 else 0}" for i in range(60)
    ]
    data = {"loans.csv": table("loan,writeoff_date,term,defaulted", rows)}
    code = """
    import pandas as pd
    from sklearn.ensemble import RandomForestClassifier
    loans = pd.read_csv("loans.csv")
    loans["written_off"] = loans["{col}"].notna().astype(int)
    RandomForestClassifier().fit(loans[["term", "written_off"]], loans["defaulted"])
    """
    assert has({"m.py": code.format(col="writeoff_date")}, "target-in-features", data)
    assert not has({"m.py": code.format(col="term")}, "target-in-features", data)


def test_dataset_item_returns_the_label_among_the_inputs():
    code = """
    import pandas as pd
    import torch
    from torch.utils.data import Dataset
    class Rows(Dataset):
        def __init__(self, frame, label):
            self.frame, self.label = frame, label
        def __len__(self):
            return len(self.frame)
        def __getitem__(self, i):
            rec = self.frame.iloc[i]
            return torch.tensor({x}), torch.tensor(rec[self.label])
    ds = Rows(pd.read_csv("meters.csv"), "load_kw")
    """
    assert has({"m.py": code.format(x="rec.to_numpy()")}, "target-in-features")
    assert not has({"m.py": code.format(x="rec.drop(self.label).to_numpy()")}, "target-in-features")


def test_split_of_the_whole_frame_then_dropped_before_fitting():
    code = """
    import pandas as pd
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    df = pd.read_csv("leads.csv")
    a, b, ya, yb = train_test_split(df, df["won"], stratify=df["won"])
    clf = LogisticRegression().fit(a.drop(columns={drop}), ya)
    """
    assert not has({"m.py": code.format(drop='["won"]')}, "target-in-features")
    assert has({"m.py": code.format(drop='["lead_id"]')}, "target-in-features")


# ---- a feature that is non-zero only for the positive class (filled in after the outcome) ------

CLAIMS = """
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

claims = pd.read_csv("claims.csv")
cols = ["amount", "age", "{extra}"]
X_tr, X_te, y_tr, y_te = train_test_split(claims[cols], claims["fraud"], stratify=claims["fraud"], random_state=1)
rf = RandomForestClassifier(n_estimators=200).fit(X_tr, y_tr)
print(roc_auc_score(y_te, rf.predict_proba(X_te)[:, 1]))
"""


def claims_csv(extra_of) -> str:
    rows = []
    for i in range(120):
        fraud = int(i % 6 == 0)
        rows.append(f"{100 + i * 7},{20 + i % 50},{extra_of(i, fraud)},{fraud}")
    return table("amount,age,extra,fraud", rows)


def test_a_column_non_zero_only_for_the_positive_class_is_a_leak():
    """``clawback_paid`` is 0 on every honest claim and positive on every fraudulent one: it is
    recorded after the investigation, so it gives the label away (a zero is "not filled in")."""
    data = {
        "claims.csv": claims_csv(lambda i, fraud: f"{150 + i:.1f}" if fraud else "0.0").replace(
            "extra", "clawback_paid"
        )
    }
    assert has({"m.py": CLAIMS.format(extra="clawback_paid")}, "target-in-features", data)


def test_a_column_with_zeros_unrelated_to_the_label_is_not():
    data = {
        "claims.csv": claims_csv(lambda i, fraud: "0" if i % 3 else str(i % 7 + 1)).replace("extra", "prior_claims")
    }
    assert not has({"m.py": CLAIMS.format(extra="prior_claims")}, "target-in-features", data)


# ---- the target series itself grouped by a key, over train and test stacked ---------------------

GROUPED_HELPER = """
import pandas as pd

def encode(fit_part, score_part, key, label):
    pool = {pool}
    y = pool[label]
    means = y.groupby(pool[key]).mean()
    fit_part[key + "_enc"] = fit_part[key].map(means)
    score_part[key + "_enc"] = score_part[key].map(means).fillna(y.mean())
    return fit_part, score_part
"""
GROUPED_MAIN = """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from helpers import encode

shops = pd.read_csv("shops.csv")
train, test = train_test_split(shops, test_size=0.2, random_state=0)
train, test = encode(train, test, "region", "returned")
clf = LogisticRegression().fit(train[["region_enc", "basket"]], train["returned"])
print(clf.score(test[["region_enc", "basket"]], test["returned"]))
"""


def test_a_target_grouped_over_train_and_test_stacked_in_a_helper_is_a_leak():
    files = {"helpers.py": GROUPED_HELPER.format(pool="pd.concat([fit_part, score_part])"), "main.py": GROUPED_MAIN}
    assert has(files, "fit-on-train-and-test")


def test_the_same_helper_grouping_only_the_training_target_is_clean():
    files = {"helpers.py": GROUPED_HELPER.format(pool="fit_part"), "main.py": GROUPED_MAIN}
    assert not {r for c, r in rules(files) if c == "DATA_LEAKAGE"}
