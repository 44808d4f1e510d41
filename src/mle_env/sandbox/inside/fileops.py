"""File operations of the exec server, confined to the workspace (runs inside the sandbox).

Every path is resolved twice: normalised against the root, then ``realpath``-ed, so
neither ``..`` nor a symlink made by the agent leads outside. Only regular files are read
or written, and never by blocking on a FIFO: the server is one thread.
"""

from __future__ import annotations

import os
import stat


class Refused(Exception):
    """A request the server will not carry out; the message goes back to the caller."""


class Files:
    def __init__(self, root: str):
        self.root = os.path.realpath(root)

    def resolve(self, rel: str) -> str:
        if not isinstance(rel, str) or "\x00" in rel:
            raise Refused("path must be a string without NUL bytes")
        path = os.path.normpath(os.path.join(self.root, rel))
        if not self._inside(path):
            raise Refused(f"{rel!r} is outside the workspace")
        real = os.path.realpath(path)
        if not self._inside(real):
            raise Refused(f"{rel!r} is a symlink that leads outside the workspace (to {real})")
        return real

    def _inside(self, path: str) -> bool:
        return path == self.root or path.startswith(self.root + os.sep)

    def read(self, rel: str, max_bytes: int) -> dict:
        """Head and tail of a text file (within ``max_bytes``), or word that it is binary."""
        path = self.resolve(rel)
        try:
            st = os.stat(path)
        except FileNotFoundError:
            raise Refused(f"no such file: {rel}") from None
        if stat.S_ISDIR(st.st_mode):
            raise Refused(f"{rel} is a directory (use list_files)")
        if not stat.S_ISREG(st.st_mode):
            raise Refused(f"{rel} is not a regular file")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as f:
            if st.st_size <= max_bytes:
                data, cut = f.read(max_bytes + 1), 0
            else:
                half = max_bytes // 2
                head = f.read(half)
                f.seek(st.st_size - half)
                data, cut = head + f.read(half), st.st_size - 2 * half
        binary = b"\x00" in data[:8192]
        if binary:
            return {"size": st.st_size, "binary": True, "content": "", "cut": 0}
        return {
            "size": st.st_size,
            "binary": False,
            "content": data.decode("utf-8", errors="replace") if not cut else None,
            "head": data[: max_bytes // 2].decode("utf-8", errors="replace") if cut else None,
            "tail": data[max_bytes // 2 :].decode("utf-8", errors="replace") if cut else None,
            "cut": cut,
        }

    def write(self, rel: str, content: str) -> dict:
        """Create or replace a regular file (parents made as needed)."""
        path = self.resolve(rel)
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            st = None
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise Refused(f"{rel} is a directory")
        if st is not None and not stat.S_ISREG(st.st_mode):
            raise Refused(f"{rel} is not a regular file")
        data = content.encode("utf-8", errors="surrogatepass")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        # O_NONBLOCK: should a FIFO appear here after all, fail (ENXIO) instead of blocking the server.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_NONBLOCK, 0o644)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise Refused(f"{rel} is not a regular file")
            with os.fdopen(os.dup(fd), "wb") as f:
                f.write(data)
        except OSError as e:
            raise Refused(f"cannot write {rel}: {e.strerror}") from None
        finally:
            os.close(fd)
        return {"bytes": len(data)}

    def list(self, rel: str, limit: int) -> dict:
        """Sorted entries of a directory, each marked file, dir or link."""
        path = self.resolve(rel)
        if not os.path.isdir(path):
            raise Refused(f"{rel} is not a directory" if os.path.exists(path) else f"no such directory: {rel}")
        entries = []
        with os.scandir(path) as it:
            for e in it:
                kind = "link" if e.is_symlink() else "dir" if e.is_dir() else "file"
                entries.append((e.name, kind))
        entries.sort()
        return {"entries": entries[:limit], "total": len(entries)}
