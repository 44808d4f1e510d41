"""Drafting the ``mle_env`` block of a reference-format task from its rubric (``mle-env import``).

A task in the reference harness's format has a rubric but no extensions, so offline grading
decides only its file-exists lines. Much of the rest is written in the rubric itself: the
identification line names the code, localization lines quote a file and its line numbers,
format lines name the report's keys, and an implementation line says the revised script
must run and print a metric. ``draft_extension`` reads those off, one check per criterion
(arguments named as in the bundled tasks), and says in its notes what a person must still
write (the hidden verification, the reference solution, anything ambiguous). It never
invents: a line number is drafted only when the rubric quotes it and the file has it, and
every drafted piece passes the format's own validation (``validate_data``) or is dropped
with a note. Whatever is not drafted stays judge-graded.
"""

from __future__ import annotations

import ast
import posixpath
import re
from dataclasses import dataclass
from typing import Any

from mle_env.task.import_forms import after_locations, form_line
from mle_env.task.load import validate_data
from mle_env.task.model import ERROR_CODES, Task
from mle_env.task.rubric import category_of, clean_type, parse_rubric_text, workspace_path

TODO = "TODO by hand: "
REPORT = "response/report.json"

_CODE = re.compile(r"(?<![A-Za-z0-9_])(" + "|".join(ERROR_CODES) + r")(?![A-Za-z0-9_])")
_TICKED = re.compile(r"`([^`\n]+)`")
_QUOTED = re.compile(r"`[^`\n]*`|\"[^\"\n]*\"")
_PARENS = re.compile(r"\([^()]*\)")
_RANGE = re.compile(r"\blines?\s+(\d+)(?:\s*(?:[-–—]|to|through)\s*(\d+))?", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|no|never|nothing|without)\b|n't\b", re.IGNORECASE)
_FUNCTION = re.compile(r"\bfunction`?\s*(?:(?:given\s+)?as|is|named|name|=|:)?\s*`([A-Za-z_]\w*)`", re.IGNORECASE)
_PENALTY_ABOUT_CODE = re.compile(r"claim|error[_ ]type|other codes?\b|misclassif|mislabel|instead of", re.IGNORECASE)
_INSTEAD = re.compile(r"instead of\W{0,3}(" + "|".join(ERROR_CODES) + r")\b")
_EMPTY = re.compile(r"\bempty\b|\[\s*\]", re.IGNORECASE)
_RUNS = re.compile(
    r"\bexits?\s+(?:with\s+)?(?:code\s+|status\s+)?0\b|\bis runnable\b|\bcan be run\b|\bruns\s*(?:[.;,]|$)"
    r"|\b(?:runs?|executes?)\s+(?:cleanly|successfully|without (?:an? )?(?:errors?|exceptions?)|to completion|from\b)",
    re.IGNORECASE,
)
_DOES_NOT_RUN = re.compile(r"\b(?:does not|doesn't|fails to|cannot|can't)\s+(?:run|execute)", re.IGNORECASE)
_SCRIPT = re.compile(r"(?:/app/|\.\./tasking/|\./)?\b(response/[\w./-]+\.py)\b")
_PRINTS = re.compile(r"\bprint(?:s|ing)?\s+(?:an?\s+|the\s+)?(?:`([A-Za-z_][\w.]*)\s*([:=]?)\s*`"
                     r"|([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\s*([:=]?))", re.IGNORECASE)
_PYTHON_CMD = re.compile(r"\bpython3?\s+((?:\./|/app/)?[\w./-]+\.py)\b")
_JSON_PATH = re.compile(r"`([^`\s]+\.json)`|(\S+\.json)\b")
_BARE_PATH = re.compile(r"(?<![\w`])((?:\.\./tasking/|/|\./)?[\w.-]+(?:/[\w.-]+)+\.\w+)")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
@dataclass(frozen=True)
class _Line:
    index: int
    points: int
    type: str
    text: str
    category: str

    @property
    def at(self) -> str:
        return f"criterion [{self.index}] ({self.points:+d} {self.type})"


