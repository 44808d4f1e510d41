"""Atomic writes, and reading an agent's response files: within caps, at any depth, without
following its links, whatever bytes its names hold; and parsing the JSON it wrote."""

from __future__ import annotations

import errno
import itertools
import json
import os
import re
import stat
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mle_env import fstree


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
    """``obj`` as indented JSON, atomically. A lone surrogate (a non-UTF-8 byte of a file name or
    of a process's output, decoded with ``surrogateescape``) is written as its JSON escape
    (``\\udcff``), never an encoding error."""
    text = json.dumps(obj, indent=2, ensure_ascii=False, default=str) + "\n"
    write_atomic(path, text.encode("utf-8", "backslashreplace"))


MAX_JSON_DEPTH = 64
"""How deeply an agent-written JSON file may nest; deeper is a failed parse, not a crash."""


class JSONTooDeep(ValueError):
    """Agent-written JSON that nests deeper than allowed."""


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def loads_bounded(text: str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """``json.loads`` for text an agent wrote: nesting past ``max_depth`` raises ``JSONTooDeep``,
    and every other failure (bad JSON, a 5,000-digit number) a ``ValueError`` — never a
    ``RecursionError``. The depth is measured before parsing, at C speed."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    depth = max(itertools.accumulate(map(_STEP.__getitem__, brackets)), default=0)
    if depth > max_depth:
        raise JSONTooDeep(f"nests deeper than {max_depth} levels")
    try:
        return json.loads(text)
    except RecursionError:  # not reached after the scan; kept so no parse can crash its caller
        raise JSONTooDeep(f"nests deeper than {max_depth} levels") from None


MAX_RESPONSE_FILE = 20 * 1024 * 1024
MiB = 1024 * 1024


@dataclass(frozen=True)
class ResponseCaps:
    """What is copied out of an agent's ``response/`` at most. Sizes are apparent sizes (a sparse
    file counts what it claims), each hard link counts again, links are never followed."""

    files: int = 1000
    total_bytes: int = 50 * MiB
    file_bytes: int = MAX_RESPONSE_FILE
    depth: int = 32
    entries: int = 20_000  # names looked at, copied or not: bounds the walk's time and memory


CAPS = ResponseCaps()
CHUNK = MiB
_MAX_NOTED = 20


@dataclass
class Copied:
    """What ``copy_response`` copied (paths under ``response/``, names made UTF-8) and what it cut."""

    files: list[str] = field(default_factory=list)
    bytes: int = 0
    files_skipped: int = 0
    bytes_skipped: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    skipped: list[str] = field(default_factory=list)  # the first few, "path: why"
    renamed: list[str] = field(default_factory=list)  # names that had to be escaped, as written

    def skip(self, rel: str, why: str, size: int = 0, files: int = 1) -> None:
        self.files_skipped += files
        self.bytes_skipped += size
        self.reasons[why] += 1
        if len(self.skipped) < _MAX_NOTED:
            self.skipped.append(f"{rel}: {why}")

    def cut(self) -> dict[str, Any] | None:
        """The record of what was left out (``result["response_cut"]``), or None if nothing was."""
        if not (self.reasons or self.renamed):
            return None
        reasons = [f"{why} ({n}\u00d7)" if n > 1 else why for why, n in self.reasons.most_common()]
        if self.renamed:
            reasons.append(f"{len(self.renamed)} name(s) not UTF-8 or holding '\\': copied with %XX escapes")
        return {
            "files_skipped": self.files_skipped,
            "bytes_skipped": self.bytes_skipped,
            "reasons": reasons,
            "skipped": self.skipped,
            "renamed": self.renamed,
        }


_ESCAPES = {0xDC00 + b: f"%{b:02X}" for b in range(0x80, 0x100)} | {ord("\\"): "%5C"}


def printable(name: str) -> str:
    """A name the OS gave, as a path the harness can write, show and hand on: each byte that is
    not UTF-8 becomes ``%XX`` (``bad\\xff.txt`` → ``bad%FF.txt``), and so does a backslash
    (``%5C``), which no task-file path may hold."""
    return os.fsencode(name).decode("utf-8", "surrogateescape").translate(_ESCAPES)


def _accepted(src: Path, caps: ResponseCaps, copied: Copied) -> Iterator[tuple[str, int, str, os.stat_result]]:
    """The regular files of ``src`` that fit ``caps``, as ``(name as written, parent fd, name, lstat)``;
    everything else is recorded on ``copied``. The caller must count each file it takes."""
    try:
        st = os.lstat(src)
    except OSError:
        return
    if not stat.S_ISDIR(st.st_mode):
        if stat.S_ISLNK(st.st_mode):
            copied.skip("response", "response/ is a link: not followed")
        return
    seen = 0
    try:
        for kind, e in fstree.walk(src, max_depth=caps.depth, max_entries=caps.entries):
            seen += 1
            if seen > caps.entries:
                why = f"past {caps.entries:,} names under response/: the rest not looked at"
                copied.skip(printable(e.rel), why, files=0)
                return
            if kind == "deep":
                copied.skip(printable(e.rel), f"deeper than {caps.depth} levels: not entered", files=0)
            elif kind == "error":
                copied.skip(printable(e.rel), f"could not be listed ({_why(e.error)})", files=0)
            elif kind == "file":
                rel, mode = printable(e.rel), e.st.st_mode
                if not stat.S_ISREG(mode):
                    copied.skip(rel, f"a {_kind(mode)}: not copied")
                elif len(copied.files) >= caps.files:
                    copied.skip(rel, f"over the {caps.files:,}-file cap", e.st.st_size)
                elif e.st.st_size > caps.file_bytes:
                    copied.skip(rel, f"larger than the {_size(caps.file_bytes)} per-file cap", e.st.st_size)
                elif copied.bytes + e.st.st_size > caps.total_bytes:
                    copied.skip(rel, f"over the {_size(caps.total_bytes)} total cap", e.st.st_size)
                else:
                    if rel != e.rel:
                        copied.renamed.append(rel)
                    yield rel, e.parent, e.name, e.st
    except OSError as e:
        copied.skip("response", f"could not be walked ({_why(e)})", files=0)


def _open_regular(parent: int, name: str, st: os.stat_result) -> int | None:
    """A descriptor of the regular file ``name`` (the one ``st`` describes), never through a link
    or a FIFO; else None."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=parent)
    except OSError:
        return None
    try:
        now = os.fstat(fd)
        if stat.S_ISREG(now.st_mode) and (now.st_dev, now.st_ino) == (st.st_dev, st.st_ino):
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


