"""A task's prompt must not point at its answer (issue 13): the lint flags a deliverables example
that names a project file and a keep-unchanged list that leaves out exactly the bug's component."""

from __future__ import annotations

from pathlib import Path

import pytest

from mle_env.task import Task, find_tasks, load_task
from mle_env.task.prompt_checks import prompt_problems

TASKS = Path(__file__).resolve().parents[1] / "tasks"

DATA_PY = '''import pandas as pd


def load(path):
    return pd.read_csv(path)


def clean_orders(df):
    df = df[(df["distance_km"] > 0) & (df["minutes"] > 0)]
    return df[df["minutes"] < df["minutes"].quantile(0.9)]
'''
TRAIN_PY = '''from sklearn.linear_model import Ridge
from sklearn.model_selection import train_test_split

from data import clean_orders, load


def fit_model(X, y, seed):
    return Ridge(alpha=1.0).fit(X, y)


def main():
    df = clean_orders(load("data/orders.csv"))
    X_tr, X_te, y_tr, y_te = train_test_split(df[["distance_km", "items"]], df["minutes"], random_state=0)
    print("test_mae:", abs(fit_model(X_tr, y_tr, 0).predict(X_te) - y_te).mean())


if __name__ == "__main__":
    main()
'''


def example(file: str = "path/to/file.py") -> str:
    return (
        "**Deliverables**\n\n1. `/app/response/report.json`:\n   ```json\n   {\"error_type\": \"…\", \"locations\": [\n"
        f'     {{"file": "{file}", "lines": [start, end], "function": "name_of_enclosing_function"}}\n   ]}}\n   ```\n'
    )


def prompt(deliverables: str = example(), keep: str = "keep everything that is not part of the error unchanged") -> str:
    return (
        "A courier firm forecasts delivery times. Run it with `python src/train.py`; it prints `test_mae:`.\n\n"
        f"{deliverables}\n2. `/app/response/revised_code.py` — the complete corrected pipeline (a full replacement for "
        f"running `src/train.py`, not a diff). It must run from `/app`, read `data/orders.csv`, {keep}, and print the "
        "same `test_mae:` line.\n\nDo not modify the project's code or anything under `data/`."
    )


def task(text: str, code: str = "OUTLIER") -> Task:
    buggy = code != "NONE"
    return Task.model_validate({
        "task_id": "toy-prompt",
        "prompt": [{"type": "text", "content": text}],
        "task_files": {"src/data.py": DATA_PY, "src/train.py": TRAIN_PY,
                       "data/orders.csv": "order_id,distance_km,items,minutes\n1,2.0,3,20\n"},
        "mle_env": {"expected_error_types": [code],
                    "bug_locations": [{"file": "src/data.py", "lines": [10, 10], "function": "clean_orders"}] if buggy else []},
    })  # fmt: skip


def test_a_clean_prompt_passes():
    assert prompt_problems(task(prompt())) == []
    assert prompt_problems(task(prompt(), code="NONE")) == []


@pytest.mark.parametrize("named", ["src/data.py", "data.py", "src/train.py", "/app/src/data.py", "orders.csv"])
def test_a_deliverables_example_that_names_a_project_file_is_flagged(named):
    problems = prompt_problems(task(prompt(deliverables=example(named))))
    assert len(problems) == 1 and "deliverables example" in problems[0]
    # the file is named: for a bare basename, the project path it stands for
    assert ("orders.csv" if named == "orders.csv" else "src/") in problems[0]
    # NONE tasks too: the example is the same convention for every task
    assert prompt_problems(task(prompt(deliverables=example(named)), code="NONE"))


def test_a_conditional_naming_the_buggy_file_is_flagged():
    text = prompt().replace("not a diff)", "not a diff; if the error is in `src/data.py`, include the corrected logic)")
    (problem,) = prompt_problems(task(text))
    assert "conditional" in problem and "src/data.py" in problem


@pytest.mark.parametrize("keep, kind", [
    # a step list that names everything but the outlier filter, where the bug is
    ("keep everything that is not part of the error unchanged (features, model, alpha, split, seed)", "step"),
    # a file named unchanged in a two-file project whose bug is in the other file
    ("keep everything that is not part of the error unchanged; it may import the unchanged `src/train.py`", "file"),
    # functions and columns listed, the bug's left out
    ("keep `load` and `fit_model` unchanged", "function"),
    ("keep the columns `items` and `order_id` unchanged", "column"),
    ("the model, features and split must stay as they are", "step"),
])  # fmt: skip
def test_a_keep_list_that_leaves_out_the_bug_is_flagged(keep, kind):
    (problem,) = prompt_problems(task(prompt(keep=keep)))
    assert f"clause names {kind}" in problem


@pytest.mark.parametrize("keep", [
    # the bug's step is among those listed: nothing is singled out
    "keep everything that is not part of the error unchanged (features, outlier filtering, model, split, seed)",
    # one step named is a constraint, not a list
    "keep everything that is not part of the error unchanged (a single ridge model)",
    # the bug's file and function are among those named
    "keep `clean_orders` and `fit_model` unchanged",
    "do not modify `src/train.py` or `src/data.py`",
    "keep `distance_km` and `minutes` unchanged",
])  # fmt: skip
def test_a_keep_list_that_names_the_bug_or_no_list_passes(keep):
    assert prompt_problems(task(prompt(keep=keep))) == []


def test_a_keep_list_matters_only_where_there_is_a_bug():
    keep = "keep everything that is not part of the error unchanged (features, model, alpha, split, seed)"
    assert prompt_problems(task(prompt(keep=keep), code="NONE")) == []


def test_a_constraint_in_parentheses_is_read_on_its_own():
    text = prompt().replace("A courier firm", "A courier firm fits a ridge model (it should stay one linear model), "
                                              "splits by order and seeds everything. The firm")  # fmt: skip
    assert prompt_problems(task(text)) == []


@pytest.mark.parametrize("path", find_tasks(TASKS), ids=lambda p: p.stem)
def test_every_bundled_prompt_points_nowhere(path):
    assert prompt_problems(load_task(path)) == []
