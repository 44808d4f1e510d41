"""The form checks (grading/form_checks.py): what a good agent writes passes, what a reward-hacking
policy would try fails, and the agent's files never make a check raise."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mle_env.grading.checks import FILE_CHECKS, MAX_LOCATIONS

REPORT = "response/report.json"
SCRIPT = "response/revised_code.py"
BUGS = [{"file": "src/train.py", "lines": [12, 14]}, {"file": "src/train.py", "lines": [30, 31]}]

TRAIN = '''"""Train a classifier on the expression data."""
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from data import load


def preprocess(X):
    scaler = StandardScaler()
    # the leak: the scaler sees every row before the split
    X = scaler.fit_transform(X)
    return X


def evaluate(model, X_test, y_test):
    accuracy = model.score(X_test, y_test)
    print(f"accuracy: {accuracy:.3f}")
    return accuracy


def main():
    X, y = load("data/expression.csv")
    X = preprocess(X)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
    model = LogisticRegression(max_iter=1000)
    model.fit(X_train, y_train)
    evaluate(model, X_test, y_test)
    np.random.seed(0)
    selected = X_train[:, :5]
    print(selected.shape)


if __name__ == "__main__":
    main()
'''
DATA = '''import numpy as np


def load(path):
    raw = np.loadtxt(path, delimiter=",", skiprows=1)
    return raw[:, :-1], raw[:, -1]
'''

LEAKY = "\n".join(TRAIN.splitlines()[9:14]) + "\n"  # preprocess(), which fits the scaler on every row


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """A project as the agent finds it under /app, with an empty response/."""
    (tmp_path / "src").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "response").mkdir()
    (tmp_path / "src" / "train.py").write_text(TRAIN)
    (tmp_path / "src" / "data.py").write_text(DATA)
    (tmp_path / "data" / "expression.csv").write_text("g1,g2,label\n1,2,0\n3,4,1\n")
    return tmp_path


def check(ws: Path, name: str, report: dict | str | None = None, **args) -> tuple[bool, str]:
    """``name`` through FILE_CHECKS (guarded, as grading calls it), after writing ``report``."""
    if report is not None:
        (ws / REPORT).write_text(report if isinstance(report, str) else json.dumps(report))
    passed, reasoning = FILE_CHECKS[name](ws, **{"path": REPORT, **args})
    assert isinstance(passed, bool) and isinstance(reasoning, str)
    return passed, reasoning


GOOD_LOCS = [{"file": "src/train.py", "lines": [11, 14], "function": "preprocess"},
             {"file": "src/train.py", "lines": [25, 26], "function": "main"}]  # fmt: skip


def shotgun(ws: Path) -> list[dict]:
    """One one-line location per line of every project .py file."""
    return [{"file": f"src/{p.name}", "lines": [i, i], "function": "<module>"}
            for p in sorted((ws / "src").glob("*.py")) for i in range(1, len(p.read_text().splitlines()) + 1)]  # fmt: skip


# ---------------------------------------------------------------- locations_format


def test_locations_format_passes_a_good_report(ws):
    assert check(ws, "locations_format", {"locations": GOOD_LOCS}, nonempty=True) == (
        True, "all 2 locations are well formed")  # fmt: skip
    assert check(ws, "locations_format", {"locations": [{"file": "./src/data.py", "lines": [1, 1], "function": ""}]})[0]
    assert check(ws, "locations_format", {"locations": []})[0]  # a NONE answer
    # module-level code: the prompts say to omit `function` or leave it empty
    for entry in ({"file": "src/train.py", "lines": [2, 5]}, {"file": "src/train.py", "lines": [2, 5], "function": None}):
        assert check(ws, "locations_format", {"locations": [entry]})[0]
    assert not check(ws, "locations_format", {"locations": []}, nonempty=True)[0]


@pytest.mark.parametrize(
    ("entry", "why"),
    [
        ({"file": "/app/src/train.py", "lines": [11, 14], "function": "preprocess"}, "not a path relative to /app"),
        ({"file": "src/../src/train.py", "lines": [11, 14], "function": "preprocess"}, "not a path relative"),
        ({"file": "src/model.py", "lines": [1, 2], "function": "fit"}, "names no file of the project"),
        ({"file": "src", "lines": [1, 2], "function": "fit"}, "names no file of the project"),
        ({"file": "src/train\x00.py", "lines": [1, 2], "function": "fit"}, "names no file of the project"),
        ({"file": "", "lines": [1, 2], "function": "fit"}, "not a non-empty string"),
        ({"file": ["src/train.py"], "lines": [1, 2], "function": "fit"}, "not a non-empty string"),
        ({"file": "src/train.py", "lines": [True, True], "function": "preprocess"}, "is not two integers"),
        ({"file": "src/train.py", "lines": [12], "function": "preprocess"}, "is not two integers"),
        ({"file": "src/train.py", "lines": [12, 13, 14], "function": "preprocess"}, "is not two integers"),
        ({"file": "src/train.py", "lines": [14, 11], "function": "preprocess"}, "is not two integers"),
        ({"file": "src/train.py", "lines": [0, 3], "function": "preprocess"}, "is not two integers"),
        ({"file": "src/train.py", "lines": [11.0, 14.0], "function": "preprocess"}, "is not two integers"),
        ({"file": "src/train.py", "lines": "11-14", "function": "preprocess"}, "is not two integers"),
        ({"file": "src/train.py", "lines": [11, 14]}, "is inside `preprocess` but gives no `function`"),
        ({"file": "src/train.py", "lines": [11, 14], "function": None}, "is inside `preprocess` but gives no"),
        ({"file": "src/train.py", "lines": [11, 14], "function": 7}, "function is not a string"),
        ("src/train.py:11-14", "is not an object"),
    ],
)
def test_locations_format_names_the_first_bad_entry(ws, entry, why):
    passed, reasoning = check(ws, "locations_format", {"locations": [GOOD_LOCS[0], entry]})
    assert not passed and reasoning.startswith("locations[1]") and why in reasoning, reasoning


def test_locations_format_refuses_a_shotgun_and_links_out(ws):
    passed, why = check(ws, "locations_format", {"locations": shotgun(ws)})
    assert not passed and f"at most {MAX_LOCATIONS}" in why
    assert check(ws, "locations_format", {"locations": GOOD_LOCS * 4})[0]  # exactly MAX_LOCATIONS is allowed
    os.symlink("/etc/passwd", ws / "src" / "secrets.py")
    passed, why = check(ws, "locations_format", {"locations": [{"file": "src/secrets.py", "lines": [1, 1], "function": "x"}]})
    assert not passed and "names no file" in why


# ---------------------------------------------------------------- locations_tight


def test_locations_tight_passes_precise_locations(ws):
    assert check(ws, "locations_tight", {"locations": GOOD_LOCS}, bugs=BUGS) == (
        True, "all 2 locations are tight and near a bug")  # fmt: skip
    near = [{"file": "/app/src/train.py", "lines": [7, 7]}, {"file": "./src/train.py", "lines": [31, 36]}]
    assert check(ws, "locations_tight", {"locations": near}, bugs=BUGS)[0]  # within 5 lines; /app and ./ allowed
    wide_bug = [{"file": "src/train.py", "lines": [10, 20]}]  # 11 lines: up to 33 may be reported
    assert check(ws, "locations_tight", {"locations": [{"file": "src/train.py", "lines": [1, 30]}]}, bugs=wide_bug)[0]


@pytest.mark.parametrize(
    ("locations", "why"),
    [
        ([], "locations is empty"),
        ([{"file": "src/train.py", "lines": [1, 2000]}], "spans 2000 lines, more than 15"),
        ([{"file": "src/train.py", "lines": [5, 20]}], "spans 16 lines, more than 15"),
        ([GOOD_LOCS[0], {"file": "src/train.py", "lines": [20, 21]}], "locations[1] src/train.py:20-21 is near no bug"),
        ([{"file": "src/data.py", "lines": [12, 14]}], "is near no bug"),
        ([{"file": "response/revised_code.py", "lines": [12, 14]}], "is near no bug"),
        ([{"file": "src/train.py", "lines": [False, True]}], "locations[0] is not a {file, lines"),
        ([{"lines": [12, 14]}], "locations[0] is not a {file, lines"),
        ([["src/train.py", 12, 14]], "locations[0] is not a {file, lines"),
    ],
)
def test_locations_tight_fails_loose_or_irrelevant_entries(ws, locations, why):
    passed, reasoning = check(ws, "locations_tight", {"locations": locations}, bugs=BUGS)
    assert not passed and why in reasoning, reasoning


def test_locations_tight_refuses_the_shotgun(ws):
    passed, why = check(ws, "locations_tight", {"locations": shotgun(ws)}, bugs=BUGS)
    assert not passed and f"at most {MAX_LOCATIONS}" in why
    on_bug = [{"file": "src/train.py", "lines": [i, i]} for i in range(12, 12 + MAX_LOCATIONS + 1)]
    assert not check(ws, "locations_tight", {"locations": on_bug}, bugs=BUGS)[0]  # even each one near the bug


# ---------------------------------------------------------------- prose_fields

EXPLANATION = ("The StandardScaler in preprocess() is fit on the whole matrix before train_test_split runs, "
               "so the test rows' mean and variance leak into training and the held-out accuracy is optimistic.")  # fmt: skip
FIX = ("Split first, then fit the scaler on the training rows only and apply it to both splits:\n"
       "```python\nscaler = StandardScaler().fit(X_train)\nX_train, X_test = scaler.transform(X_train), scaler.transform(X_test)\n```")  # fmt: skip


def test_prose_fields_passes_prose_with_a_short_snippet(ws):
    assert check(ws, "prose_fields", {"explanation": EXPLANATION, "proposed_fix": FIX}) == (
        True, "explanation, proposed_fix are prose")  # fmt: skip
    numbered = "1. Move the split before scaling.\n2. Fit the scaler on X_train only.\n3. Transform X_test with it."
    assert check(ws, "prose_fields", {"explanation": EXPLANATION, "proposed_fix": numbered})[0]
    assert check(ws, "prose_fields", {"why": EXPLANATION}, keys="why")[0]
    quoting = ("Today X = scaler.fit_transform(X) runs on every row of the data:\n"
               "then the split hands the test rows a mean = one they helped to compute;\n"
               "instead fit on X_train, so scaler = StandardScaler().fit(X_train) sees the training rows only.\n"
               "Finally X_test = scaler.transform(X_test) reuses those statistics unchanged.")  # fmt: skip
    assert check(ws, "prose_fields", {"explanation": quoting, "proposed_fix": FIX})[0]  # sentences quoting code


@pytest.mark.parametrize(
    ("explanation", "why"),
    [
        ("Leakage.", "has 1 words; prose needs at least 8"),
        ("", "has 0 words"),
        ("= = = = = = = = = = 1 2 3", "has 0 words"),
        (None, "explanation is missing"),
        (["The scaler is fit before the split."] * 3, "explanation is not a string"),
        ("```python\n" + TRAIN + "```", "explanation holds a 36-line code block"),
        (TRAIN, "explanation is a code dump"),
        ("Here is what the training code runs.\n```\n" + "model.fit(X_train, y_train)\n" * 6 + "```", "is a code dump: 6 of"),
        ("The bug is in preprocess:\n" + LEAKY, "explanation is a code dump"),
        ("X = scaler.fit_transform(X)\nX_train, X_test, y_train, y_test = split(X, y)", "has no sentence"),
        (EXPLANATION + " padding" * 1000, "characters long, past 6000"),
    ],
)
def test_prose_fields_fails_dumps_and_stubs(ws, explanation, why):
    report = {"explanation": explanation, "proposed_fix": FIX} if explanation is not None else {"proposed_fix": FIX}
    passed, reasoning = check(ws, "prose_fields", report)
    assert not passed and why in reasoning, reasoning


def test_prose_fields_checks_every_key(ws):
    passed, why = check(ws, "prose_fields", {"explanation": EXPLANATION, "proposed_fix": "Fix it."})
    assert not passed and why.startswith("proposed_fix has 2 words")


# ---------------------------------------------------------------- standalone_script

FIXED = ("def preprocess(X_train, X_test):\n    scaler = StandardScaler().fit(X_train)\n"
         "    return scaler.transform(X_train), scaler.transform(X_test)\n")  # fmt: skip
REVISED = TRAIN.replace(LEAKY, FIXED)
SCRIPT_ARGS = {"path": SCRIPT, "original": "src/train.py", "data_files": ["data/expression.csv"]}


def script(ws: Path, text: str, **args) -> tuple[bool, str]:
    (ws / SCRIPT).write_text(text)
    return check(ws, "standalone_script", **{**SCRIPT_ARGS, **args})


def test_standalone_script_passes_a_whole_script(ws):
    assert REVISED != TRAIN
    assert script(ws, REVISED) == (True, f"{SCRIPT} is a complete script with an entry point")
    assert script(ws, TRAIN)[0]  # the original copied verbatim is still a complete script
    no_loader = TRAIN.replace("from data import load\n", "").replace('load("data/expression.csv")', "read()")
    assert not script(ws, no_loader)[0]
    reuses = no_loader.replace("import numpy as np\n", "import numpy as np\nfrom src.data import load as read\n")
    assert script(ws, reuses)[0]  # reusing the project's loader is standalone
    named = no_loader.replace("read()", 'read("expression.csv")')
    assert script(ws, named)[0]
    reader = 'def read(name):\n    return open(f"data/{name}.csv")\n\n\ndef main():'
    by_stem = no_loader.replace("read()", 'read("expression")').replace("def main():", reader)
    assert script(ws, by_stem)[0]  # the path built from the file's stem
    assert not script(ws, no_loader.replace("read()", 'read("express")'))[0]
    top_level_call = no_loader.replace('if __name__ == "__main__":\n    main()', "main()")
    assert script(ws, top_level_call, data_files=[])[0]
    assert script(ws, "print('hi')\n", original="src/missing.py", data_files=[])[0]  # no original to compare


def _diff(a: str, b: str) -> str:
    import difflib

    return "".join(difflib.unified_diff(a.splitlines(True), b.splitlines(True), "a/src/train.py", "b/src/train.py"))


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (_diff(TRAIN, REVISED), "is a diff (it has unified-diff headers)"),
        ("\n".join(ln for ln in _diff(TRAIN, REVISED).splitlines() if not ln.startswith(("---", "+++", "@@"))),
         "is a diff: "),
        ("\n".join("+" + ln for ln in REVISED.splitlines()), "is a diff: "),
        (FIXED, "runs nothing"),
        ("from data import load\nX, y = load('expression.csv')\nprint(X.shape)\nmain()\n", "under half of src/train.py's"),
        (REVISED.replace("def main():", "def main()"), "does not parse as Python (SyntaxError"),
        ("x = 1\x00\n", "does not parse as Python"),
        ("(" * 100_000 + ")" * 100_000, "does not parse as Python"),
        (REVISED.replace('if __name__ == "__main__":\n    main()', 'if __name__ == "main":\n    main()'), "runs nothing"),
    ],
)  # fmt: skip
def test_standalone_script_fails_diffs_and_fragments(ws, text, why):
    passed, reasoning = script(ws, text)
    assert not passed and why in reasoning, reasoning


def test_standalone_script_needs_a_real_file_and_no_self_import(ws):
    passed, why = check(ws, "standalone_script", **SCRIPT_ARGS)
    assert not passed and "does not exist" in why
    (ws / "response" / "helpers.py").write_text("def load(p):\n    return p\n")
    self_import = TRAIN.replace("from data import load", "from response.helpers import load").replace(
        '"data/expression.csv"', "PATH")
    assert not script(ws, self_import)[0]  # its own helper module is not the project's loader
    os.symlink("/etc/passwd", ws / (SCRIPT + "x"))
    assert not check(ws, "standalone_script", **{**SCRIPT_ARGS, "path": SCRIPT + "x"})[0]


# ---------------------------------------------------------------- the agent's file cannot make a check raise


@pytest.mark.parametrize("name", ["locations_format", "locations_tight", "prose_fields"])
@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("[" * 100_000 + "]" * 100_000, "nests deeper than"),
        ('{"locations": ' + "[" * 100_000 + "]" * 100_000 + "}", "nests deeper than"),
        ("[]", "is not a JSON object"),
        ('"a string"', "is not a JSON object"),
        ("{not json", "is not valid JSON"),
        ('{"locations": ' + "9" * 5000 + "}", "is not valid JSON"),
        ('{"locations": {"file": "src/train.py"}, "explanation": 7}', ""),
        ('{"locations": [null, 1, "x", []], "explanation": {"a": 1}, "proposed_fix": []}', ""),
    ],
)
def test_hostile_reports_fail_without_raising(ws, name, text, why):
    passed, reasoning = check(ws, name, text, bugs=BUGS)
    assert passed is False and why in reasoning and "could not be checked" not in reasoning, reasoning


def test_a_missing_report_fails_every_report_check(ws):
    for name in ("locations_format", "locations_tight", "prose_fields"):
        passed, why = check(ws, name, bugs=BUGS)
        assert not passed and why == f"{REPORT} does not exist"
