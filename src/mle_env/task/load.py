"""Loading and validating task files; every problem is named by its JSON path.

JSON from outside (a task file, an API request) is bounded before it is used: nesting deeper
than ``MAX_JSON_DEPTH`` levels, a string that is no Unicode text (a lone surrogate such as
``"\\ud800"``) and a number JSON does not have (``NaN``, ``Infinity``) are problems at their
JSON path — never a ``RecursionError`` or an encoding error later on.
"""

from __future__ import annotations

import ast
import itertools
import json
import math
import posixpath
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mle_env.errors import Problem, TaskError
from mle_env.task.files import check_files, task_dir_problem
from mle_env.task.model import CHECK_ARGS, Extensions, Task
from mle_env.task.rubric import Criterion, clean_type, parse_rubric_text


MAX_JSON_DEPTH = 64
"""How deeply a task or an API request may nest objects and arrays (a task needs 6 or so)."""

Loc = tuple[str | int, ...]
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{},]', re.DOTALL)
_SURROGATE = re.compile("[\ud800-\udfff]")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def too_deep(text: str, max_depth: int = MAX_JSON_DEPTH) -> Loc | None:
    """Where JSON ``text`` (well-formed or not) first nests deeper than ``max_depth``: the location
    of the container one level too deep, or None. Never recursive, whatever the depth; C speed
    unless the text is too deep."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if max(itertools.accumulate(map(_STEP.__getitem__, brackets)), default=0) <= max_depth:
        return None
    stack: list[list[Any]] = []  # [is_object, current key or index]
    expect_key = False
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok == "{" or tok == "[":
            if len(stack) >= max_depth:
                return tuple("?" if k is None else k for _, k in stack)
            stack.append([tok == "{", None if tok == "{" else 0])
            expect_key = tok == "{"
        elif tok == "}" or tok == "]":
            if stack:
                stack.pop()
            expect_key = False
        elif tok == ",":
            if stack and stack[-1][0]:
                expect_key = True
            elif stack:
                stack[-1][1] += 1
        elif expect_key:  # a string where an object's key goes
            try:
                stack[-1][1] = json.loads(tok)
            except ValueError:
                stack[-1][1] = tok[1:-1]
            expect_key = False
    return ()  # unbalanced in a way the scan above did not follow: too deep all the same


def value_problem(value: Any, max_depth: int = MAX_JSON_DEPTH) -> tuple[Loc, str] | None:
    """The first place in decoded JSON that nests deeper than ``max_depth``, holds a string that
    is no Unicode text (a lone surrogate: it cannot be written as UTF-8), or a number JSON does
    not have; as (location, why), or None. Never recursive."""
    stack: list[tuple[Any, Loc]] = [(value, ())]
    while stack:
        v, loc = stack.pop()
        if isinstance(v, (dict, list)):
            if len(loc) >= max_depth:
                return loc, f"nested deeper than {max_depth} levels"
            items = list(v.items()) if isinstance(v, dict) else list(enumerate(v))
            for k, x in reversed(items):
                if isinstance(k, str) and (m := _SURROGATE.search(k)):
                    return loc, f"the key {k!r} holds {_surrogate(m.group())}"
                stack.append((x, (*loc, k)))
        elif isinstance(v, str):
            if m := _SURROGATE.search(v):
                return loc, f"holds {_surrogate(m.group())}"
        elif isinstance(v, float) and not math.isfinite(v):
            return loc, f"{json.dumps(v)} is not a JSON number"
    return None


def _surrogate(ch: str) -> str:
    return f"a lone surrogate (\\u{ord(ch):04x}): not a character, it cannot be written as UTF-8"


def parse_json(text: str, max_depth: int = MAX_JSON_DEPTH) -> tuple[Any, Problem | None]:
    """Decode JSON from outside: ``(data, None)``, or ``(None, problem)`` naming where it is too deep,
    not text, or not JSON. Never raises for any input text."""
    loc = too_deep(text, max_depth)
    if loc is not None:
        return None, Problem(json_path(loc), f"nested deeper than {max_depth} levels")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        return None, Problem("$", f"not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}")
    except (ValueError, RecursionError) as e:  # a 5,000-digit number
        return None, Problem("$", f"not valid JSON: {e}")
    found = value_problem(data, max_depth)
    if found is not None:
        return None, Problem(json_path(found[0]), found[1])
    return data, None


def json_path(loc: tuple[Any, ...]) -> str:
    out = "$"
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", str(part)):
            out += f".{part}"
        else:
            out += f"[{str(part)!r}]"
    return out


def _pydantic_problems(err: ValidationError) -> list[Problem]:
    problems = []
    for e in err.errors():
        loc = tuple(p for p in e["loc"] if p not in ("list[ContentPart]", "str", "function-after[check(), str]"))
        msg = e["msg"]
        if e["type"] == "missing":
            msg = "required field is missing"
        elif e["type"] == "extra_forbidden":
            msg = "unknown key in the mle_env extensions"
        problems.append(Problem(json_path(loc), msg))
    # A union (prompt: list | str) reports once per branch; keep one message per path.
    unique: dict[str, Problem] = {}
    for p in problems:
        unique.setdefault(p.path, p)
    return list(unique.values())


def rubric_problems(task: Task) -> tuple[list[Criterion], list[Problem]]:
    """Parse rubric_text and check it against rubrics[] where both are present."""
    criteria, problems = parse_rubric_text(task.rubric_text)
    if task.rubric_text.strip() and task.rubrics:
        if len(criteria) != len(task.rubrics):
            problems.append(
                Problem(
                    "$.rubrics",
                    f"rubrics[] has {len(task.rubrics)} entries but $.rubric_text has {len(criteria)} criteria",
                )
            )
        for i, (c, r) in enumerate(zip(criteria, task.rubrics)):
            if clean_type(r.name) != c.type:
                problems.append(
                    Problem(f"$.rubrics[{i}].name", f"is {r.name!r} but $.rubric_text line {c.line} says {c.type!r}")
                )
            if r.weight != c.points:
                problems.append(
                    Problem(f"$.rubrics[{i}].weight", f"is {r.weight} but $.rubric_text line {c.line} says {c.points:+d}")
                )
    if not task.rubric_text.strip() and not task.rubrics:
        problems.append(Problem("$.rubric_text", "the task has no rubric (neither rubric_text nor rubrics[])", "warning"))
    return criteria, problems


def _extension_problems(task: Task, criteria: list[Criterion]) -> list[Problem]:
    ext = task.mle_env
    if ext is None:
        return []
    problems: list[Problem] = []
    files = {posixpath.normpath(k): v for k, v in task.task_files.items()}
    for i, loc in enumerate(ext.bug_locations):
        at = f"$.mle_env.bug_locations[{i}]"
        norm = posixpath.normpath(loc.file)
        if norm not in files:
            problems.append(Problem(f"{at}.file", f"{loc.file!r} is not one of the task_files"))
            continue
        if loc.lines is not None:
            lo, hi = loc.lines
            n = files[norm].count("\n") + (0 if files[norm].endswith("\n") else 1)
            if not (1 <= lo <= hi <= n):
                problems.append(Problem(f"{at}.lines", f"[{lo}, {hi}] is not a range within 1..{n} of {loc.file!r}"))
        if loc.function is not None:
            why = _function_problem(files[norm], loc.function, loc.lines) if norm.endswith(".py") else None
            if why:
                problems.append(Problem(f"{at}.function", why.replace("FILE", repr(loc.file))))
    problems += _solution_problems(ext)
    names = [r.name for r in task.rubrics] if task.rubrics else [c.type for c in criteria]
    names = [clean_type(n) for n in names]
    for i, chk in enumerate(ext.checks):
        at = f"$.mle_env.checks[{i}]"
        if (chk.criterion is None) == (chk.criterion_index is None):
            problems.append(Problem(at, "give exactly one of 'criterion' and 'criterion_index'"))
        elif chk.criterion_index is not None and chk.criterion_index >= len(names):
            problems.append(Problem(f"{at}.criterion_index", f"{chk.criterion_index} is past the rubric's {len(names)} criteria"))
        elif chk.criterion is not None:
            count = names.count(clean_type(chk.criterion))
            if count == 0:
                problems.append(Problem(f"{at}.criterion", f"no criterion named {chk.criterion!r} in the rubric"))
            elif count > 1:
                problems.append(Problem(f"{at}.criterion", f"{chk.criterion!r} names {count} criteria; use criterion_index"))
        if chk.check == "verify" and ext.verify is None:
            problems.append(Problem(f"{at}.check", "a 'verify' check needs $.mle_env.verify"))
        try:
            CHECK_ARGS[chk.check].model_validate(chk.args)
        except ValidationError as e:
            for err in e.errors():
                where = json_path(("mle_env", "checks", i, "args", *err["loc"]))
                msg = "unknown argument for this check kind" if err["type"] == "extra_forbidden" else err["msg"]
                problems.append(Problem(where, msg))
    if ext.total_points is not None:
        weights = [r.weight for r in task.rubrics] or [c.points for c in criteria]
        total = sum(w for w in weights if w > 0)
        if total != ext.total_points:
            problems.append(Problem("$.mle_env.total_points", f"declares {ext.total_points} but the rubric's positive points add to {total}"))
    return problems


def _function_problem(source: str, name: str, lines: tuple[int, int] | None) -> str | None:
    """Why ``name`` is not a function of ``source`` enclosing ``lines``, or None."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None  # not ours to judge: a task may ship code that does not parse
    spans = [
        (n.lineno, n.end_lineno or n.lineno)
        for n in ast.walk(tree)
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name
    ]
    if not spans:
        return f"no function {name!r} in FILE"
    if lines is not None and not any(lo <= lines[0] and lines[1] <= hi for lo, hi in spans):
        where = ", ".join(f"{lo}-{hi}" for lo, hi in spans)
        return f"lines {lines[0]}-{lines[1]} are not inside {name!r} (lines {where} of FILE)"
    return None


