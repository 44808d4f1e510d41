"""`mle-env import`: the mle_env block of a reference-format task, drafted from its rubric."""

from __future__ import annotations

import argparse
import copy
import json
import re
from pathlib import Path

import pytest

from mle_env.cli.importer import add_import_command, cmd_import
from mle_env.errors import RunError
from mle_env.grading import grade
from mle_env.sandbox import make_config
from mle_env.task import find_tasks, load_task, validate_data
from mle_env.task.importer import draft_extension

TASKS = Path(__file__).parents[1] / "tasks"
EXAMPLE = TASKS / "biopsy-response-classifier.json"
DRAFTED = ("error_type_equals", "locations_overlap", "locations_empty", "report_json_valid", "file_exists",
           "locations_format", "prose_fields", "report_shape", "standalone_script", "locations_tight",
           "no_change_proposed")  # fmt: skip  (revised_keeps_method: drafted for NONE tasks only, so not compared)
ARGS = ("path", "file", "lines", "expected", "required_keys", "exact_keys", "nonempty", "original", "data_files",
        "max_lines", "must_change", "budget", "revised")  # fmt: skip  # `function`: only where a line asks for it
OTHER_CODES = ["OUTLIER", "SCALING_ERROR", "ENCODING_ERROR", "IMBALANCE", "OVERFITTING", "UNDERFITTING", "NONE"]


@pytest.fixture(scope="module")
def bundled() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def seed(bundled) -> dict:
    """The bundled task as the reference format has it: no mle_env block."""
    data = copy.deepcopy(bundled)
    del data["mle_env"]
    return data


def _draft(data: dict) -> tuple[dict, list[str]]:
    task, problems = validate_data(data)
    assert task is not None and not [p for p in problems if p.severity == "error"], problems
    return draft_extension(task)


def _checks(block: dict) -> dict[int, dict]:
    return {c["criterion_index"]: c for c in block.get("checks", [])}


def _with_rubric_line(data: dict, index: int, text: str) -> dict:
    """``data`` with criterion ``index`` reworded, in rubric_text and rubrics[] alike."""
    lines = data["rubric_text"].splitlines()
    points, ctype, _, why = lines[index].split("|", 3)
    lines[index] = "|".join([points, ctype, text, why])
    data["rubric_text"] = "\n".join(lines)
    data["rubrics"][index]["messages"] = [{"type": "text", "content": text}]
    return data


def test_the_draft_recovers_what_the_rubric_says(seed, bundled):
    block, notes = _draft(seed)
    checks = _checks(block)
    assert block["expected_error_types"] == ["DATA_LEAKAGE"]
    assert checks[0]["check"] == "error_type_equals" and checks[0]["args"]["expected"] == ["DATA_LEAKAGE"]
    assert checks[22]["check"] == "error_type_equals" and checks[22]["args"]["expected"] == OTHER_CODES  # the penalty
    # Localization lines quote src/train.py 42–45 (twice, once naming `preprocess`) and 83–86.
    assert [(checks[i]["args"]["file"], checks[i]["args"]["lines"], checks[i]["args"].get("function")) for i in (3, 4, 5)] == [
        ("src/train.py", [42, 45], None), ("src/train.py", [42, 45], "preprocess"), ("src/train.py", [83, 86], None)]
    assert block["bug_locations"] == bundled["mle_env"]["bug_locations"]
    assert checks[16]["check"] == "report_json_valid"
    assert checks[16]["args"]["required_keys"] == ["error_type", "locations", "explanation", "proposed_fix"]
    assert checks[16]["args"]["exact_keys"] is True
    runs = checks[13]
    assert runs["check"] == "revised_code_runs" and runs["args"]["command"] == "python response/revised_code.py"
    assert re.search(runs["args"]["stdout_pattern"], "cv_accuracy: 0.81\ntest_accuracy: 0.62\n")
    assert not re.search(runs["args"]["stdout_pattern"], "accuracy 0.62\n")
    assert block["entrypoint"] == "python src/train.py"
    # What needs a person: the hidden verification (criterion 14) and the reference solution.
    assert 14 not in checks and "verify" not in block and "solution" not in block
    assert any(n.startswith("TODO by hand:") and "[14]" in n and "mle_env.verify" in n for n in notes)
    assert any(n.startswith("TODO by hand:") and "mle_env.solution" in n for n in notes)
    # The draft passes the format's own validation.
    task, problems = validate_data({**seed, "mle_env": block})
    assert task is not None and problems == []


