"""Static ML-bug detectors (``mle_env.agents.detectors``) and automatic fixes (``autofix``).

Snippets live in ``tests/data/lint``: ``positive/*.py`` start with ``# expect: CODE rule``
(that finding must be reported with confidence >= 0.5 and be the most confident one),
``negative/*.py`` with ``# expect: no CODE`` or ``# expect: clean`` (similar, correct code
that must not be flagged at >= 0.5).
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mle_env.agents.autofix import propose_fix
from mle_env.agents.detectors import Finding, best_guess, detect, detect_project, lint_paths

DATA = Path(__file__).parent / "data" / "lint"
TASK = Path(__file__).parents[1] / "tasks" / "biopsy-response-classifier.json"
POSITIVE = sorted(p.name for p in (DATA / "positive").glob("*.py"))
NEGATIVE = sorted(p.name for p in (DATA / "negative").glob("*.py"))
DETECTOR_OF = {
    "leak": "DATA_LEAKAGE",
    "enc": "ENCODING_ERROR",
    "scale": "SCALING_ERROR",
    "imb": "IMBALANCE",
    "over": "OVERFITTING",
    "under": "UNDERFITTING",
    "out": "OUTLIER",
}


def expectation(path: Path) -> list[str]:
    return path.read_text().splitlines()[0].removeprefix("# expect:").split()


# --- Finding -------------------------------------------------------------------------------


def test_finding_is_frozen_validated_and_formats_as_a_lint_line():
    f = Finding(
        "DATA_LEAKAGE",
        "fit-before-split",
        "src/train.py",
        42,
        45,
        "preprocess",
        "scaler fitted on all rows",
        0.9,
        "split first",
    )
    assert f.format() == "src/train.py:42: DATA_LEAKAGE scaler fitted on all rows"
    assert f.format(rule=True).endswith("[fit-before-split]")
    with pytest.raises(AttributeError):
        f.line = 1  # type: ignore[misc]
    with pytest.raises(ValueError):
        Finding("NONE", "x", "f.py", 1, 1, None, "m", 0.5, "")
    with pytest.raises(ValueError):
        Finding("OUTLIER", "x", "f.py", 1, 1, None, "m", 1.5, "")


# --- each detector: positive and negative snippets -----------------------------------------


def test_every_detector_has_positive_and_negative_snippets():
    # snippet names must never look like test modules, or pytest would import (run) them
    assert not [n for n in POSITIVE + NEGATIVE if n.startswith("test_") or n.endswith("_test.py")]
    for prefix, code in DETECTOR_OF.items():
        assert any(n.startswith(prefix) for n in POSITIVE), code
        neg_codes = {expectation(DATA / "negative" / n)[-1] for n in NEGATIVE}
        assert code in neg_codes or any(n.startswith(prefix) for n in NEGATIVE), code


@pytest.mark.parametrize("name", POSITIVE)
def test_positive_snippet_is_flagged(name):
    path = DATA / "positive" / name
    code, rule = expectation(path)
    findings = detect(path.read_text(), name)
    hits = [f for f in findings if f.code == code and f.rule == rule]
    assert hits, [f.format(rule=True) for f in findings]
    assert max(findings, key=lambda f: f.confidence).code == code, [f.format(rule=True) for f in findings]
    for f in findings:
        assert f.file == name and 1 <= f.line <= f.end_line and f.message and f.fix and 0.5 <= f.confidence <= 1


@pytest.mark.parametrize("name", NEGATIVE)
def test_negative_snippet_is_not_flagged(name):
    path = DATA / "negative" / name
    words = expectation(path)
    findings = detect(path.read_text(), name)
    bad = findings if words[0] == "clean" else [f for f in findings if f.code == words[-1]]
    assert not bad, [f.format(rule=True) for f in bad]


def test_hints_below_half_are_hidden_unless_asked_for():
    src = "from sklearn.tree import DecisionTreeClassifier\nclf = DecisionTreeClassifier(random_state=0)\n"
    assert detect(src, "t.py") == []
    hints = detect(src, "t.py", min_confidence=0.0)
    assert [(f.code, f.rule) for f in hints] == [("OVERFITTING", "unpruned-tree")] and hints[0].confidence < 0.5


def test_locations_name_the_enclosing_function_and_are_sorted():
    src = (DATA / "positive" / "leak_class_method.py").read_text()
    findings = detect(src, "cls.py")
    assert [(f.function, f.line) for f in findings] == [("prepare", 17), ("run", 22)]
    assert findings == sorted(findings, key=lambda f: (f.file, f.line))


def test_leak_through_a_helper_is_reported_in_the_helper_and_at_the_call():
    src = textwrap.dedent("""
        import pandas as pd
        from sklearn.impute import SimpleImputer
        from sklearn.decomposition import PCA
        from sklearn.model_selection import train_test_split, cross_val_score
        from sklearn.ensemble import RandomForestClassifier

        def features(frame):
            filled = SimpleImputer().fit_transform(frame)
            return PCA(n_components=5).fit_transform(filled)

        def evaluate(X, y):
            return cross_val_score(RandomForestClassifier(max_depth=5), X, y, cv=5, scoring="f1").mean()

        def main():
            df = pd.read_csv("d.csv")
            y = df.pop("label")
            Z = features(df)
            print(evaluate(Z, y))

        main()
    """)
    findings = detect(src, "h.py")
    assert {(f.code, f.rule, f.function) for f in findings} == {
        ("DATA_LEAKAGE", "fit-outside-cv", "features"),
        ("DATA_LEAKAGE", "fit-outside-cv", "main"),
    }
    helper = next(f for f in findings if f.function == "features")
    assert (helper.line, helper.end_line) == (9, 10)


# --- the real task ---------------------------------------------------------------------------


def overlaps(f: Finding, loc: dict) -> bool:
    lo, hi = loc["lines"]
    return f.file == loc["file"] and f.line <= hi and f.end_line >= lo


def test_biopsy_task_leak_is_the_top_finding_at_the_true_locations():
    task = json.loads(TASK.read_text())
    truth = task["mle_env"]["bug_locations"]
    findings = detect(task["task_files"]["src/train.py"], "src/train.py")
    ranked = sorted(findings, key=lambda f: -f.confidence)
    top = ranked[0]
    assert top.code == "DATA_LEAKAGE" and top.function == "preprocess"
    assert overlaps(top, next(t for t in truth if t["function"] == "preprocess"))
    main_truth = next(t for t in truth if t["function"] == "main")
    assert any(f.code == "DATA_LEAKAGE" and f.function == "main" and overlaps(f, main_truth) for f in findings)
    assert all(any(overlaps(f, t) for t in truth) for f in findings), "a finding points at unrelated code"
    assert all(f.end_line - f.line < 15 for f in findings)
    assert best_guess(findings)[0] == "DATA_LEAKAGE"


def test_biopsy_task_reference_fix_has_no_leak():
    task = json.loads(TASK.read_text())
    fixed = task["mle_env"]["solution"]["response/revised_code.py"]
    assert [f for f in detect(fixed, "response/revised_code.py", min_confidence=0.0) if f.code == "DATA_LEAKAGE"] == []
    assert detect(fixed, "response/revised_code.py") == []


# --- lint_paths ------------------------------------------------------------------------------


def test_lint_paths_walks_directories_resolves_imports_and_sorts(tmp_path):
    (tmp_path / "proj" / "src").mkdir(parents=True)
    (tmp_path / "proj" / ".venv").mkdir()
    (tmp_path / "proj" / "src" / "features.py").write_text(
        textwrap.dedent("""
        from sklearn.preprocessing import StandardScaler

        def preprocess(X):
            scaler = StandardScaler()
            return scaler.fit_transform(X)
    """)
    )
    (tmp_path / "proj" / "src" / "train.py").write_text(
        textwrap.dedent("""
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.svm import SVC
        from features import preprocess

        def main():
            df = pd.read_csv("data.csv")
            X = preprocess(df.drop(columns="y"))
            X_tr, X_te, y_tr, y_te = train_test_split(X, df["y"], random_state=0)
            print(SVC(C=1e5).fit(X_tr, y_tr).score(X_te, y_te))

        if __name__ == "__main__":
            main()
    """)
    )
    (tmp_path / "proj" / "src" / "broken.py").write_text("def oops(:\n")
    (tmp_path / "proj" / ".venv" / "lib.py").write_text((DATA / "positive" / "over_C.py").read_text())
    findings = lint_paths([tmp_path / "proj"])
    got = [(Path(f.file).name, f.line, f.code, f.function) for f in findings]
    assert got == [
        ("features.py", 5, "DATA_LEAKAGE", "preprocess"),
        ("train.py", 9, "DATA_LEAKAGE", "main"),
        ("train.py", 11, "OVERFITTING", "main"),
    ], got
    assert findings == sorted(findings, key=lambda f: (f.file, f.line))
    one = lint_paths([tmp_path / "proj" / "src" / "features.py"])
    assert one == []  # alone, the helper only fits what it is given
    assert detect_project({"a.py": "x = 1\n", "b.py": "def f(:\n"}) == []


def test_best_guess_picks_one_code_or_none():
    f = lambda code, conf: Finding(code, "r", "a.py", 1, 1, None, "m", conf, "fix")  # noqa: E731
    assert best_guess([]) == ("NONE", [])
    assert best_guess([f("OUTLIER", 0.4)]) == ("NONE", [])
    code, chosen = best_guess([f("OUTLIER", 0.6), f("DATA_LEAKAGE", 0.8), f("DATA_LEAKAGE", 0.55)])
    assert code == "DATA_LEAKAGE" and [c.confidence for c in chosen] == [0.8, 0.55]


# --- autofix ---------------------------------------------------------------------------------

NOT_FIXABLE = {  # no mechanical fix known (helpers, loops, statistics): propose_fix declines
    "leak_stats",
    "leak_gridsearch",
    "leak_manual_slice",
    "leak_class_method",
    "leak_helper_returns_objects",
    "leak_dataframe_wrap",
    "leak_subscript_assign",
    "leak_kfold_loop",
    "leak_fit_then_transform_cv",
    "leak_starred_helper",
    "enc_loop_each",
    "enc_ordinal",
    "scale_helper_refit",
    "scale_target",
    "scale_test_stats",
}
FIXABLE = [n for n in POSITIVE if n.removesuffix(".py") not in NOT_FIXABLE]


@pytest.mark.parametrize("name", FIXABLE)
def test_autofix_removes_the_finding_and_stays_valid_python(name):
    path = DATA / "positive" / name
    code, rule = expectation(path)
    src = path.read_text()
    fixed = propose_fix(src, detect(src, name))
    assert fixed is not None and fixed != src
    ast.parse(fixed)
    assert [f.format(rule=True) for f in detect(fixed, name) if f.code == code] == []


def test_autofix_declines_what_it_cannot_fix_safely():
    assert propose_fix("x = 1\n", []) is None
    assert propose_fix("def broken(:\n", []) is None
    task = json.loads(TASK.read_text())
    src = task["task_files"]["src/train.py"]  # the fit is inside a helper: no mechanical rewrite
    assert propose_fix(src, detect(src, "src/train.py")) is None


LEAKY_SPLIT = '''
"""Responders from a synthetic expression panel (the labels carry no signal at all)."""
import numpy as np
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def make_data(seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(120, 2000)), rng.integers(0, 2, size=120)


def main():
    X, y = make_data()
    scaler = StandardScaler()
    X = scaler.fit_transform(X)  # fitted on every row
    X = SelectKBest(f_classif, k=20).fit_transform(X, y)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.3, stratify=y, random_state=42
    )
    model = LogisticRegression(max_iter=1000).fit(X_train, y_train)
    print(f"score: {accuracy_score(y_test, model.predict(X_test)):.3f}")


if __name__ == "__main__":
    main()
'''
LEAKY_CV = """
import numpy as np
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score

