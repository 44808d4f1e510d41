"""Deterministic checks of a response's form: the rubric lines about how ``locations``, the prose
fields and ``revised_code.py`` must look, decided without a judge.

Like those in ``checks``, each returns ``(passed, reasoning)``, reads the agent's files without
following links out of the workspace, and fails (never raises) on whatever those files hold.
"""

from __future__ import annotations

import ast
import posixpath
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from mle_env.grading.checks import _locations, _report, max_span, read_text
from mle_env.task import ERROR_CODES

Project = Mapping[str, str] | None
"""The task's files (``task_files``: path -> text or data URL), which the grader passes as
``project``: the original code is read from the task, never from the agent's workspace (which the
agent could have edited, and which in a results directory holds only ``response/``). None: read the
project from ``workspace`` itself (a live /app)."""


def project_file(workspace: Path, project: Project, rel: str) -> bool:
    """``rel`` names a file of the project (outside ``response/``)."""
    rel = posixpath.normpath(rel)
    if rel.startswith("response/"):
        return False
    return rel in project if project is not None else _is_file(workspace, rel)


def project_text(workspace: Path, project: Project, rel: str) -> str | None:
    """A text file of the project, or None (missing, binary)."""
    if project is None:
        return read_text(workspace, rel)
    text = project.get(posixpath.normpath(rel))
    return None if text is None or text.startswith("data:") else text


def _is_file(workspace: Path, rel: str) -> bool:
    """``rel`` names a regular file inside the workspace (links followed only within it)."""
    try:
        path = (workspace / rel).resolve(strict=True)
        path.relative_to(workspace.resolve())
        return path.is_file()
    except (OSError, ValueError, RuntimeError):  # ValueError: a NUL byte, or outside; RuntimeError: a loop
        return False


def _span(value: Any) -> tuple[int, int] | None:
    """``[start, end]`` as two ints (not bools) with 1 <= start <= end, else None."""
    if isinstance(value, list) and len(value) == 2 and all(type(x) is int for x in value):  # bool is no int here
        return (value[0], value[1]) if 1 <= value[0] <= value[1] else None
    return None


def locations_format(
    workspace: Path, path: str, nonempty: bool = False, project: Project = None, **_: Any
) -> tuple[bool, str]:
    """Every ``locations`` entry is an object with ``file`` (a path relative to ``/app`` naming a file
    that exists), ``lines`` as two integers ``[start, end]`` with 1 <= start <= end, and ``function``
    (a string; omitted, null or empty only for module-level code, as the prompts allow); at most
    ``MAX_LOCATIONS`` entries, and at least one when ``nonempty``."""
    locs, why = _locations(workspace, path)
    if locs is None:
        return False, why
    if nonempty and not locs:
        return False, "locations is empty"
    for i, loc in enumerate(locs):
        if not isinstance(loc, dict):
            return False, f"locations[{i}] is not an object"
        file = loc.get("file")
        if not isinstance(file, str) or not file:
            return False, f"locations[{i}].file is not a non-empty string"
        if file.startswith("/") or ".." in file.split("/"):
            return False, f"locations[{i}].file {file[:100]!r} is not a path relative to /app (absolute, or via ..)"
        if not project_file(workspace, project, file):
            return False, f"locations[{i}].file {file[:100]!r} names no file of the project"
        if _span(loc.get("lines")) is None:
            lines = str(loc.get("lines"))[:100]
            return False, f"locations[{i}].lines {lines} is not two integers [start, end], 1 <= start <= end"
        fn = loc.get("function")
        if fn is not None and not isinstance(fn, str):
            return False, f"locations[{i}].function is not a string"
        if not fn:  # the prompts: "for module-level code, omit `function` or leave it empty"
            inside = _enclosing(project_text(workspace, project, file), _span(loc.get("lines")) or (0, 0))
            if inside:
                return False, f"locations[{i}] is inside `{inside}` but gives no `function`"
    return True, f"all {len(locs)} locations are well formed"


def _enclosing(text: str | None, span: tuple[int, int]) -> str | None:
    """The function or class of the source ``text`` whose body holds line ``span[0]``, if any
    (None if there is no text or it does not parse)."""
    try:
        tree = ast.parse(text) if text is not None else None
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    found = None
    for node in ast.walk(tree) if tree is not None else ():
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if node.lineno <= span[0] <= (node.end_lineno or node.lineno):
                found = node.name if found is None else found
    return found


_CODE_START = re.compile(r"(def|class|import|from|for|if|while|with|return)\b")
_SENTENCE = re.compile(r"(?:^|\s)(?:[A-Za-z]+[,.;:!?]?\s+){3}[A-Za-z]+[,.;:!?]?(?=\s|$)")
MAX_FENCE = 12


def _code_lines(text: str) -> tuple[int, int, int]:
    """Non-blank lines (fence markers aside), how many of them look like code, and the longest
    fenced block in lines."""
    total = code = longest = run = 0
    fenced = False
    for ln in (ln.strip() for ln in text.splitlines()):
        if ln.startswith("```"):
            longest, run, fenced = max(longest, run), 0, not fenced
        else:
            run += fenced
            if ln:
                total += 1
                codish = ln.endswith((":", ";", "{")) or " = " in ln
                code += bool(fenced or _CODE_START.match(ln) or (codish and not _SENTENCE.search(ln)))
    return total, code, max(longest, run)


