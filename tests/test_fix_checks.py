"""The checks that decide "keeps the rest of the method", "says no change is needed", "no location
blames sound code" and the report's shape without a judge: an honest answer passes, the shortcuts a
reward-hacking policy would take fail (a copy of the original, a rewrite, a blanket location)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_form_checks import BUGS, REPORT, SCRIPT, TRAIN, check, shotgun, ws  # noqa: F401  (ws is a fixture)

from mle_env.grading.checks import FILE_CHECKS

FIXED = TRAIN.replace(
    """    X = preprocess(X)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
""",
    """    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
    scaler = StandardScaler().fit(X_train)
    X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
""",
)
LEAK_BUGS = [{"file": "src/train.py", "lines": [42, 43], "function": "main"}]


def keeps(ws: Path, text: str | None, **args) -> tuple[bool, str]:
    if text is not None:
        (ws / SCRIPT).write_text(text)
    args = {"path": SCRIPT, "original": "src/train.py", "bugs": LEAK_BUGS, **args}
    passed, why = FILE_CHECKS["revised_keeps_method"](ws, **args)
    assert isinstance(passed, bool) and isinstance(why, str)
    return passed, why


def test_a_minimal_fix_keeps_the_method(ws):
    assert FIXED != TRAIN
    passed, why = keeps(ws, FIXED)
    assert passed, why
    assert "keeps" in why
    # comments, blank lines and indentation changes are not changes of method
    assert keeps(ws, "# fixed: split first\n" + FIXED.replace("\n\n\n", "\n\n"))[0]


def test_a_copy_of_the_original_keeps_the_method_by_fixing_nothing(ws):
    passed, why = keeps(ws, TRAIN)
    assert not passed and "unchanged" in why
    # on a task without a bug the same copy is exactly what is asked for
    assert keeps(ws, TRAIN, bugs=[], must_change=False, budget=0)[0]


@pytest.mark.parametrize(
    ("change", "old", "new"),
    [
        ("another model", "model = LogisticRegression(max_iter=1000)", "model = RandomForestClassifier(n_estimators=500)"),
        ("another split", "test_size=0.25, random_state=0)", "test_size=0.1, random_state=7)"),
    ],
)
def test_bundled_changes_outside_the_bug_fail(ws, change, old, new):
    text = FIXED.replace(old, new)
    assert text != FIXED, change
    # one changed line is inside the default budget (an edited print, an inlined import) …
    assert keeps(ws, text)[0]
    # … a rewrite of the method around the fix is not
    rewrite = text.replace("    evaluate(model, X_test, y_test)\n", "    print(model.score(X_test, y_test))\n")
    rewrite = rewrite.replace("    np.random.seed(0)\n", "").replace("    selected = X_train[:, :5]\n", "")
    passed, why = keeps(ws, rewrite)
    assert not passed and "changes or drops" in why, why


def test_a_rewrite_from_scratch_fails_and_a_budget_of_zero_is_strict(ws):
    assert not keeps(ws, "import numpy as np\nprint('accuracy: 0.9')\n")[0]
    passed, why = keeps(ws, FIXED.replace("accuracy: {accuracy:.3f}", "acc={accuracy}"), budget=0)
    assert not passed and "at most 0" in why


def test_keeps_method_fails_without_raising_on_missing_or_odd_files(ws):
    passed, why = keeps(ws, None)
    assert not passed and "does not exist" in why
    assert not keeps(ws, FIXED, original="src/missing.py")[0]
    (ws / SCRIPT).write_bytes(b"\xff\xfe\x00binary")
    assert keeps(ws, None)[0] is False


# ---------------------------------------------------------------- no_change_proposed


def no_change(ws: Path, report: dict, revised: str = TRAIN) -> tuple[bool, str]:
    (ws / SCRIPT).write_text(revised)
    return check(ws, "no_change_proposed", report, revised=SCRIPT, original="src/train.py")


@pytest.mark.parametrize(
    "fix",
    [
        "No change is needed: the scaler is fitted inside the pipeline, so the numbers are honest.",
        "The pipeline should be kept as it is; nothing needs to be changed.",
        "Keep the method unchanged. The estimate is already leak-free.",
        "The code does not need any change.",
    ],
)
def test_saying_no_change_with_the_original_passes(ws, fix):
    assert no_change(ws, {"error_type": "NONE", "locations": [], "proposed_fix": fix})[0]


@pytest.mark.parametrize(
    ("report", "revised", "why"),
    [
        ({"error_type": "DATA_LEAKAGE", "proposed_fix": "No change is needed."}, TRAIN, "a change is implied"),
        ({"error_type": "NONE", "proposed_fix": "Move the scaler after the split."}, TRAIN, "does not say"),
        ({"error_type": "NONE", "proposed_fix": ["No change is needed."]}, TRAIN, "does not say"),
        ({"error_type": "NONE", "proposed_fix": "No change is needed."}, FIXED.replace("max_iter=1000", "C=0.1")
         .replace("    np.random.seed(0)\n", ""), "changes or drops"),
    ],
)
def test_a_change_in_words_or_in_code_fails(ws, report, revised, why):
    passed, reasoning = no_change(ws, report, revised)
    assert not passed and why in reasoning, reasoning


# ---------------------------------------------------------------- locations_avoid

SOUND = [{"file": "src/train.py", "lines": [17, 20]}, {"file": "src/data.py"}]  # evaluate(); the loader, whole


def test_locations_on_the_bug_blame_nothing_sound(ws):
    locs = [{"file": "src/train.py", "lines": [11, 14], "function": "preprocess"}]
    assert check(ws, "locations_avoid", {"locations": locs}, avoid=SOUND)[0]


@pytest.mark.parametrize(
    ("loc", "why"),
    [
        ({"file": "src/train.py", "lines": [19, 19]}, "blames sound code at src/train.py:17-20"),
        ({"file": "./src/train.py", "lines": [1, 53]}, "blames sound code"),  # the whole file covers evaluate()
        ({"file": "/app/src/data.py", "lines": [4, 6]}, "src/data.py (sound as a whole)"),
        ({"file": "src/data.py", "lines": "all"}, "src/data.py (sound as a whole)"),
    ],
)
def test_a_location_on_sound_code_fails(ws, loc, why):
    locs = [{"file": "src/train.py", "lines": [11, 14]}, loc]
    passed, reasoning = check(ws, "locations_avoid", {"locations": locs}, avoid=SOUND)
    assert not passed and why in reasoning, reasoning


def test_avoid_refuses_the_shotgun_and_an_empty_answer(ws):
    assert not check(ws, "locations_avoid", {"locations": shotgun(ws)}, avoid=SOUND)[0]
    passed, why = check(ws, "locations_avoid", {"locations": []}, avoid=SOUND)
    assert not passed and "localises nothing" in why


# ---------------------------------------------------------------- report_shape


@pytest.mark.parametrize(
    ("report", "ok"),
    [
        ({"error_type": "NONE", "locations": []}, True),
        ({"error_type": "OUTLIER", "locations": [{"file": "src/train.py"}]}, True),
        ({"error_type": "outlier", "locations": []}, False),
        ({"error_type": ["NONE"], "locations": []}, False),
        ({"error_type": "NONE", "locations": {}}, False),
        ({"error_type": "NONE"}, False),
    ],
)
def test_report_shape(ws, report, ok):
    assert check(ws, "report_shape", report)[0] is ok


def test_the_new_kinds_load_with_their_arguments_checked(tmp_path):
    """A task that misspells an argument of the new kinds is refused at load, naming the JSON path."""
    from mle_env.errors import TaskError
    from mle_env.task import load_task

    task = json.loads((Path(__file__).parents[1] / "tasks" / "wine-lot-authentication.json").read_text())
    kinds = {c["check"] for c in task["mle_env"]["checks"]}
    assert {"locations_tight", "revised_keeps_method", "locations_format", "prose_fields", "standalone_script"} <= kinds
    bad = next(c for c in task["mle_env"]["checks"] if c["check"] == "revised_keeps_method")
    bad["args"]["orignal"] = bad["args"].pop("original")
    path = tmp_path / "t.json"
    path.write_text(json.dumps(task))
    with pytest.raises(TaskError) as e:
        load_task(path)
    assert "$.mle_env.checks[" in str(e.value) and "orignal" in str(e.value)


def test_avoid_can_also_bound_the_width(ws):
    wide = [{"file": "src/train.py", "lines": [1, 16]}]  # covers the bug, not evaluate() (17-20), 16 lines
    assert check(ws, "locations_avoid", {"locations": wide}, avoid=SOUND)[0]
    passed, why = check(ws, "locations_avoid", {"locations": wide}, avoid=SOUND, max_lines=15)
    assert not passed and "spans more than 15 lines" in why


def test_a_copy_with_new_comments_or_docstrings_still_fixes_nothing(ws):
    dressed = '"""Fixed version."""\n# reviewed\n' + TRAIN.replace('"""Train a classifier on the expression data."""', "")
    passed, why = keeps(ws, dressed)
    assert not passed and "unchanged" in why
    # a one-character fix of a default value is a change (machined-part-qc's fix is C=0.01 -> 1.0)
    assert keeps(ws, TRAIN.replace("max_iter=1000", "max_iter=1001"))[0]


def test_the_original_comes_from_the_task_not_from_the_agents_workspace(ws):
    """An agent that rewrites the project's script to match its revised code does not make the rewrite
    "keep the method": the grader passes the task's files as ``project``, and the checks read those."""
    rewrite = "import numpy as np\nprint('accuracy: 0.99')\n"
    (ws / "src" / "train.py").write_text(rewrite)  # the agent edits the original in its workspace
    assert keeps(ws, rewrite)[0] is False  # identical to the edited file: "fixes nothing"
    project = {"src/train.py": TRAIN, "src/data.py": "import numpy as np\n", "data/expression.csv": "g1,label\n"}
    passed, why = keeps(ws, rewrite, project=project)
    assert not passed and "changes or drops" in why
    assert keeps(ws, FIXED, project=project)[0]
    # and locations are checked against the task's files: a results directory holds only response/
    results = ws.parent / "results"
    (results / "response").mkdir(parents=True)
    (results / REPORT).write_text(json.dumps({"locations": [{"file": "src/train.py", "lines": [11, 14],
                                                             "function": "preprocess"}]}))  # fmt: skip
    assert not FILE_CHECKS["locations_format"](results, path=REPORT)[0]
    assert FILE_CHECKS["locations_format"](results, path=REPORT, project=project)[0]
