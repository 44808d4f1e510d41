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