rng = np.random.default_rng(1)
X, y = rng.normal(size=(100, 2000)), rng.integers(0, 2, size=100)
X_sel = SelectKBest(f_classif, k=20).fit_transform(X, y)
scores = cross_val_score(LogisticRegression(max_iter=1000), X_sel, y, cv=5, scoring="roc_auc")
print(f"score: {scores.mean():.3f}")
"""


def test_autofix_leakage_end_to_end(tmp_path):
    """Run the leaky scripts and their fixes: the fixes run and report honest (chance) scores."""
    scripts = {}
    for name, src in (("split", LEAKY_SPLIT), ("cv", LEAKY_CV)):
        findings = detect(src, f"{name}.py")
        assert findings and findings[0].code == "DATA_LEAKAGE"
        fixed = propose_fix(src, findings)
        assert fixed is not None and not [f for f in detect(fixed, f"{name}.py") if f.code == "DATA_LEAKAGE"]
        ast.parse(fixed)
        scripts[f"{name}_leaky"], scripts[f"{name}_fixed"] = src, fixed
    procs = {}
    for name, src in scripts.items():
        (tmp_path / f"{name}.py").write_text(src)
        procs[name] = subprocess.Popen(
            [sys.executable, f"{name}.py"], cwd=tmp_path, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    score = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        score[name] = float(re.search(r"score: ([0-9.]+)", out).group(1))
    for kind in ("split", "cv"):
        assert score[f"{kind}_leaky"] > 0.75, score
        assert score[f"{kind}_fixed"] < score[f"{kind}_leaky"] - 0.2, score