class _Draft:
    """What has been drafted so far, and the notes for the person finishing it."""

    def __init__(self, task: Task) -> None:
        self.task = task
        self.files = {posixpath.normpath(k): v for k, v in task.task_files.items()}
        self.codes: list[str] = []
        self.checks: list[dict[str, Any]] = []
        self.locations: list[dict[str, Any]] = []
        self.notes: list[str] = []

    def check(self, line: _Line, kind: str, args: dict[str, Any]) -> None:
        self.checks.append({"criterion_index": line.index, "check": kind, "args": args})


def draft_extension(task: Task) -> tuple[dict[str, Any], list[str]]:
    """The ``mle_env`` block that can be read off ``task``'s rubric, and notes on what must be
    filled by hand (each such note starts ``TODO by hand:``). Any existing block is ignored."""
    d = _Draft(task)
    lines = _lines(task)
    if not lines:
        return {"version": 1}, [TODO + "the task has no rubric criteria; nothing can be drafted"]
    _identification(d, lines)
    for line in lines:
        if any(c["criterion_index"] == line.index for c in d.checks):
            continue  # one check per criterion: the identification line is decided already
        if line.points < 0:
            _penalty(d, line)
        elif line.category == "localization":
            _localization(d, line)
        elif form_line(d, line) or _file_line(d, line) or _format_line(d, line) or _runs_line(d, line):
            pass
        elif "`locations`" in line.text:
            _localization(d, line)
        elif re.search(r"\bverif", line.text, re.IGNORECASE):
            d.notes.append(TODO + f"{line.at} needs the hidden verification: write mle_env.verify (a script that "
                           f"checks the fix's behaviour) and add {{\"criterion_index\": {line.index}, \"check\": "
                           f"\"verify\"}}; judge-graded until then")  # fmt: skip
    block: dict[str, Any] = {"version": 1}
    if d.codes:
        block["expected_error_types"] = d.codes
    if d.locations:
        block["bug_locations"] = d.locations
    entry = _entrypoint(d)
    if entry:
        block["entrypoint"] = entry
    d.notes += [TODO + n for n in after_locations(d, lines, entry)]
    if d.checks:
        block["checks"] = sorted(d.checks, key=lambda c: c["criterion_index"])
    block = _validated(task, block, d.notes)
    d.notes.append(TODO + "add mle_env.solution (the reference response/report.json and response/revised_code.py): "
                   "`mle-env validate` and the oracle agent need it")  # fmt: skip
    if not any(n.startswith(TODO) and "mle_env.verify" in n for n in d.notes):
        d.notes.append(TODO + "add mle_env.verify and a `verify` check: without it, whether the fix works is judge-graded")
    return block, d.notes


# ---------------------------------------------------------------- the rubric, line by line


def _lines(task: Task) -> list[_Line]:
    """The criteria in the grader's order: rubric_text when it parses, else rubrics[]."""
    parsed, _ = parse_rubric_text(task.rubric_text)
    if parsed:
        rows = [(c.points, c.type, c.criterion) for c in parsed]
    else:
        rows = [(r.weight, clean_type(r.name), " ".join(m.content for m in r.messages)) for r in task.rubrics]
    return [_Line(i, p, t, x, category_of(t, p)) for i, (p, t, x) in enumerate(rows)]


def _plain(text: str) -> str:
    """The sentence without its quotes, code spans, parentheses and codes: what it asserts."""
    text = _QUOTED.sub(" ", text)
    while _PARENS.search(text):
        text = _PARENS.sub(" ", text)
    return _CODE.sub(" ", text)


def _codes(text: str) -> list[str]:
    found = set(_CODE.findall(text))
    return [c for c in ERROR_CODES if c in found]