def response_files(workspace: Path, caps: ResponseCaps = CAPS) -> dict[str, bytes]:
    """The agent's ``response/`` files of a (closed) workspace, by path under ``response/``, within
    ``caps`` (as ``copy_response`` takes them: the grader reads the run directory's copy).

    Links are never followed, only regular files are read (checked on the open descriptor,
    opened without blocking, so a FIFO cannot hang the harness); the rest is skipped.
    """
    found: dict[str, bytes] = {}
    copied = Copied()
    for rel, parent, name, st in _accepted(Path(workspace) / "response", caps, copied):
        fd = _open_regular(parent, name, st)
        if fd is None:
            continue
        try:
            with os.fdopen(fd, "rb") as f:
                data = f.read(min(st.st_size, caps.file_bytes) + 1)[: caps.file_bytes]
        except OSError:
            continue
        found[rel] = data
        copied.files.append(rel)
        copied.bytes += len(data)
    return dict(sorted(found.items()))


def copy_response(workspace: Path, dest: Path, caps: ResponseCaps = CAPS) -> Copied:
    """Copy the agent's ``response/`` files to ``dest`` within ``caps``, streamed in chunks (no
    file is ever whole in memory). Names that are not UTF-8 are written escaped (``printable``).

    Reading is the agent's side: what cannot be read is skipped and recorded. Writing is the
    harness's: an ``OSError`` there (a full disk) is raised to the caller.
    """
    copied = Copied()
    for rel, parent, name, st in _accepted(Path(workspace) / "response", caps, copied):
        fd = _open_regular(parent, name, st)
        if fd is None:
            copied.skip(rel, "could not be opened as a regular file", st.st_size)
            continue
        target = dest / rel
        with os.fdopen(fd, "rb", buffering=0) as src:
            try:
                n = _stream(src, target, min(st.st_size, caps.file_bytes))
            except OSError as e:
                if e.errno in HOST_ERRNOS:
                    raise
                copied.skip(rel, f"could not be written under its name ({_why(e)})", st.st_size)
                continue
        copied.files.append(rel)
        copied.bytes += n
    copied.files.sort()
    return copied


HOST_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EROFS, errno.ENOMEM})
"""Write errors that are the host's (disk full, quota, I/O, read-only), not a name's."""


def _stream(src: Any, target: Path, limit: int) -> int:
    """Copy at most ``limit`` bytes of ``src`` to a new file ``target``, ``CHUNK`` at a time."""
    target.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    buf = memoryview(bytearray(min(CHUNK, max(limit, 1))))  # one buffer, reused: no chunk is allocated twice
    with open(target, "xb", buffering=0) as out:  # "x": two names that escape alike never overwrite each other
        try:
            while n < limit:
                try:
                    got = src.readinto(buf[: min(len(buf), limit - n)])
                except OSError:
                    break  # the agent's file: what was read is kept
                if not got:
                    break
                done = 0
                while done < got:
                    done += out.write(buf[done:got])
                n += got
        except BaseException:
            target.unlink(missing_ok=True)  # a disk that filled up gets its space back
            raise
    return n


def _why(e: BaseException | None) -> str:
    return (e.strerror if isinstance(e, OSError) and e.strerror else str(e)) or "unknown error"


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "symbolic link"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def _size(n: int) -> str:
    return f"{n // MiB} MiB" if n >= MiB and n % MiB == 0 else f"{n:,} bytes"


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
