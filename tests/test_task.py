"""The task format: loading reference-format files unchanged, and naming every fault by JSON path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mle_env.errors import TaskError
from mle_env.task import encode_binary, load_task, parse_rubric_text, task_schema, validate_data, validate_file
from mle_env.task.files import MAX_FILE_BYTES

BROKEN = Path(__file__).parent / "data" / "broken"
TASKS = Path(__file__).parents[1] / "tasks"

# file → (JSON path the report must name, a word from the message)
EXPECTED = {
    "missing_task_id.json": ("$.task_id", "missing"),
    "prompt_wrong_type.json": ("$.prompt", "list"),
    "prompt_part_missing_content.json": ("$.prompt[0].content", "missing"),
    "max_turns_string.json": ("$.max_turns", "integer"),
    "rubric_weight_not_int.json": ("$.rubrics[0].weight", "integer"),
    "rubric_text_bad_line.json": ("$.rubric_text line 2", "points"),
    "rubric_text_short_line.json": ("$.rubric_text line 2", "expected"),
    "rubrics_disagree_weight.json": ("$.rubrics[0].weight", "line 1 says +5"),
    "rubrics_disagree_name.json": ("$.rubrics[1].name", "'NO_FILE'"),
    "rubrics_disagree_count.json": ("$.rubrics", "2 criteria"),
    "file_absolute.json": ("$.task_files['/etc/passwd']", "absolute"),
    "file_dotdot.json": ("$.task_files['src/../../escape.py']", ".."),
    "file_collision.json": ("$.task_files['src//a.py']", "collides"),
    "file_is_also_dir.json": ("$.task_files['data/train.csv']", "directory"),
    "file_bad_base64.json": ("$.task_files['data/x.parquet']", "base64"),
    "file_not_utf8.json": ("$.task_files['data/x.txt']", "UTF-8"),
    "task_dir_relative.json": ("$.task_dir", "absolute"),
    "ext_unknown_key.json": ("$.mle_env.expected_error_type", "unknown key"),
    "ext_bad_error_code.json": ("$.mle_env.expected_error_types[0]", "DATA_LEAKAGE"),
    "ext_bug_location_bad_lines.json": ("$.mle_env.bug_locations[0].lines", "1..2"),
    "ext_bug_location_unknown_file.json": ("$.mle_env.bug_locations[0].file", "not one of the task_files"),
    "ext_bug_location_wrong_function.json": ("$.mle_env.bug_locations[0].function", "not inside 'main' (lines 8-9"),
    "ext_solution_wrong_code.json": ("$.mle_env.solution['response/report.json']", "'NONE'"),
    "ext_check_unknown_criterion.json": ("$.mle_env.checks[0].criterion", "no criterion"),
    "ext_total_points_wrong.json": ("$.mle_env.total_points", "add to 8"),
    "not_json.json": ("$", "not valid JSON"),
    "not_an_object.json": ("$", "JSON object"),
}


def test_every_broken_file_is_covered():
    assert sorted(EXPECTED) == sorted(p.name for p in BROKEN.glob("*.json"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_task_names_its_fault(name):
    path, word = EXPECTED[name]
    _, problems = validate_file(BROKEN / name)
    errors = [p for p in problems if p.severity == "error"]
    assert any(p.path == path and word in p.message for p in errors), [str(p) for p in problems]
    with pytest.raises(TaskError) as exc:
        load_task(BROKEN / name)
    assert path in str(exc.value)


def test_cli_validate_task_reports_each_fault_and_fails():
    res = subprocess.run(
        [sys.executable, "-m", "mle_env.cli", "validate-task", *sorted(str(p) for p in BROKEN.glob("*.json"))],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 1
    for name, (path, _) in EXPECTED.items():
        block = res.stdout.split(name, 1)[1]
        assert path in block.split("FAIL", 1)[0], (name, path)
    assert f"0 of {len(EXPECTED)} task file(s) valid" in res.stdout


def test_all_problems_reported_in_one_pass():
    data = json.loads((BROKEN / "rubric_weight_not_int.json").read_text())
    data["task_files"] = {"/abs": "x"}
    data["max_turns"] = 0
    _, problems = validate_data(data)
    paths = {p.path for p in problems}
    assert {"$.rubrics[0].weight", "$.max_turns", "$.task_files['/abs']"} <= paths


def test_oversized_file_is_refused(tmp_path):
    data = json.loads((BROKEN / "missing_task_id.json").read_text())
    data["task_id"] = "big"
    data["task_files"] = {"data/big.csv": "a" * (MAX_FILE_BYTES + 1)}
    _, problems = validate_data(data)
    assert any(p.path == "$.task_files['data/big.csv']" and "limit" in p.message for p in problems)


def test_reference_task_round_trips_unchanged():
    """Unknown keys (the reference's mcp_ports, anything else) survive load → dump."""
    data = json.loads((BROKEN / "missing_task_id.json").read_text())
    data.update(task_id="rt", mcp_ports=[8080], something_new={"nested": [1, 2]})
    data["rubrics"][0]["extra_field"] = "kept"
    task, problems = validate_data(data)
    assert task is not None and not [p for p in problems if p.severity == "error"]
    assert task.to_json_dict() == data
    assert task.prompt_text == "Find the bug."
    assert task.task_dir == "/app" and task.max_turns == 50


def test_defaults_for_minimal_reference_task():
    task, _ = validate_data({"task_id": "m", "prompt": [{"type": "text", "content": "a"}, {"type": "text", "content": "b"}]})
    assert task is not None
    assert (task.task_dir, task.max_turns, task.use_docker) == ("/app", 50, False)
    assert task.prompt_text == "a\nb"


def test_rubric_text_forms():
    text = "# heading\n\n+5|`NO_FILE`|File exists at `../tasking/response/report.json`|j\n-3 |PENALTY| Invents a bug |a|b\nnotes"
    crits, problems = parse_rubric_text(text)
    assert [(c.points, c.type, c.line) for c in crits] == [(5, "NO_FILE", 3), (-3, "PENALTY", 4)]
    assert crits[1].criterion == "Invents a bug" and crits[1].justification == "a|b"
    assert [(p.path, p.severity) for p in problems] == [("$.rubric_text line 5", "warning")]


def test_binary_task_file_round_trip(tmp_path):
    from mle_env.task import materialize

    blob = bytes(range(256)) * 3
    materialize({"data/x.bin": encode_binary(blob), "src/a.py": "print('é')\n"}, tmp_path)
    assert (tmp_path / "data/x.bin").read_bytes() == blob
    assert (tmp_path / "src/a.py").read_text(encoding="utf-8") == "print('é')\n"


def test_schema_describes_reference_fields_and_extensions():
    schema = task_schema()
    assert {"task_id", "prompt", "rubrics", "rubric_text", "task_files", "task_dir", "max_turns"} <= set(schema["properties"])
    assert "Extensions" in schema["$defs"]
    out = subprocess.run([sys.executable, "-m", "mle_env.cli", "schema"], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["title"] == "mle-env task"


def test_bundled_tasks_are_valid():
    paths = sorted(TASKS.glob("*.json"))
    assert paths, "the repository ships at least one task"
    for p in paths:
        task, problems = validate_file(p)
        assert task is not None and not [x for x in problems if x.severity == "error"], (p, problems)


def test_check_arguments_are_validated_by_kind_with_their_json_paths():
    """A check's arguments are part of the format: a bad one is named at load, not a grader crash later."""
    import json as _json
    from pathlib import Path as _Path

    from mle_env.task import validate_data as _validate

    data = _json.loads((_Path(__file__).parents[1] / "tasks" / "biopsy-response-classifier.json").read_text())
    checks = data["mle_env"]["checks"]
    checks[0] = {**checks[0], "args": {**checks[0]["args"], "workspace": "/"}}
    checks.append({"criterion_index": 0, "check": "revised_code_runs", "args": {"stdout_pattern": "(", "timeout": 0}})
    checks.append({"criterion_index": 0, "check": "error_type_equals", "args": {"expected": ["LEAK"]}})
    checks.append({"criterion_index": 0, "check": "locations_overlap", "args": {"file": "src/train.py", "lines": [9, 3]}})
    n = len(checks)
    got = {p.path: p.message for p in _validate(data)[1] if ".args" in p.path}
    assert got["$.mle_env.checks[0].args.workspace"] == "unknown argument for this check kind"
    assert "greater than 0" in got[f"$.mle_env.checks[{n - 3}].args.timeout"]
    assert "not a valid regular expression" in got[f"$.mle_env.checks[{n - 3}].args.stdout_pattern"]
    assert f"$.mle_env.checks[{n - 2}].args.expected[0]" in got
    assert "is not a range" in got[f"$.mle_env.checks[{n - 1}].args.lines"]


# ---------------------------------------------------------------- hostile JSON: depth, lone surrogates


def _task_with(path: Path, tail: str) -> Path:
    """The bundled example with ``tail`` (raw JSON text) as the value of its ``mle_env.deep`` key."""
    text = json.dumps(json.loads((TASKS / "biopsy-response-classifier.json").read_text()), separators=(",", ":"))
    assert text.endswith("}}")  # ... "mle_env": {...}}: its last key
    path.write_text(text[:-2] + ', "deep": ' + tail + "}}")
    return path


@pytest.mark.parametrize("depth", [70, 300, 5_000, 100_000])
def test_a_deeply_nested_task_is_a_problem_at_its_json_path_not_a_recursion_error(tmp_path, depth):
    path = _task_with(tmp_path / "deep.json", "[" * depth + "]" * depth)
    task, problems = validate_file(path)
    assert task is None and len(problems) == 1
    assert problems[0].path == "$.mle_env.deep" + "[0]" * 62 and problems[0].message == "nested deeper than 64 levels"
    with pytest.raises(TaskError, match=r"\$\.mle_env\.deep\[0\].*: nested deeper than 64 levels"):
        load_task(path)


def test_validate_task_reports_deep_nesting_and_lone_surrogates_without_a_traceback(tmp_path):
    deep = _task_with(tmp_path / "deep.json", "[" * 100_000 + "]" * 100_000)
    data = json.loads((TASKS / "biopsy-response-classifier.json").read_text())
    data["task_files"]["src/note.txt"] = "broken \ud800 text"
    (tmp_path / "surrogate.json").write_text(json.dumps(data))  # json.dumps writes the escape \ud800
    res = subprocess.run([sys.executable, "-m", "mle_env.cli", "validate-task", str(deep), str(tmp_path / "surrogate.json")],
                         capture_output=True, text=True, timeout=60)  # fmt: skip
    assert res.returncode == 1 and "Traceback" not in res.stderr + res.stdout, res.stderr
    assert "error: $.mle_env.deep[0][0]" in res.stdout and "nested deeper than 64 levels" in res.stdout
    assert "error: $.task_files['src/note.txt']: holds a lone surrogate (\\ud800)" in res.stdout
    assert "0 of 2 task file(s) valid" in res.stdout


def test_decoded_data_is_bounded_too():
    """A caller that decoded the JSON itself (the API, an environment) gets the same problems."""
    data = json.loads((TASKS / "biopsy-response-classifier.json").read_text())
    nested: list = []
    for _ in range(300):  # deeper than pydantic's own recursion guard
        nested = [nested]
    data["mle_env"]["checks"][0]["args"]["deep"] = nested
    task, problems = validate_data(data)
    assert task is None and problems[0].path.startswith("$.mle_env.checks[0].args.deep[0]")
    data["mle_env"]["checks"][0]["args"] = {"\udcff": 1}
    task, problems = validate_data(data)
    assert task is None and problems[0].path == "$.mle_env.checks[0].args" and "key" in problems[0].message
    data["mle_env"]["checks"][0]["args"] = {"x": float("nan")}
    assert validate_data(data)[1][0].message == "NaN is not a JSON number"
