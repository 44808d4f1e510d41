"""Where results go on disk. Every file is written atomically: a temp file, then a rename."""

from __future__ import annotations

import json
import os
import shutil
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
    """Copy the agent's ``response/`` files out of a workspace, safely.

    The workspace was the agent's: links are not followed, only regular files are copied,
    and each is capped at ``max_bytes``. Returns the copied paths (relative to ``response/``).
    """
    src = workspace / "response"
    copied: list[str] = []
    if src.is_symlink() or not src.is_dir():
        return copied
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
        for name in filenames:
            p = Path(dirpath) / name
            if p.is_symlink() or not p.is_file() or p.stat().st_size > max_bytes:
                continue
            rel = p.relative_to(src)
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, target, follow_symlinks=False)
            copied.append(rel.as_posix())
    return sorted(copied)