def test_every_bundled_task_gets_its_code_and_checks_back():
    """Over the suite, with each mle_env block removed: the code, and every identification, location (file
    and lines), format and file check the task's author wrote by hand is drafted at the same criterion."""
    missed, invented = [], []
    for path in find_tasks(TASKS):
        data = json.loads(path.read_text(encoding="utf-8"))
        ext = data.pop("mle_env")
        block, _ = _draft(data)
        if block.get("expected_error_types") != ext["expected_error_types"]:
            missed.append((path.stem, "expected_error_types", block.get("expected_error_types")))
        drafted = _checks(block)
        for chk in ext["checks"]:
            if chk["check"] not in DRAFTED:
                continue
            got = drafted.get(chk["criterion_index"])
            same = {k: v for k, v in chk["args"].items() if k in ARGS}
            if got is None or got["check"] != chk["check"] or {k: got["args"].get(k) for k in same} != same:
                missed.append((path.stem, chk["criterion_index"], chk["check"], got))
        runs = [c["criterion_index"] for c in ext["checks"] if c["check"] == "revised_code_runs"]
        if [i for i in runs if drafted.get(i, {}).get("check") != "revised_code_runs"]:
            missed.append((path.stem, "revised_code_runs", runs))
        # Nothing the author left to the judge is drafted ("does not blame lines 27–37", "in `revised_code.py` the
        # scaler is fitted … the October run"), but for "that entry gives `function` as `f`", which a check decides.
        by_hand = {c["criterion_index"] for c in ext["checks"]}
        extra = [c for i, c in drafted.items() if i not in by_hand]
        invented += [(path.stem, c) for c in extra if c["check"] != "locations_overlap" or "function" not in c["args"]]
    assert missed == [] and invented == []


async def test_imported_task_no_longer_gives_none_full_marks_offline(seed, bundled, tmp_path):
    """The issue's finding: a seed-format task graded offline gave an agent answering NONE 100 %."""
    project = seed["task_files"]  # the workspace is the agent's /app: the project and response/
    oracle = _workspace(tmp_path / "oracle", {**project, **bundled["mle_env"]["solution"]})
    none = _workspace(tmp_path / "none", {**project,
        "response/report.json": json.dumps({"error_type": "NONE", "locations": [], "explanation": "no error found",
                                            "proposed_fix": "nothing to change"}),
        "response/revised_code.py": seed["task_files"]["src/train.py"],
    })  # fmt: skip
    block, _ = _draft(seed)
    before, _ = validate_data(seed)
    after, _ = validate_data({**seed, "mle_env": block})
    sandbox = make_config("bwrap")
    # Before: only the file-exists lines are decided, so the right answer and NONE cannot be told apart.
    assert (await grade(before, oracle, sandbox=sandbox))["score"] == (await grade(before, none, sandbox=sandbox))["score"]
    right = await grade(after, oracle, sandbox=sandbox)
    wrong = await grade(after, none, sandbox=sandbox)
    offline = lambda ev: ev["score"] / ev["total_possible"]  # noqa: E731 -- ungraded counted as not earned
    assert right["percentage"] == 100.0 and offline(right) > 0.45
    assert wrong["percentage"] < 40 and offline(wrong) < 0.2
    penalty = next(r for r in wrong["results"] if r["index"] == 22)
    assert penalty["passed"] is True and penalty["method"] == "check"