def _identification(d: _Draft, lines: list[_Line]) -> None:
    """The expected code: named by an identification criterion (one code, no negation)."""
    named: list[tuple[_Line, str]] = []
    for line in lines:
        if line.points <= 0 or line.category not in ("identification", "other"):
            continue
        codes = _codes(_PARENS.sub(" ", line.text)) or _codes(line.text)
        if not codes:
            continue
        if len(codes) > 1:
            d.notes.append(TODO + f"{line.at} names several codes ({', '.join(codes)}); decide which is expected")
        elif _NEGATION.search(_plain(line.text)):
            d.notes.append(TODO + f"{line.at} names {codes[0]} in a negated sentence; not read as the expected code")
        else:
            named.append((line, codes[0]))
    codes = sorted({c for _, c in named}, key=ERROR_CODES.index)
    if not codes:
        d.notes.append(TODO + "no identification criterion names one of the eight codes: set "
                       "mle_env.expected_error_types and add an `error_type_equals` check for it")  # fmt: skip
        return
    if len(codes) > 1:
        where = "; ".join(f"{c} in [{line.index}]" for line, c in named)
        d.notes.append(TODO + f"identification criteria name different codes ({where}): set "
                       "mle_env.expected_error_types by hand")  # fmt: skip
        return
    d.codes = codes
    decider = next((ln for ln, _ in named if re.search(r"error[_ ]type", ln.text, re.IGNORECASE)), named[0][0])
    d.check(decider, "error_type_equals", {"path": REPORT, "expected": codes})
    for line, _ in named:
        if line is not decider:
            d.notes.append(f"{line.at} also names {codes[0]} but asks for more than the code; left to the judge")


def _penalty(d: _Draft, line: _Line) -> None:
    """A penalty for naming a wrong code: ``error_type_equals`` with the wrong codes."""
    if not _PENALTY_ABOUT_CODE.search(line.text):
        return
    instead = _INSTEAD.search(line.text)
    wrong = [c for c in _codes(line.text) if not instead or c != instead.group(1)]
    if not wrong and re.search(r"other codes?\b", line.text, re.IGNORECASE) and d.codes:
        wrong = [c for c in ERROR_CODES if c not in d.codes]
    if not wrong:
        return
    if set(wrong) & set(d.codes) or (instead and d.codes and instead.group(1) not in d.codes):
        d.notes.append(TODO + f"{line.at} penalises {', '.join(wrong)}, which contradicts the expected "
                       f"{', '.join(d.codes)}; no check drafted")  # fmt: skip
        return
    d.check(line, "error_type_equals", {"path": REPORT, "expected": wrong})


def _localization(d: _Draft, line: _Line) -> None:
    text, plain = line.text, _plain(line.text)
    if line.category != "localization" and not re.search(r"\bentry\b|\bempty\b", text):
        return
    if _EMPTY.search(plain) and re.search(r"location", text, re.IGNORECASE) and not _NEGATION.search(plain):
        if d.codes == ["NONE"]:
            d.check(line, "locations_empty", {"path": REPORT})
        else:
            d.notes.append(TODO + f"{line.at} asks for empty locations but the expected code is "
                           f"{', '.join(d.codes) or 'not known'}; no check drafted")  # fmt: skip
        return
    files = _files_named(d, text)
    ranges = sorted({(int(a), int(b or a)) for a, b in _RANGE.findall(_TICKED.sub(" ", text))})
    if not files and not ranges:
        return  # "every location is tight": nothing deterministic to read off
    quoted = " ".join([", ".join(files), "lines " + ", ".join(_span(r) for r in ranges) if ranges else ""]).strip()
    if _NEGATION.search(plain):
        d.notes.append(f"{line.at} quotes {quoted} as code that must not be blamed; left to the judge")
        return
    missing = [p for p in _paths_quoted(text) if posixpath.normpath(p) not in d.files]
    if not files or not ranges or len(files) > 1 or len(ranges) > 1:
        why = ("names no file of the task" + (f" ({', '.join(missing)} is not one of task_files)" if missing else "")
               if not files else "quotes no line numbers" if not ranges else "quotes several files or ranges")
        if line.category == "localization" or re.search(r"\blocations?\b|\bentry\b", text, re.IGNORECASE):
            d.notes.append(TODO + f"{line.at} {why} ({quoted}): if it asks for a reported location, "
                           "write its `locations_overlap` check by hand")  # fmt: skip
        else:
            d.notes.append(f"{line.at} quotes {quoted} but is not about a reported location; left to the judge")
        return
    file, (lo, hi) = files[0], ranges[0]
    if d.codes == ["NONE"]:
        d.notes.append(TODO + f"{line.at} asks for a location in {file}, but the expected code is NONE; no check drafted")
        return
    if re.match(r"data:[^,;]*;base64,", d.files[posixpath.normpath(file)]):
        d.notes.append(TODO + f"{line.at} quotes lines of {file}, a binary file; no check drafted")
        return
    n = _line_count(d.files[posixpath.normpath(file)])
    if not 1 <= lo <= hi <= n:
        d.notes.append(TODO + f"{line.at} quotes lines {_span((lo, hi))} of {file}, which has {n} lines: refused, "
                       "no check drafted (fix the rubric or write the check by hand)")  # fmt: skip
        return
    args: dict[str, Any] = {"path": REPORT, "file": file, "lines": [lo, hi]}
    named = _FUNCTION.search(text)
    spans = _function_spans(d.files[posixpath.normpath(file)])
    if named:
        fn = named.group(1)
        if file.endswith(".py") and spans is not None and fn not in spans:
            d.notes.append(TODO + f"{line.at} asks for function {fn!r}, which {file} does not define; no check drafted")
            return
        args["function"] = fn
    d.check(line, "locations_overlap", args)
    _add_location(d, file, lo, hi, spans, args.get("function"))


