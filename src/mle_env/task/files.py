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


def task_dir_problem(task_dir: str, protected: tuple[str, ...] = ()) -> str | None:
    """Why ``task_dir`` cannot hold a workspace, or None. ``protected``: more directories it may
    not cover or lie in (the host's Python, for a backend that mounts it)."""
    if not task_dir.startswith("/") or posixpath.normpath(task_dir) != task_dir or task_dir == "/":
        return f"must be a normalised absolute directory other than '/', got {task_dir!r}"
    if task_dir in ("/tmp", "/dev/shm"):
        return f"{task_dir} is the sandbox's scratch space; use a directory of its own such as /app"
    for d in (*SYSTEM_DIRS, *protected):
        if task_dir == d or task_dir.startswith(d + "/") or d.startswith(task_dir + "/"):
            return f"{task_dir!r} overlaps {d}, which the sandbox itself needs; use a directory of its own such as /app"
    return None