def _workspace(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_no_code_named_means_a_todo_and_no_identification_check(seed):
    data = _with_rubric_line(seed, 0, "`error_type` in `response/report.json` names the right kind of error")
    block, notes = _draft(data)
    assert "expected_error_types" not in block
    assert 0 not in _checks(block)
    assert any(n.startswith("TODO by hand:") and "expected_error_types" in n for n in notes)
    assert validate_data({**data, "mle_env": block})[1] == []


def test_line_numbers_past_the_end_of_the_file_are_refused(seed):
    n = seed["task_files"]["src/train.py"].count("\n")
    data = _with_rubric_line(seed, 3, f"`locations` has an entry for `src/train.py` whose line range overlaps lines {n + 5}–{n + 8}")
    block, notes = _draft(data)
    assert 3 not in _checks(block)
    assert all(loc["lines"][1] <= n for loc in block["bug_locations"])
    assert any(n.startswith("TODO by hand:") and "[3]" in n and "refused" in n for n in notes)


def test_a_terse_reference_style_rubric(seed):
    """Lines as the reference README writes them: bare paths, "claims X", keys without backticks."""
    del seed["rubrics"]
    seed["rubric_text"] = "\n".join([
        "+5|IDENTIFY_ISSUE_TYPE|Identifies the issue as DATA_LEAKAGE|",
        "+5|LOCALIZATION|Points to src/train.py lines 42-45 as where the leak happens|",
        "+4|LOCALIZATION|Points to lines 83-86 as the call site|",
        "+3|FORMAT|response/report.json has keys error_type, locations, explanation and proposed_fix.|",
        "+4|FIX_IMPLEMENTATION|The revised code runs without errors and prints test_accuracy|",
        "+5|NO_FILE|File exists at /app/response/report.json|",
        "-5|PENALTY|Claims the error is OVERFITTING|",
        "-5|PENALTY|Claims there is no error (NONE)|",
        "+2|LOCALIZATION|Does not blame src/train.py lines 20-25 (loading)|",
    ])  # fmt: skip
    block, notes = _draft(seed)
    checks = _checks(block)
    assert checks[0]["args"]["expected"] == ["DATA_LEAKAGE"]
    assert checks[1]["args"] == {"path": "response/report.json", "file": "src/train.py", "lines": [42, 45]}
    assert 2 not in checks and any("[2]" in n and "names no file" in n for n in notes)  # no file: not guessed
    assert checks[3]["args"]["required_keys"] == ["error_type", "locations", "explanation", "proposed_fix"]
    assert checks[3]["args"]["exact_keys"] is False
    assert checks[4]["args"]["path"] == "response/revised_code.py"  # from the prompt's deliverables
    assert re.search(checks[4]["args"]["stdout_pattern"], "test_accuracy: 0.6")
    assert checks[5] == {"criterion_index": 5, "check": "file_exists", "args": {"path": "response/report.json"}}
    assert checks[6]["args"]["expected"] == ["OVERFITTING"] and checks[7]["args"]["expected"] == ["NONE"]
    assert 8 not in checks and block["bug_locations"] == [{"file": "src/train.py", "lines": [42, 45], "function": "preprocess"}]
    assert any("[8]" in n and "must not be blamed" in n for n in notes)
    assert validate_data({**seed, "mle_env": block})[1] == []


def test_a_penalty_that_contradicts_the_expected_code_is_not_drafted(seed):
    data = _with_rubric_line(seed, 22, "`error_type` is DATA_LEAKAGE or OVERFITTING")
    block, notes = _draft(data)
    assert 22 not in _checks(block)
    assert any("[22]" in n and "contradicts" in n for n in notes)


def _args(task: Path, *flags: str) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="mle-env")
    add_import_command(ap.add_subparsers(dest="cmd"))
    return ap.parse_args(["import", str(task), *flags])


def test_cli_writes_the_draft_beside_the_task_and_never_overwrites(seed, tmp_path, capsys):
    src = tmp_path / "biopsy.json"
    src.write_text(json.dumps(seed, indent=1), encoding="utf-8")
    assert cmd_import(_args(src)) == 0
    out = capsys.readouterr().out
    written = tmp_path / "biopsy.imported.json"
    assert f"wrote {written}" in out and "TODO by hand:" in out
    assert re.search(r"^identification\s+3\s+0 → 1\s+2\s+0 → 8 of 15$", out, re.M)
    assert re.search(r"^localization\s+4\s+0 → 4\s+0\s+0 → 20 of 20$", out, re.M)
    assert re.search(r"^format\s+3\s+0 → 3\s+0\s+0 → 8 of 8$", out, re.M)
    total = re.search(r"^total\s+22\s+(\d+) → (\d+)\s+\d+\s+(\d+) → (\d+) of 93$", out, re.M)
    assert total and int(total[4]) - int(total[3]) == 8 + 20 + 4 + 8  # code, locations (tight too), runs, format
    data = json.loads(written.read_text(encoding="utf-8"))
    assert list(data)[:-1] == list(seed) and list(data)[-1] == "mle_env"  # the task as given, plus the block
    assert load_task(written).ext.expected_error_types == ["DATA_LEAKAGE"]

    written.write_text("keep me", encoding="utf-8")
    with pytest.raises(RunError, match="exists; use --force"):
        cmd_import(_args(src))
    assert written.read_text(encoding="utf-8") == "keep me"
    assert cmd_import(_args(src, "--force")) == 0
    other = tmp_path / "elsewhere.json"
    assert cmd_import(_args(src, "-o", str(other))) == 0 and json.loads(other.read_text())["mle_env"]


def test_cli_refuses_a_task_that_has_its_block_already(tmp_path):
    with pytest.raises(RunError, match="already has an mle_env block"):
        cmd_import(_args(EXAMPLE, "-o", str(tmp_path / "x.json")))
    assert not (tmp_path / "x.json").exists()
