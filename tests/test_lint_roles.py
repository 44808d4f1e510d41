"""Roles from use, not names: a file read on its own, only predicted on and scored by a model
fitted on another file, is the test set whatever its variable is called."""

from __future__ import annotations

import textwrap

from mle_env.agents.detectors import detect


def rules(code: str) -> set[str]:
    return {f.rule for f in detect(textwrap.dedent(code), "t.py")}


SCORED = """
    import numpy as np
    import pandas as pd
    from sklearn.svm import SVR
    from sklearn.metrics import mean_squared_error

    cols = ["cement", "water", "age_days"]
    lab = pd.read_csv("mixes_lab.csv")
    site = pd.read_csv("mixes_site.csv")

    mu, sigma = lab[cols].mean(), lab[cols].std()
    lab_z = (lab[cols] - mu) / sigma
    site_z = (site[cols] - {site_stats}) / site[cols].std()

    svr = SVR(C=30.0).fit(lab_z, lab["strength"])
    print(np.sqrt(mean_squared_error(site["strength"], svr.predict(site_z))))
"""


def test_a_neutrally_named_test_file_scaled_with_its_own_statistics_is_found():
    assert "test-stats-scaling" in rules(SCORED.format(site_stats="site[cols].mean()"))


def test_the_same_file_scaled_with_the_training_statistics_is_clean():
    code = SCORED.format(site_stats="mu").replace("site[cols].std()", "sigma")
    assert not {r for r in rules(code) if "scaling" in r}


def test_an_imputer_fitted_on_a_neutrally_named_scored_file_is_fit_on_test():
    code = """
        import pandas as pd
        from sklearn.impute import SimpleImputer
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import roc_auc_score

        X_cols = ["age", "income", "tenure"]
        january = pd.read_csv("jan.csv")
        february = pd.read_csv("feb.csv")
        imp = SimpleImputer().fit(january[X_cols])
        clf = LogisticRegression().fit(imp.transform(january[X_cols]), january["churned"])
        feb_X = SimpleImputer().fit_transform(february[X_cols])
        print(roc_auc_score(february["churned"], clf.predict_proba(feb_X)[:, 1]))
    """
    assert "fit-on-test" in rules(code)


def test_predictions_that_are_never_scored_do_not_make_a_test_set():
    """An inference script: new rows are predicted and written out, nothing is evaluated, so the
    rows it reads are not a test set and test-only rules stay quiet."""
    code = """
        import pandas as pd
        from sklearn.impute import SimpleImputer
        from sklearn.linear_model import LogisticRegression

        X_cols = ["age", "income", "tenure"]
        january = pd.read_csv("jan.csv")
        february = pd.read_csv("feb.csv")
        clf = LogisticRegression().fit(january[X_cols].fillna(0), january["churned"])
        feb_X = SimpleImputer().fit_transform(february[X_cols])
        pd.DataFrame({"p": clf.predict_proba(feb_X)[:, 1]}).to_csv("scores.csv")
    """
    assert "fit-on-test" not in rules(code)


def test_a_file_the_model_also_learns_from_is_not_a_test_set():
    code = """
        import pandas as pd
        from sklearn.impute import SimpleImputer
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import accuracy_score

        X_cols = ["age", "income"]
        old = pd.read_csv("old.csv")
        new = pd.read_csv("new.csv")
        new_X = SimpleImputer().fit_transform(new[X_cols])
        clf = LogisticRegression().fit(old[X_cols], old["y"])
        print(accuracy_score(new["y"], clf.predict(new_X)))
        clf2 = LogisticRegression().fit(new_X, new["y"])
    """
    assert "fit-on-test" not in rules(code)


def test_test_rows_filled_with_training_medians_stay_test_rows():
    """``X_test.fillna(X_train.median())`` is still the test rows: a scaler then fitted on it alone
    is a refit on the test rows (SCALING_ERROR), not a fit on train and test together."""
    code = """
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.preprocessing import StandardScaler
        from sklearn.neighbors import KNeighborsClassifier
        from sklearn.metrics import f1_score

        df = pd.read_csv("visits.csv")
        X_tr, X_te, y_tr, y_te = train_test_split(df[["a", "b"]], df["y"], test_size=0.3, random_state=0)
        fill = X_tr.median()
        X_tr, X_te = X_tr.fillna(fill), X_te.fillna(fill)
        sc_train = StandardScaler()
        A = sc_train.fit_transform(X_tr)
        sc_eval = StandardScaler()
        B = sc_eval.fit_transform(X_te)
        knn = KNeighborsClassifier().fit(A, y_tr)
        print(f1_score(y_te, knn.predict(B)))
    """
    found = rules(code)
    assert "fit-on-train-and-test" not in found
    assert "scaler-refit-on-test" in found


REFIT = """
    import pandas as pd
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.metrics import roc_auc_score

    fit_rows = pd.read_csv("a.csv")
    tune_rows = pd.read_csv("b.csv")
    final_rows = pd.read_csv("c.csv")
    X_train, y_train = fit_rows.drop(columns="y"), fit_rows["y"]
    X_valid, y_valid = tune_rows.drop(columns="y"), tune_rows["y"]
    X_test, y_test = final_rows.drop(columns="y"), final_rows["y"]
    model = GradientBoostingClassifier().fit(X_train, y_train)
    print(roc_auc_score(y_valid, model.predict_proba(X_valid)[:, 1]))
    both_X = pd.concat([X_train, {second}])
    both_y = pd.concat([y_train, {second_y}])
    final = GradientBoostingClassifier().fit(both_X, both_y)
    print(roc_auc_score(y_test, final.predict_proba(X_test)[:, 1]))
"""


def test_a_refit_on_train_and_validation_scored_on_a_separate_test_file_is_clean():
    assert "model-fit-on-test" not in rules(REFIT.format(second="X_valid", second_y="y_valid"))


def test_a_refit_that_stacks_in_the_test_rows_it_is_scored_on_is_found():
    assert "model-fit-on-test" in rules(REFIT.format(second="X_test", second_y="y_test"))


def test_a_booster_trained_functionally_is_a_model_and_its_held_out_score_is_not_on_train():
    """``lgb.train(params, lgb.Dataset(...))`` fits a model; predicting the valr part is a held-out
    score, so no "scored on the training rows" finding."""
    code = """
        import lightgbm as lgb
        import pandas as pd
        from sklearn.metrics import mean_absolute_error

        sales = pd.read_csv("sales.csv", parse_dates=["day"])
        cut = pd.Timestamp("2021-06-01")
        trn = sales[sales["day"] < cut]
        val = sales[sales["day"] >= cut]
        cols = ["store", "promo", "dow"]
        booster = lgb.train({"objective": "l1"}, lgb.Dataset(trn[cols], trn["units"]), num_boost_round=200)
        print(mean_absolute_error(val["units"], booster.predict(val[cols])))
    """
    assert "eval-on-train" not in rules(code)
