"""The exec server: one per sandbox, running *inside* it, driven over its stdin/stdout.

Keeping one server alive per sample (instead of a fresh sandbox per call) makes a tool
call cost one fork/exec plus a pipe round trip. The host sends one JSON request per
line and reads one JSON response per line, matched by ``id``; requests run concurrently.

Requests (every path is relative to the workspace root given by ``--root``):

    {"id": 1, "op": "exec", "argv": [...], "cwd": "src", "timeout": 60, "env": {}, "paths": ["src/x.py"]}
    {"id": 2, "op": "read", "path": "src/x.py", "max_bytes": 1048576}
    {"id": 3, "op": "write", "path": "response/report.json", "content": "..."}
    {"id": 4, "op": "list", "path": "."}
    {"id": 5, "op": "ping"}

Each process runs in its own session and process group, with the server's resource
limits (address space, processes, file size, open files) and a per-process CPU limit.
When a call ends, its process group is killed; with ``--reap`` (only inside a private
PID namespace) every process of the sandbox but the server is killed once no call is
running, so nothing an agent starts outlives the tool call that started it.

Standard library only: it runs under whatever Python the sandbox has.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import selectors
import signal
import stat
import subprocess
import sys
import threading
import time

RLIMITS = {
    "as": resource.RLIMIT_AS,
    "nproc": resource.RLIMIT_NPROC,
    "fsize": resource.RLIMIT_FSIZE,
    "nofile": resource.RLIMIT_NOFILE,
    "core": resource.RLIMIT_CORE,
}


class Refused(Exception):
    """A request the server will not carry out; the message goes back to the caller."""


class Capture:
    """Keeps the first and last ``cap // 2`` bytes of a stream and counts the rest."""

    def __init__(self, cap: int):
        self.half = max(cap // 2, 1)
        self.head = bytearray()
        self.tail = bytearray()
        self.total = 0

    def add(self, data: bytes) -> None:
        self.total += len(data)
        room = self.half - len(self.head)
        if room > 0:
            self.head += data[:room]
            data = data[room:]
        if data:
            self.tail += data
            if len(self.tail) > self.half:
                del self.tail[: len(self.tail) - self.half]

    def text(self) -> str:
        cut = self.total - len(self.head) - len(self.tail)
        body = bytes(self.head)
        if cut > 0:
            body += f"\n[... {cut:,} bytes cut ...]\n".encode()
        return (body + bytes(self.tail)).decode("utf-8", errors="replace")


class Server:
    def __init__(self, root: str, reap: bool, cpu: int, capture: int, max_output: int):
        self.root = os.path.realpath(root)
        self.reap = reap and self._in_private_pid_namespace()
        self.cpu = cpu
        self.capture = capture
        self.max_output = max_output
        self.out_lock = threading.Lock()
        self.flight_lock = threading.Lock()
        self.in_flight = 0

    @staticmethod
    def _in_private_pid_namespace() -> bool:
        # kill(-1) outside a private PID namespace would hit every process of this uid.
        return os.getpid() <= 16

    # ------------------------------------------------------------ paths
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

    def rel(self, real: str) -> str:
        return os.path.relpath(real, self.root)

    # ------------------------------------------------------------ ops
    def op_ping(self, req: dict) -> dict:
        return {"pid": os.getpid(), "uid": os.getuid(), "reap": self.reap}

    def op_read(self, req: dict) -> dict:
        path = self.resolve(req["path"])
        max_bytes = int(req.get("max_bytes", 1 << 20))
        try:
            st = os.stat(path)
        except FileNotFoundError:
            raise Refused(f"no such file: {req['path']}") from None
        if stat.S_ISDIR(st.st_mode):
            raise Refused(f"{req['path']} is a directory (use list_files)")
        if not stat.S_ISREG(st.st_mode):
            raise Refused(f"{req['path']} is not a regular file")
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
            return {"size": st.st_size, "binary": True, "content": "", "cut": 0, "cut_at": 0}
        return {
            "size": st.st_size,
            "binary": False,
            "content": data.decode("utf-8", errors="replace") if not cut else None,
            "head": data[: max_bytes // 2].decode("utf-8", errors="replace") if cut else None,
            "tail": data[max_bytes // 2 :].decode("utf-8", errors="replace") if cut else None,
            "cut": cut,
        }

    def op_write(self, req: dict) -> dict:
        path = self.resolve(req["path"])
        if os.path.isdir(path):
            raise Refused(f"{req['path']} is a directory")
        data = req["content"].encode("utf-8", errors="surrogatepass")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
        except OSError as e:
            raise Refused(f"cannot write {req['path']}: {e.strerror}") from None
        return {"bytes": len(data)}

    def op_list(self, req: dict) -> dict:
        path = self.resolve(req.get("path", "."))
        limit = int(req.get("limit", 2000))
        if not os.path.isdir(path):
            raise Refused(f"{req.get('path')} is not a directory" if os.path.exists(path) else f"no such directory: {req.get('path')}")
        entries = []
        with os.scandir(path) as it:
            for e in it:
                kind = "link" if e.is_symlink() else "dir" if e.is_dir() else "file"
                entries.append((e.name, kind))
        entries.sort()
        return {"entries": entries[:limit], "total": len(entries)}

    def op_exec(self, req: dict) -> dict:
        for p in req.get("paths", []):
            self.resolve(p)
        cwd = self.resolve(req.get("cwd", "."))
        if not os.path.isdir(cwd):
            raise Refused(f"working directory {req.get('cwd')!r} does not exist")
        env = dict(os.environ)
        env.update(req.get("env") or {})
        timeout = float(req.get("timeout", 60))
        start = time.monotonic()
        try:
            proc = subprocess.Popen(
                req["argv"],
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
                close_fds=True,
            )
        except OSError as e:
            raise Refused(f"cannot start {req['argv'][0]!r}: {e.strerror}") from None
        if self.cpu:
            try:
                resource.prlimit(proc.pid, resource.RLIMIT_CPU, (self.cpu, self.cpu + 1))
            except (OSError, ValueError):
                pass
        out, err = Capture(self.capture), Capture(self.capture)
        timed_out, too_much = self._pump(proc, out, err, start + timeout)
        code = proc.wait()
        return {
            "exit_code": code if code >= 0 else None,
            "signal": -code if code < 0 else None,
            "timed_out": timed_out,
            "output_exceeded": too_much,
            "stdout": out.text(),
            "stderr": err.text(),
            "stdout_bytes": out.total,
            "stderr_bytes": err.total,
            "duration": time.monotonic() - start,
        }

    def _pump(self, proc: subprocess.Popen, out: Capture, err: Capture, deadline: float) -> tuple[bool, bool]:
        """Read both pipes until they close and the process has exited, within the deadline."""
        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ, out)
        sel.register(proc.stderr, selectors.EVENT_READ, err)
        pipes = 2
        pidfd = None
        try:
            pidfd = os.pidfd_open(proc.pid)
            sel.register(pidfd, selectors.EVENT_READ, None)
        except (AttributeError, OSError):
            pass
        timed_out = too_much = exited = False
        grace_until = None  # once set, the call is ending: stop reading at this time
        try:
            while pipes or not exited:
                now = time.monotonic()
                if grace_until is None and now >= deadline:
                    timed_out = True
                    self._kill_group(proc)
                    grace_until = now + 0.5
                if grace_until is not None and now >= grace_until:
                    break  # something outside the group still holds the pipes
                limit = grace_until if grace_until is not None else deadline
                wait = limit - now if pidfd is not None else min(limit - now, 0.02)
                for key, _ in sel.select(max(wait, 0)):
                    if key.data is None:
                        sel.unregister(key.fileobj)
                        exited = True
                        continue
                    chunk = os.read(key.fileobj.fileno(), 65536)
                    if not chunk:
                        sel.unregister(key.fileobj)
                        pipes -= 1
                        continue
                    key.data.add(chunk)
                    if not too_much and out.total + err.total > self.max_output:
                        too_much = True
                        self._kill_group(proc)
                        grace_until = time.monotonic() + 0.5
                if not exited and pidfd is None and proc.poll() is not None:
                    exited = True
                if exited and pipes and grace_until is None:
                    # The main process is done: background members of its group go too.
                    self._kill_group(proc)
                    grace_until = time.monotonic() + 0.25
        finally:
            sel.close()
            if pidfd is not None:
                os.close(pidfd)
            proc.stdout.close()
            proc.stderr.close()
        self._kill_group(proc)  # nothing of this call's process group outlives it
        return timed_out, too_much

    @staticmethod
    def _kill_group(proc: subprocess.Popen) -> None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def reap_all(self) -> None:
        """Kill every process in the sandbox but this server (and the namespace's init)."""
        if not self.reap:
            return
        try:
            os.kill(-1, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    # ------------------------------------------------------------ loop
    def handle(self, req: dict) -> None:
        with self.flight_lock:
            self.in_flight += 1
        try:
            op = getattr(self, "op_" + str(req.get("op")), None)
            if op is None:
                resp = {"ok": False, "error": f"unknown op {req.get('op')!r}"}
            else:
                resp = {"ok": True, **op(req)}
        except Refused as e:
            resp = {"ok": False, "error": str(e)}
        except (KeyError, TypeError, ValueError) as e:
            resp = {"ok": False, "error": f"bad request: {type(e).__name__}: {e}"}
        except OSError as e:
            resp = {"ok": False, "error": f"{e.strerror or e}"}
        finally:
            with self.flight_lock:
                self.in_flight -= 1
                if self.in_flight == 0:
                    self.reap_all()
        resp["id"] = req.get("id")
        self.send(resp)

    def send(self, obj: dict) -> None:
        line = json.dumps(obj, ensure_ascii=False) + "\n"
        with self.out_lock:
            sys.stdout.write(line)
            sys.stdout.flush()

    def serve(self) -> None:
        self.send({"ready": True, "pid": os.getpid(), "uid": os.getuid(), "reap": self.reap})
        for line in sys.stdin:
            try:
                req = json.loads(line)
            except json.JSONDecodeError as e:
                self.send({"id": None, "ok": False, "error": f"bad request line: {e}"})
                continue
            if req.get("op") == "ping":
                self.handle(req)  # cheap: answer inline
                continue
            threading.Thread(target=self.handle, args=(req,), daemon=True).start()
        self.reap_all()


def apply_limits(specs: list[str]) -> None:
    for spec in specs:
        name, _, value = spec.partition("=")
        n = int(value)
        resource.setrlimit(RLIMITS[name], (n, n))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--reap", action="store_true")
    ap.add_argument("--rlimit", action="append", default=[])
    ap.add_argument("--cpu", type=int, default=0)
    ap.add_argument("--capture", type=int, default=1 << 20)
    ap.add_argument("--max-output", type=int, default=64 << 20)
    ap.add_argument("--drop-to", type=int, help="uid (and gid) to become before doing anything else")
    ap.add_argument("--then-exec", nargs=argparse.REMAINDER, help="apply the limits, then exec this command")
    args = ap.parse_args()
    apply_limits(args.rlimit)
    if args.drop_to is not None:
        os.setgroups([])
        os.setgid(args.drop_to)
        os.setuid(args.drop_to)
    if args.then_exec:
        os.chdir(args.root)
        os.execvp(args.then_exec[0], args.then_exec)
    threading.stack_size(512 * 1024)
    sys.stdout = open(sys.stdout.fileno(), "w", encoding="utf-8", closefd=False)
    Server(args.root, args.reap, args.cpu, args.capture, args.max_output).serve()


if __name__ == "__main__":
    main()
