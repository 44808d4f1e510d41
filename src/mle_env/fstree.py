"""Walking and removing directory trees an agent made: iteratively, at any depth, never following links.

Python 3.11's ``os.walk``, ``shutil.rmtree`` and ``Path.rglob`` recurse once per level, so a
1,100-deep directory raises ``RecursionError``; and 5,000 levels make a path longer than
``PATH_MAX``, which no path-based call reaches. Here every step is relative to a directory
descriptor (``openat``): the walk keeps an explicit stack, holds at most ``KEEP_OPEN``
descriptors, and beyond that depth climbs back through ``..``, checked against the device
and inode it must be. Nothing is followed through a symbolic link.

    for kind, e in walk(root, max_depth=32):
        ...  # kind: "file" | "dir" | "deep" | "error" | "up"; e.parent is open during the yield
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

KEEP_OPEN = 64
"""Directory descriptors a walk holds at most (one per level, down to this depth)."""
_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


@dataclass
class Entry:
    """One name in the tree. ``parent`` (a directory descriptor) is valid only during the yield."""

    parent: int
    name: str
    depth: int  # 1 for the root's own entries
    st: os.stat_result  # lstat: a link is a link
    parent_id: tuple[int, int] = (0, 0)  # the parent directory's (st_dev, st_ino)
    _above: list[str] = field(repr=False, default_factory=list)
    error: OSError | None = None
    skip: bool = False  # set on a "dir" entry to leave its contents unvisited

    @property
    def rel(self) -> str:
        """The path under the root, ``/``-joined (names as the OS gave them)."""
        return "/".join([*self._above[: self.depth - 1], self.name])


@dataclass
class _Level:
    fd: int | None
    ident: tuple[int, int]
    pending: list[tuple[str, bool]]  # (name, is a directory), popped from the end
    name: str
    st: os.stat_result | None


def walk(root: str | Path, *, max_depth: int | None = None, unlock: bool = False,
         max_entries: int | None = None) -> Iterator[tuple[str, Entry]]:  # fmt: skip
    """Every entry under ``root`` (a directory's files before its subdirectories), as
    ``(kind, entry)``:

    - ``file``: anything but a directory (regular file, link, FIFO, socket, device);
    - ``dir``: a directory, before its contents (set ``entry.skip`` to leave them);
    - ``deep``: a directory at ``max_depth``, whose contents are not visited;
    - ``error``: a directory that could not be opened or listed (``entry.error``);
    - ``up``: a directory after its contents (``rmdir(entry.name, dir_fd=entry.parent)`` works here).

    ``unlock`` makes each directory ``0o700`` (mode-000 directories the agent left), through a
    descriptor, never a name. ``max_entries`` lists at most that many names of one directory; the rest are
    reported once as an ``error`` entry named ``*`` with ``errno.E2BIG``. ``root`` itself must be a
    directory, not a link (``OSError`` otherwise). If the way back up is not the directory it
    came from (something moved the tree meanwhile), the walk stops with ``OSError``.
    """
    top = _open_dir(None, str(root), unlock)
    levels: list[_Level] = []
    names: list[str] = []  # the names from the root down to the current directory
    try:
        levels.append(_Level(top, _ident(os.fstat(top)), [], "", None))
        yield from _listed(levels[-1], max_entries, 0, names)
        while levels:
            lvl = levels[-1]
            if not lvl.pending:
                levels.pop()
                if not levels:
                    break
                parent = levels[-1]
                if parent.fd is None:  # deeper than KEEP_OPEN: climb through "..", checked
                    up = os.open("..", _DIR, dir_fd=lvl.fd)
                    if _ident(os.fstat(up)) != parent.ident:
                        os.close(up)
                        raise OSError(f"the tree under {root} moved during the walk")
                    parent.fd = up
                os.close(lvl.fd)
                lvl.fd = None
                names.pop()
                assert lvl.st is not None
                yield "up", Entry(parent.fd, lvl.name, len(levels), lvl.st, parent.ident, names)
                continue
            name, is_dir = lvl.pending.pop()
            try:
                st = os.stat(name, dir_fd=lvl.fd, follow_symlinks=False)
            except OSError:
                continue  # gone
            depth = len(levels)
            entry = Entry(lvl.fd, name, depth, st, lvl.ident, names)
            if not stat.S_ISDIR(st.st_mode):
                yield "file", entry
                continue
            if max_depth is not None and depth >= max_depth:
                yield "deep", entry
                continue
            yield "dir", entry
            if entry.skip:
                continue
            try:
                fd = _open_dir(lvl.fd, name, unlock)
            except OSError as e:
                entry.error = e
                yield "error", entry
                continue
            if _ident(os.fstat(fd)) != _ident(st):
                os.close(fd)
                entry.error = OSError(f"{entry.rel} changed while it was walked")
                yield "error", entry
                continue
            child = _Level(fd, _ident(st), [], name, st)
            names.append(name)
            levels.append(child)
            if len(levels) > KEEP_OPEN:
                os.close(lvl.fd)
                lvl.fd = None
            yield from _listed(child, max_entries, depth, names)
    finally:
        for lvl in levels:
            if lvl.fd is not None:
                os.close(lvl.fd)


def _open_dir(parent: int | None, name: str, unlock: bool) -> int:
    """Open the directory ``name`` (never through a link); with ``unlock``, make it ``0o700``
    first if its mode keeps us out, and after. The mode is changed through a descriptor of
    the directory itself, so a name swapped for a link meanwhile changes nothing elsewhere."""
    try:
        fd = os.open(name, _DIR, dir_fd=parent)
    except PermissionError:
        if not unlock:
            raise
        where = os.open(name, os.O_PATH | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=parent)
        try:
            os.chmod(f"/proc/self/fd/{where}", 0o700)  # the directory opened above, not a name
            # no O_NOFOLLOW here: the name is /proc's link to what ``where`` holds
            fd = os.open(f"/proc/self/fd/{where}", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        finally:
            os.close(where)
    if unlock:
        try:
            os.fchmod(fd, 0o700)  # writable and searchable: its entries can be removed
        except OSError:
            pass
    return fd


def _listed(lvl: _Level, max_entries: int | None, depth: int, names: list[str]) -> Iterator[tuple[str, Entry]]:
    """Fill ``lvl.pending`` (files first, then directories, each sorted); yield an ``error`` entry
    if the directory cannot be listed or has more than ``max_entries`` names."""
    assert lvl.fd is not None
    found: list[tuple[str, bool]] = []
    problem: OSError | None = None
    try:
        with os.scandir(lvl.fd) as it:
            for e in it:
                if max_entries is not None and len(found) >= max_entries:
                    problem = OSError(7, f"more than {max_entries:,} entries in one directory")  # E2BIG
                    break
                try:
                    found.append((e.name, e.is_dir(follow_symlinks=False)))
                except OSError:
                    found.append((e.name, False))
    except OSError as e:
        problem = e
    if problem is not None:
        st = lvl.st if lvl.st is not None else os.fstat(lvl.fd)
        yield "error", Entry(lvl.fd, "*", depth + 1, st, lvl.ident, names, error=problem)
    # popped from the end: directories (sorted, reversed) below files (sorted, reversed)
    dirs, files = sorted(x for x in found if x[1]), sorted(x for x in found if not x[1])
    lvl.pending = dirs[::-1] + files[::-1]


def _ident(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


def remove(root: str | Path) -> bool:
    """Remove ``root`` and everything under it, at any depth, through mode-000 directories;
    a link is removed, never followed. Never raises: returns whether ``root`` is gone.

    The root's own files go last, so a marker there (``owner.pid``) outlives an interrupted removal."""
    root = str(root)
    try:
        st = os.lstat(root)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode):
        try:
            os.unlink(root)
        except OSError:
            return False
        return True
    last: list[str] = []
    try:
        for kind, e in walk(root, unlock=True):
            try:
                if kind == "file" and e.depth == 1:
                    last.append(e.name)
                elif kind == "file":
                    os.unlink(e.name, dir_fd=e.parent)
                elif kind == "up":
                    os.rmdir(e.name, dir_fd=e.parent)
            except OSError:
                pass  # left in place; rmdir of its parent then fails too, and the caller hears False
    except OSError:
        pass
    for name in last:
        try:
            os.unlink(os.path.join(root, name))
        except OSError:
            pass
    try:
        os.rmdir(root)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return True