def _solution_problems(ext: Extensions) -> list[Problem]:
    """The reference report must parse, and name an expected error code."""
    report = ext.solution.get("response/report.json")
    if report is None:
        return []
    at = "$.mle_env.solution['response/report.json']"
    try:
        data = json.loads(report)
    except json.JSONDecodeError as e:
        return [Problem(at, f"not valid JSON: {e.msg} at line {e.lineno}")]
    if not isinstance(data, dict):
        return [Problem(at, "must be a JSON object")]
    code = data.get("error_type")
    if ext.expected_error_types and code not in ext.expected_error_types:
        return [Problem(at, f"error_type is {code!r}, not one of expected_error_types {ext.expected_error_types}")]
    return []


def acceptable_problems(ext: Any) -> list[Problem]:
    """An acceptable alternative code is not a correct one, and ``NONE`` never excuses a bug."""
    out = []
    for code in ext.acceptable_error_types:
        at = f"$.mle_env.acceptable_error_types.{code}"
        if code in ext.expected_error_types:
            out.append(Problem(at, f"{code} is already an expected error type"))
        elif code == "NONE" and ext.expected_error_types and "NONE" not in ext.expected_error_types:
            out.append(Problem(at, "NONE cannot be an acceptable answer for a task that has a bug"))
    return out


