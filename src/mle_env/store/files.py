"""Atomic writes, and reading an agent's response files without following its links."""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Replace ``path`` with ``data`` in one step: readers see the old file or the new, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(path: str | Path, obj: Any) -> None:
    write_atomic(path, json.dumps(obj, indent=2, ensure_ascii=False, default=str) + "\n")


MAX_RESPONSE_FILE = 20 * 1024 * 1024


def response_files(workspace: Path, max_bytes: int = MAX_RESPONSE_FILE) -> dict[str, bytes]:
    """The agent's ``response/`` files of a (closed) workspace, read safely, by path under ``response/``.

    The workspace was the agent's: links are never followed (``O_NOFOLLOW``), only regular
    files are read (checked on the open descriptor, opened without blocking, so a FIFO
    cannot hang the harness), files past ``max_bytes`` and unreadable files are skipped.
    """
    src = workspace / "response"
    found: dict[str, bytes] = {}
    if src.is_symlink() or not src.is_dir():
        return found
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
        for name in filenames:
            p = Path(dirpath) / name
            data = read_regular(p, max_bytes)
            if data is not None:
                found[p.relative_to(src).as_posix()] = data
    return dict(sorted(found.items()))


def copy_response(workspace: Path, dest: Path, max_bytes: int = MAX_RESPONSE_FILE) -> list[str]:
    """Copy ``response_files`` to ``dest``; returns the copied paths, relative to ``response/``."""
    files = response_files(workspace, max_bytes)
    for rel, data in files.items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return list(files)


def read_regular(path: Path, max_bytes: int) -> bytes | None:
    """A regular file's bytes (at most ``max_bytes``), never through a link or a FIFO; else None."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes:
            return None
        with os.fdopen(os.dup(fd), "rb") as f:
            return f.read(max_bytes + 1)[:max_bytes]
    except OSError:
        return None
    finally:
        os.close(fd)