def prose_fields(
    workspace: Path, path: str, keys: Sequence[str] = ("explanation", "proposed_fix"),
    min_words: int = 8, max_chars: int = 6000, **_: Any,
) -> tuple[bool, str]:  # fmt: skip
    """``explanation`` and ``proposed_fix`` are non-empty prose strings, not padded with code dumps.

    Decided here: each of ``keys`` holds a string of ``min_words`` words (tokens with a letter) to
    ``max_chars`` characters that reads as prose. Heuristic: a line is prose if it holds a run of
    four alphabetic words (a sentence); a non-blank line looks like code if it is inside a ```
    fence, starts with ``def``/``class``/``import``/``from``/``for``/``if``/``while``/``with``/
    ``return``, or is no sentence and ends with ``:``, ``;`` or ``{`` or holds `` = ``. A field
    fails with no sentence at all, a fenced block over 12 lines, or 4+ code lines making over 40 %
    of its lines (a snippet of three lines is not a dump). Whether the prose is *specific to this
    code* is not decidable here: that part stays with the judge where one runs.
    """
    data, why = _report(workspace, path)
    if data is None:
        return False, why
    keys = (keys,) if isinstance(keys, str) else keys
    for key in keys:
        text = data.get(key)
        if not isinstance(text, str):
            return False, f"{key} is {'missing' if text is None else 'not a string'}"
        words = sum(1 for t in text.split() if any(c.isalpha() for c in t))
        if words < min_words:
            return False, f"{key} has {words} words; prose needs at least {min_words}"
        if len(text) > max_chars:
            return False, f"{key} is {len(text)} characters long, past {max_chars}"
        total, code, fence = _code_lines(text)
        if fence > MAX_FENCE:
            return False, f"{key} holds a {fence}-line code block (at most {MAX_FENCE})"
        if code >= 4 and code > 0.4 * total:
            return False, f"{key} is a code dump: {code} of its {total} lines look like code"
        if not _SENTENCE.search(text):
            return False, f"{key} has no sentence (no run of four words), so it is not prose"
    return True, f"{', '.join(keys)} are prose"


_DIFF_HEAD = ("@@ ", "--- a/", "+++ b/")