def validate_data(data: Any) -> tuple[Task | None, list[Problem]]:
    """Validate decoded JSON; return the task (None if it cannot be built) and all problems."""
    if not isinstance(data, dict):
        return None, [Problem("$", f"a task is a JSON object, got {type(data).__name__}")]
    found = value_problem(data)  # before pydantic: it recurses, and a lone surrogate breaks every file write
    if found is not None:
        return None, [Problem(json_path(found[0]), found[1])]
    try:
        task = Task.model_validate(data)
    except ValidationError as e:
        # Report what else can be checked on the raw data too, so one pass shows every fault.
        problems = _pydantic_problems(e)
        files, text = data.get("task_files"), data.get("rubric_text")
        if isinstance(files, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
            problems += check_files(files)
        if isinstance(text, str):
            problems += parse_rubric_text(text)[1]
        return None, problems
    problems: list[Problem] = []
    why = task_dir_problem(task.task_dir)
    if why:
        problems.append(Problem("$.task_dir", why))
    problems += check_files(task.task_files)
    criteria, rubric = rubric_problems(task)
    problems += rubric
    problems += _extension_problems(task, criteria)
    if task.mle_env is not None:
        problems += acceptable_problems(task.mle_env)
    return task, problems


def validate_file(path: str | Path) -> tuple[Task | None, list[Problem]]:
    """Read and validate one task file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem("$", "file not found")]
    except UnicodeDecodeError as e:
        return None, [Problem("$", f"not UTF-8 text (byte {e.start})")]
    except OSError as e:
        return None, [Problem("$", f"cannot read: {e.strerror}")]
    data, problem = parse_json(text)
    if problem is not None:
        return None, [problem]
    return validate_data(data)


def load_task(path: str | Path) -> Task:
    """Load a task for running; raise ``TaskError`` listing every error (warnings pass)."""
    task, problems = validate_file(path)
    errors = [p for p in problems if p.severity == "error"]
    if task is None or errors:
        raise TaskError(str(path), errors or problems)
    return task


def find_tasks(directory: str | Path) -> list[Path]:
    """The task files of a directory, sorted (``*.json``, not recursive)."""
    return sorted(p for p in Path(directory).glob("*.json") if p.is_file())


def task_schema() -> dict[str, Any]:
    """JSON Schema of the task format (reference fields plus the ``mle_env`` extensions)."""
    schema = Task.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "mle-env task"
    return schema