def _span(r: tuple[int, int]) -> str:
    return str(r[0]) if r[0] == r[1] else f"{r[0]}–{r[1]}"


def _files_named(d: _Draft, text: str) -> list[str]:
    """Task files the text quotes (in backticks, or as a bare path), as task_files keys."""
    named = []
    for key in d.task.task_files:
        norm = posixpath.normpath(key)
        ticked = any(posixpath.normpath(workspace_path(t, d.task.task_dir)) == norm for t in _TICKED.findall(text))
        bare = re.search(r"(?<![\w./-])(?:/app/|\./)?" + re.escape(norm) + r"(?![\w/-]|\.\w)", text)
        if ticked or bare:
            named.append(key)
    return named


def _paths_quoted(text: str) -> list[str]:
    return [t for t in _TICKED.findall(text) if re.fullmatch(r"[\w./-]+\.(?:py|csv|json|txt|parquet)", t) and "/" in t]


def _line_count(content: str) -> int:
    return content.count("\n") + (0 if content.endswith("\n") else 1)


def _function_spans(source: str) -> dict[str, list[tuple[int, int]]] | None:
    """Each function's line spans, or None when the file is not Python that parses."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    spans: dict[str, list[tuple[int, int]]] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            spans.setdefault(node.name, []).append((node.lineno, node.end_lineno or node.lineno))
    return spans


def _add_location(d: _Draft, file: str, lo: int, hi: int, spans: dict | None, named: str | None) -> None:
    """A bug location per distinct place; the function is the named one if it encloses the lines,
    else the innermost function of the file that does (read from the code, not guessed)."""
    for i, old in enumerate(d.locations):
        if old["file"] == file and old["lines"][0] <= hi and lo <= old["lines"][1]:
            if old["lines"][1] - old["lines"][0] <= hi - lo:
                return  # the same place, already quoted at least as tightly
            del d.locations[i]
            break
    loc: dict[str, Any] = {"file": file, "lines": [lo, hi]}
    enclosing = [(b - a, name) for name, ss in (spans or {}).items() for a, b in ss if a <= lo and hi <= b]
    if named and any(name == named for _, name in enclosing):
        loc["function"] = named
    elif enclosing:
        loc["function"] = min(enclosing)[1]
    d.locations.append(loc)


def _file_line(d: _Draft, line: _Line) -> bool:
    """"File exists at `/app/response/report.json`" → ``file_exists``."""
    if not re.search(r"\bexists?\b", line.text, re.IGNORECASE):
        return False
    paths = [t for t in _TICKED.findall(line.text) if "/" in t or "." in t]
    paths = paths or _BARE_PATH.findall(line.text)
    if len(set(paths)) != 1:
        return False
    d.check(line, "file_exists", {"path": workspace_path(paths[0], d.task.task_dir)})
    return True


def _format_line(d: _Draft, line: _Line) -> bool:
    """"`response/report.json` is a valid JSON object with exactly the keys `a`, `b`" → ``report_json_valid``."""
    text = line.text
    if line.category not in ("format", "output files", "other"):
        return False
    at_keys = re.search(r"\bkeys?\b", text, re.IGNORECASE)
    if not re.search(r"\bJSON\b", text, re.IGNORECASE) or not (at_keys or re.search(r"\bvalid JSON\b", text, re.IGNORECASE)):
        return False
    found = _JSON_PATH.search(text)
    path = workspace_path(found.group(1) or found.group(2), d.task.task_dir) if found else REPORT
    args: dict[str, Any] = {"path": path}
    if at_keys:
        rest = re.split(r"(?<=[a-z`\)])\.(?:\s|$)", text[at_keys.end() :], maxsplit=1)[0]
        keys = [k for k in _TICKED.findall(rest) if _IDENT.fullmatch(k)]
        if not keys:
            keys = [k.strip() for k in re.split(r"\s*(?:,|\band\b|\bor\b|:)\s*", rest) if _IDENT.fullmatch(k.strip())]
        if not keys:
            return False
        args["required_keys"] = list(dict.fromkeys(keys))
        args["exact_keys"] = bool(re.search(r"\bexactly\b|\bonly\b|no other keys", text, re.IGNORECASE))
    d.check(line, "report_json_valid", args)
    return True


def _runs_line(d: _Draft, line: _Line) -> bool:
    """"`python response/revised_code.py` run from `/app` exits 0 and prints a `test_mae:` line"
    → ``revised_code_runs`` (with ``stdout_pattern`` for each printed metric it names)."""
    text = line.text
    if line.category not in ("fix implementation", "output files", "format", "other"):
        return False
    if re.search(r"\bverif", text, re.IGNORECASE) or _DOES_NOT_RUN.search(text) or not _RUNS.search(text):
        return False
    script = _SCRIPT.search(text)
    if script:
        path = script.group(1)
    elif re.search(r"revised[_ ](?:code|script)", text, re.IGNORECASE) and (script := _SCRIPT.search(d.task.prompt_text)):
        path = script.group(1)
    else:
        return False
    command = next((t for t in _TICKED.findall(text) if t.startswith("python") and path in t), f"python {path}")
    args: dict[str, Any] = {"path": path, "command": command, "timeout": 300}
    metrics = [(m.group(1) or m.group(3), m.group(2) or m.group(4)) for m in _PRINTS.finditer(text)]
    metrics += [(name, sep) for name, sep in re.findall(r"`([A-Za-z_][\w.]*)\s*([:=])`", text) if (name, sep) not in metrics]
    if metrics:
        parts = [rf"^\s*{re.escape(name)}\s*{re.escape(sep)}" if sep else rf"\b{re.escape(name)}\b" for name, sep in metrics]
        args["stdout_pattern"] = "(?m)" + parts[0] if len(parts) == 1 else "(?ms)" + "".join(f"(?=.*{p})" for p in parts)
    d.check(line, "revised_code_runs", args)
    return True


def _entrypoint(d: _Draft) -> str | None:
    """``python <file>.py`` as the prompt names it, when that file is one of the task's."""
    found = []
    for m in _PYTHON_CMD.finditer(d.task.prompt_text):
        rel = workspace_path(m.group(1), d.task.task_dir)
        if posixpath.normpath(rel) in d.files and not rel.startswith("response/") and rel not in found:
            found.append(rel)
    if len(found) > 1:
        d.notes.append(TODO + f"the prompt runs several scripts ({', '.join(found)}); set mle_env.entrypoint")
        return None
    if not found:
        d.notes.append(TODO + "the prompt names no `python <file>.py` of the task: set mle_env.entrypoint")
        return None
    return f"python {found[0]}"


def _validated(task: Task, block: dict[str, Any], notes: list[str]) -> dict[str, Any]:
    """``block`` with every piece the format's own validation rejects dropped (and a note for each)."""
    data = {**task.to_json_dict(), "mle_env": block}
    for _ in range(len(block.get("checks", [])) + len(block.get("bug_locations", [])) + 1):
        _, problems = validate_data(data)
        bad = [p for p in problems if p.severity == "error" and p.path.startswith("$.mle_env")]
        if not bad:
            return block
        m = re.match(r"\$\.mle_env\.(checks|bug_locations)\[(\d+)\]", bad[0].path)
        if not m:
            notes.append(TODO + f"the draft does not validate ({bad[0]}); kept as drafted")
            return block
        dropped = block[m.group(1)].pop(int(m.group(2)))
        notes.append(TODO + f"dropped {m.group(1)} entry {dropped} ({bad[0].path}: {bad[0].message})")
        if not block[m.group(1)]:
            del block[m.group(1)]
        data = {**data, "mle_env": block}
    return block
