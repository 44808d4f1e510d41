"""Task files: path rules, the binary encoding, and writing them into a workspace."""

from __future__ import annotations

import base64
import binascii
import os
import posixpath
import re
from collections.abc import Mapping
from pathlib import Path

from mle_env.errors import Problem

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Largest single task file, decoded."""
MAX_TOTAL_BYTES = 50 * 1024 * 1024
"""Largest sum of a task's files, decoded."""

_DATA_URL = re.compile(r"^data:([\w.+-]+/[\w.+-]+)?;base64,")
"""Binary files are written as RFC 2397 data URLs: ``data:application/octet-stream;base64,...``."""


def is_binary_content(content: str) -> bool:
    return _DATA_URL.match(content) is not None


def decode_content(content: str) -> bytes:
    """The bytes a task file's value stands for. Raises ``ValueError`` on a bad data URL."""
    m = _DATA_URL.match(content)
    if m is None:
        return content.encode("utf-8")
    try:
        return base64.b64decode(content[m.end() :], validate=True)
    except binascii.Error as e:
        raise ValueError(f"invalid base64 after the data: marker ({e})") from None


def encode_binary(data: bytes, mime: str = "application/octet-stream") -> str:
    """The task-file value for binary ``data``."""
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def path_problem(key: str) -> str | None:
    """Why ``key`` cannot be a task file path, or None when it can."""
    if not key:
        return "empty path"
    if "\x00" in key:
        return "path contains a NUL byte"
    if "\\" in key:
        return "use '/' as the separator, not '\\'"
    if key.startswith("/"):
        return "absolute path: task files are relative to task_dir"
    if ".." in key.split("/"):
        return "path contains '..'"
    norm = posixpath.normpath(key)
    if norm in (".", ""):
        return "path names the task directory itself"
    return None


def check_files(files: Mapping[str, str], where: str = "$.task_files") -> list[Problem]:
    """Every problem with a task's files: paths, collisions, encoding, sizes."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    total = 0
    for key, content in files.items():
        at = f"{where}[{key!r}]"
        why = path_problem(key)
        if why:
            problems.append(Problem(at, why))
            continue
        norm = posixpath.normpath(key)
        if norm in seen:
            problems.append(Problem(at, f"collides with {seen[norm]!r}: both are {norm!r} after normalisation"))
            continue
        seen[norm] = key
        try:
            content.encode("utf-8")
        except UnicodeEncodeError as e:
            problems.append(Problem(at, f"content is not valid UTF-8 text (at character {e.start}); encode binary files as data:...;base64,"))
            continue
        try:
            size = len(decode_content(content))
        except ValueError as e:
            problems.append(Problem(at, str(e)))
            continue
        if size > MAX_FILE_BYTES:
            problems.append(Problem(at, f"{size:,} bytes is over the {MAX_FILE_BYTES:,}-byte limit for one file"))
        total += size
    for norm, key in seen.items():
        parent = posixpath.dirname(norm)
        while parent:
            if parent in seen:
                problems.append(Problem(f"{where}[{key!r}]", f"needs {parent!r} to be a directory, but it is also a file"))
                break
            parent = posixpath.dirname(parent)
    if total > MAX_TOTAL_BYTES:
        problems.append(Problem(where, f"{total:,} bytes in all is over the {MAX_TOTAL_BYTES:,}-byte limit"))
    return problems


def materialize(files: Mapping[str, str], root: Path) -> None:
    """Write ``files`` under ``root`` (which must exist). Paths must have passed ``check_files``."""
    for key, content in files.items():
        why = path_problem(key)
        if why:
            raise ValueError(f"task file {key!r}: {why}")
        target = root / posixpath.normpath(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = decode_content(content)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(data)


# Where the sandbox's own system lives: a task's files may not be mounted over it (or over a
# directory holding it), or they would replace the programs the sandbox runs before it drops root.
SYSTEM_DIRS = ("/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/proc", "/run", "/sbin",
               "/sys", "/usr")  # fmt: skip

TASK_DIR_ROOTS = ("/app", "/workspace", "/work", "/code", "/project", "/data")
"""A ``task_dir`` is one of these or a directory below one of them ..."""
TASK_DIR_PARENTS = ("/home", "/srv", "/opt", "/mnt")
"""... or a directory below one of these (never the directory itself)."""
_COMPONENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,63}")
MAX_TASK_DIR_DEPTH = 8


def task_dir_problem(task_dir: str, protected: tuple[str, ...] = ()) -> str | None:
    """Why ``task_dir`` cannot hold a workspace, or None.

    ``task_dir`` is a path the agent *sees*, so it is accepted only in one canonical spelling under
    an allowed root (``/app``, ``/workspace``, ``/home/NAME``, ... — see ``TASK_DIR_ROOTS``): plain
    components of letters, digits, ``_ . -`` (none starting with a dot or a dash), one slash
    between them, none at the end. Every other spelling (``//etc``, ``/app/``, ``/app/../etc``,
    ``/app/./x``) is refused rather than normalised, so no spelling can reach a system directory.
    ``protected``: more directories it may not cover or lie in (the host's Python, for a backend
    that mounts it).
    """
    hint = "use /app (the reference default) or a directory below " + ", ".join(TASK_DIR_ROOTS + TASK_DIR_PARENTS)
    if not isinstance(task_dir, str) or not task_dir.startswith("/"):
        return f"must be an absolute path, got {task_dir!r}; {hint}"
    parts = task_dir[1:].split("/")
    if len(parts) > MAX_TASK_DIR_DEPTH or not all(_COMPONENT.fullmatch(p) for p in parts):
        return (f"{task_dir!r} is not a canonical path (plain names joined by single slashes, "
                f"at most {MAX_TASK_DIR_DEPTH} deep, no '.', '..', empty or hidden parts); {hint}")  # fmt: skip
    top = "/" + parts[0]
    if not (top in TASK_DIR_ROOTS or (top in TASK_DIR_PARENTS and len(parts) >= 2)):
        return f"{task_dir!r} is not under an allowed root; {hint}"
    for d in (*SYSTEM_DIRS, *protected):
        if task_dir == d or task_dir.startswith(d + "/") or d.startswith(task_dir + "/"):
            return f"{task_dir!r} overlaps {d}, which the sandbox itself needs; use a directory of its own such as /app"
    return None
