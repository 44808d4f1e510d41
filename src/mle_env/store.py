"""Where results go on disk. Every file is written atomically: a temp file, then a rename."""

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


def copy_response(workspace: Path, dest: Path, max_bytes: int = 20 * 1024 * 1024) -> list[str]:
    """Copy the agent's ``response/`` files out of a (closed) workspace, safely.

    The workspace was the agent's: links are never followed (``O_NOFOLLOW``), only regular
    files are copied (checked on the open descriptor, opened without blocking, so a FIFO
    cannot hang the harness), files past ``max_bytes`` and unreadable files are skipped.
    Returns the copied paths, relative to ``response/``.
    """
    src = workspace / "response"
    copied: list[str] = []
    if src.is_symlink() or not src.is_dir():
        return copied
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
        for name in filenames:
            p = Path(dirpath) / name
            data = _read_regular(p, max_bytes)
            if data is None:
                continue
            rel = p.relative_to(src)
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            copied.append(rel.as_posix())
    return sorted(copied)


def _read_regular(path: Path, max_bytes: int) -> bytes | None:
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
