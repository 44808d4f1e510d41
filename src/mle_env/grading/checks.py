"""Deterministic checks over the agent's workspace (read on the host, never following links).

Each returns ``(passed, reasoning)``. For a penalty criterion, ``passed`` means the
undesirable behaviour it describes is present. The files are the agent's: whatever they hold
(JSON nested 100,000 deep, a 5,000-digit number, odd types) fails the check with a reason,
never raises — a check that raises anyway fails too (``FILE_CHECKS`` are guarded).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mle_env.store import MAX_JSON_DEPTH, JSONTooDeep, loads_bounded, read_regular
from mle_env.task import ERROR_CODES

MAX_READ = 5 * 1024 * 1024


def read_text(workspace: Path, rel: str) -> str | None:
    """A regular file of the workspace as text, or None (missing, a link, a FIFO, too big)."""
    path = workspace / rel
    try:
        path.resolve(strict=True).relative_to(workspace.resolve())
    except (OSError, ValueError, RuntimeError):  # RuntimeError: a symlink loop
        return None
    data = read_regular(path, MAX_READ)
    return None if data is None else data.decode("utf-8", errors="replace")


def file_exists(workspace: Path, path: str, **_: Any) -> tuple[bool, str]:
    ok = read_text(workspace, path) is not None
    return ok, f"{path} {'exists' if ok else 'does not exist (or is not a regular file)'}"


def _report(workspace: Path, path: str) -> tuple[dict[str, Any] | None, str]:
    text = read_text(workspace, path)
    if text is None:
        return None, f"{path} does not exist"
    try:
        data = loads_bounded(text)
    except JSONTooDeep:
        return None, f"{path} nests deeper than {MAX_JSON_DEPTH} levels; not read"
    except json.JSONDecodeError as e:
        return None, f"{path} is not valid JSON ({e.msg} at line {e.lineno})"
    except ValueError as e:
        return None, f"{path} is not valid JSON ({e})"
    if not isinstance(data, dict):
        return None, f"{path} is not a JSON object"
    return data, ""


def report_json_valid(workspace: Path, path: str, required_keys: list[str] = (), exact_keys: bool = False, **_: Any):
    data, why = _report(workspace, path)
    if data is None:
        return False, why
    missing = [k for k in required_keys if k not in data]
    if missing:
        return False, f"{path} lacks {', '.join(missing)}"
    extra = sorted(set(data) - set(required_keys)) if exact_keys else []
    if extra:
        return False, f"{path} has keys beyond those asked for: {', '.join(extra)}"
    return True, f"{path} parses and has {', '.join(required_keys) or 'an object'}"


def error_type_equals(workspace: Path, path: str, expected: list[str], **_: Any) -> tuple[bool, str]:
    data, why = _report(workspace, path)
    if data is None:
        return False, why
    code = data.get("error_type")
    if code not in ERROR_CODES:
        return False, f"error_type is {code!r}, not one of the eight codes"
    ok = code in expected
    return ok, f"error_type is {code}; {'one of' if ok else 'not one of'} {', '.join(expected)}"


def _locations(workspace: Path, path: str) -> tuple[list[Any] | None, str]:
    """The report's ``locations`` list, or None and why (no report, not a list, too many entries)."""
    data, why = _report(workspace, path)
    if data is None:
        return None, why
    locs = data.get("locations")
    if not isinstance(locs, list):
        return None, "report has no locations list"
    if len(locs) > MAX_LOCATIONS:
        return None, (f"the report lists {len(locs)} locations; a localization names at most {MAX_LOCATIONS} "
                      "(pointing everywhere is not finding the bug)")  # fmt: skip
    return locs, ""


def locations_overlap(
    workspace: Path, path: str, file: str, lines: list[int], function: str | None = None, **_: Any
) -> tuple[bool, str]:
    locs, why = _locations(workspace, path)
    if locs is None:
        return False, why
    lo, hi = lines
    widest = max_span(lo, hi)
    too_wide = None
    for loc in locs:
        if not isinstance(loc, dict) or str(loc.get("file", "")).lstrip("./") != file.lstrip("./"):
            continue
        span = loc.get("lines")
        if isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span):
            if span[0] <= hi and lo <= span[1] and (function is None or loc.get("function") == function):
                if span[1] - span[0] + 1 > widest:
                    too_wide = span
                    continue
                return True, f"{file}:{span[0]}-{span[1]} overlaps {lo}-{hi}" + (f" in {function}" if function else "")
    if too_wide is not None:
        return False, (f"{file}:{too_wide[0]}-{too_wide[1]} overlaps {lo}-{hi} but spans more than {widest} lines; "
                       "a location must be about as tight as the bug")  # fmt: skip
    return False, f"no reported location overlaps {file}:{lo}-{hi}" + (f" in {function}" if function else "")


MAX_LOCATIONS = 8
"""Most entries a report's ``locations`` may hold for any of them to count."""


def max_span(lo: int, hi: int) -> int:
    """Widest reported range that still localizes a bug on lines ``lo``–``hi``: 15 lines, or
    three times the bug's own width if that is more."""
    return max(15, 3 * (hi - lo + 1))


def locations_empty(workspace: Path, path: str, **_: Any) -> tuple[bool, str]:
    """The report points at no code: ``locations`` is an empty list (what a NONE answer should give)."""
    data, why = _report(workspace, path)
    if data is None:
        return False, why
    locs = data.get("locations")
    if locs == []:
        return True, "locations is an empty list"
    return False, f"locations is {'not a list' if not isinstance(locs, list) else f'a list of {len(locs)} entries'}"


def _guarded(check: Callable[..., tuple[bool, str]]) -> Callable[..., tuple[bool, str]]:
    """``check``, failing (not raising) on whatever the agent's file makes it raise."""

    @functools.wraps(check)
    def run(workspace: Path, **args: Any) -> tuple[bool, str]:
        try:
            return check(workspace, **args)
        except Exception as e:  # the input is the agent's: its criterion fails, the sample is scored
            return False, f"{args.get('path', 'the file')} could not be checked: {type(e).__name__}: {str(e)[:200]}"

    return run


from mle_env.grading import fix_checks, form_checks  # noqa: E402  (they import the helpers above)

FILE_CHECKS = {
    name: _guarded(check)
    for name, check in {
        "file_exists": file_exists,
        "report_json_valid": report_json_valid,
        "error_type_equals": error_type_equals,
        "locations_overlap": locations_overlap,
        "locations_empty": locations_empty,
        "locations_format": form_checks.locations_format,
        "prose_fields": form_checks.prose_fields,
        "standalone_script": form_checks.standalone_script,
        "locations_tight": form_checks.locations_tight,
        "locations_avoid": form_checks.locations_avoid,
        "report_shape": form_checks.report_shape,
        "revised_keeps_method": fix_checks.revised_keeps_method,
        "no_change_proposed": fix_checks.no_change_proposed,
    }.items()
}