def _meaningful(text: str) -> int:
    return sum(1 for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#"))


def _is_main_guard(node: ast.stmt) -> bool:
    if not (isinstance(node, ast.If) and isinstance(node.test, ast.Compare) and len(node.test.comparators) == 1):
        return False
    sides = [node.test.left, node.test.comparators[0]]
    names = {s.id for s in sides if isinstance(s, ast.Name)}
    consts = {s.value for s in sides if isinstance(s, ast.Constant)}
    return isinstance(node.test.ops[0], ast.Eq) and names == {"__name__"} and consts == {"__main__"}


def _imports_project(workspace: Path, project: Project, tree: ast.Module, roots: Sequence[str]) -> bool:
    """``tree`` imports a module whose source is a file of the workspace (outside ``response/``)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.update([node.module, *(f"{node.module}.{a.name}" for a in node.names)])
    files = (posixpath.join(root, *name.split(".")) for name in sorted(names) for root in roots)
    return any(project_file(workspace, project, f + ".py") or project_file(workspace, project, f + "/__init__.py")
               for f in files)  # fmt: skip


def standalone_script(
    workspace: Path, path: str, original: str | None = None, data_files: Sequence[str] = (),
    project: Project = None, **_: Any,
) -> tuple[bool, str]:  # fmt: skip
    """``path`` (``response/revised_code.py``) is a complete standalone script, not a diff or a fragment.

    It parses as Python; has no unified-diff markers (``@@ ``, ``--- a/``, ``+++ b/`` lines, or over
    30 % of its lines starting ``+``/``-``); runs something at top level (an ``if __name__ ==
    "__main__":`` block or a call); has at least half the non-blank, non-comment lines of the
    project's entry script ``original`` (skipped if that is unreadable); and, when ``data_files`` is
    given, loads data: names one of their basenames (or has a string literal equal to one's stem:
    ``load("train")`` reading ``f"data/{name}.csv"``), or imports a module of the project (a file
    under the workspace root or ``original``'s folder) — reusing the project's loader is standalone.
    """
    text = read_text(workspace, path)
    if text is None:
        return False, f"{path} does not exist (or is not a regular file)"
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if any(ln.startswith(_DIFF_HEAD) for ln in lines):
        return False, f"{path} is a diff (it has unified-diff headers), not a script"
    signed = sum(1 for ln in lines if ln[0] in "+-" and ln[1:2] not in ("+", "-") and ln[1:].strip())
    if lines and signed / len(lines) > 0.3:
        return False, f"{path} is a diff: {signed} of its {len(lines)} lines start with + or -"
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as e:
        return False, f"{path} does not parse as Python ({type(e).__name__}: {str(e)[:120]})"
    if not any(_is_main_guard(n) or (isinstance(n, ast.Expr) and isinstance(n.value, ast.Call)) for n in tree.body):
        return False, f'{path} runs nothing: no `if __name__ == "__main__":` block and no top-level call'
    source = project_text(workspace, project, original) if original else None
    if source is not None and 2 * _meaningful(text) < _meaningful(source):
        return False, (f"{path} has {_meaningful(text)} lines of code, under half of {original}'s "
                       f"{_meaningful(source)}: a fragment, not the whole script")  # fmt: skip
    if data_files:
        strings = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
        named = [b for b in map(posixpath.basename, data_files) if b and (b in text or b.split(".")[0] in strings)]
        roots = ["", posixpath.dirname(original)] if original else [""]
        if not named and not _imports_project(workspace, project, tree, roots):
            return False, f"{path} loads no data: it names none of {', '.join(data_files)} nor imports a project module"
    return True, f"{path} is a complete script with an entry point"


def _norm(file: str) -> str:
    file = file.removeprefix("/app/")
    while file.startswith("./"):
        file = file[2:]
    return file


def locations_tight(
    workspace: Path, path: str, bugs: Sequence[dict] = (), slack: int = 5, max_lines: int = 15, **_: Any
) -> tuple[bool, str]:
    """Every location is tight and relevant: each entry lies in a bug's file within ``slack`` lines
    of its range, and spans at most ``max_lines`` lines (or ``max_span`` of that bug, if wider)."""
    locs, why = _locations(workspace, path)
    if locs is None:
        return False, why
    if not locs:
        return False, "locations is empty"
    for i, loc in enumerate(locs):
        span = _span(loc.get("lines")) if isinstance(loc, dict) else None
        if span is None or not isinstance(loc.get("file"), str):
            return False, f"locations[{i}] is not a {{file, lines: [start, end]}} entry"
        (s, e), file = span, _norm(loc["file"])
        ranges = [(bug["lines"][0], bug["lines"][1]) for bug in bugs if _norm(bug["file"]) == file]
        near = [(a, b) for a, b in ranges if s <= b + slack and a - slack <= e]
        if not near:
            return False, f"locations[{i}] {file[:100]}:{s}-{e} is near no bug (within {slack} lines)"
        widest = max(max(max_lines, max_span(a, b)) for a, b in near)
        if e - s + 1 > widest:
            return False, f"locations[{i}] {file[:100]}:{s}-{e} spans {e - s + 1} lines, more than {widest}"
    return True, f"all {len(locs)} locations are tight and near a bug"


def locations_avoid(
    workspace: Path, path: str, avoid: Sequence[dict] = (), max_lines: int | None = None, **_: Any
) -> tuple[bool, str]:
    """No location blames sound code: no entry overlaps any of ``avoid`` (``{file, lines?}``; a
    file without ``lines`` is avoided whole), and with ``max_lines`` none spans more lines. The
    task author lists the components the rubric line names as correct."""
    locs, why = _locations(workspace, path)
    if locs is None:
        return False, why
    if not locs:
        return False, "locations is empty: a report that localises nothing earns no localization points"
    for i, loc in enumerate(locs):
        if not isinstance(loc, dict) or not isinstance(loc.get("file"), str):
            continue  # malformed entries are locations_format's to fail; they blame nothing readable
        file, span = _norm(loc["file"]), _span(loc.get("lines"))
        if max_lines is not None and span is not None and span[1] - span[0] + 1 > max_lines:
            return False, f"locations[{i}] {file[:100]}:{span[0]}-{span[1]} spans more than {max_lines} lines"
        for part in avoid:
            if _norm(part["file"]) != file:
                continue
            lines = part.get("lines")
            if lines is None or span is None or (span[0] <= lines[1] and lines[0] <= span[1]):
                where = f"{file}:{span[0]}-{span[1]}" if span else file
                what = f"{part['file']}:{lines[0]}-{lines[1]}" if lines else f"{part['file']} (sound as a whole)"
                return False, f"locations[{i}] {where[:100]} blames sound code at {what}"
    return True, f"none of the {len(locs)} locations blames the code the task names as sound"


def report_shape(workspace: Path, path: str, **_: Any) -> tuple[bool, str]:
    """``error_type`` is a plain string holding one of the eight codes exactly as spelled, and
    ``locations`` is a JSON array."""
    data, why = _report(workspace, path)
    if data is None:
        return False, why
    return report_shape_of(data)


def report_shape_of(data: dict[str, Any]) -> tuple[bool, str]:
    """``report_shape`` on an already parsed report (the environment's shaped bonus uses it too)."""
    code = data.get("error_type")
    if not isinstance(code, str) or code not in ERROR_CODES:
        return False, f"error_type is {str(code)[:60]!r}, not one of the eight codes as spelled in the task"
    if not isinstance(data.get("locations"), list):
        return False, "locations is not a JSON array"
    return True, f"error_type is the code {code} and locations is an array"
