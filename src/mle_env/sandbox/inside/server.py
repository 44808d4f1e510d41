"""The exec server: one per sandbox, running *inside* it, driven over its stdin/stdout.

Keeping one server alive per sample (instead of a fresh sandbox per call) makes a tool
call cost one posix_spawn plus a pipe round trip. The host sends one JSON request per
line and reads one JSON response per line, matched by ``id``. One thread and one
selector serve everything: file operations are answered at once, processes run
concurrently and are answered when they end.

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

Where it can, the server is PID 1 of the sandbox's PID namespace (bwrap ``--as-pid-1``,
Docker without ``--init``): the kernel then delivers no signal from inside the namespace
that the server has no handler for, SIGKILL included, so the agent's ``kill -9 -1`` cannot
take the sandbox down. As PID 1 it also reaps every orphan (on SIGCHLD).

Standard library only: it runs under whatever Python the sandbox has.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import selectors
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # -I leaves the script's directory out

from fileops import Files, Refused  # noqa: E402
from jobs import Capture, Job, kill_group, oom_score_adj  # noqa: E402
from privileges import apply_limits, capabilities, check_capabilities  # noqa: E402
from seccomp import deny_user_namespaces  # noqa: E402

class Server:
    def __init__(self, root: str, reap: bool, cpu: int, capture: int, max_output: int):
        self.files = Files(root)
        self.reap = reap and self._in_private_pid_namespace()
        self.cpu = cpu
        self.capture = capture
        self.max_output = max_output
        self.sel = selectors.DefaultSelector()
        self.jobs: dict[int, Job] = {}
        self.polling: set[Job] = set()  # jobs without a pidfd, checked on every tick
        self.init = os.getpid() == 1
        self.sigchld: int | None = None
        if self.init:  # orphans are ours to reap: wake the loop on SIGCHLD
            r, w = os.pipe()
            for fd in (r, w):
                os.set_blocking(fd, False)
            signal.signal(signal.SIGCHLD, lambda *_: None)
            signal.set_wakeup_fd(w, warn_on_full_buffer=False)
            self.sigchld = r

    @staticmethod
    def _in_private_pid_namespace() -> bool:
        # kill(-1) outside a private PID namespace would hit every process of this uid.
        return os.getpid() <= 16

    # ------------------------------------------------------------ paths
    def op_ping(self, req: dict) -> dict:
        return {"pid": os.getpid(), "uid": os.getuid(), "reap": self.reap}

    def op_read(self, req: dict) -> dict:
        return self.files.read(req["path"], int(req.get("max_bytes", 1 << 20)))

    def op_write(self, req: dict) -> dict:
        return self.files.write(req["path"], req["content"])

    def op_list(self, req: dict) -> dict:
        return self.files.list(req.get("path", "."), int(req.get("limit", 2000)))

    def start_exec(self, req: dict) -> Job:
        for p in req.get("paths", []):
            self.files.resolve(p)
        cwd = self.files.resolve(req.get("cwd", "."))
        if not os.path.isdir(cwd):
            raise Refused(f"working directory {req.get('cwd')!r} does not exist")
        argv = req["argv"]
        if not argv or not all(isinstance(a, str) for a in argv):
            raise Refused("argv must be a non-empty list of strings")
        env = dict(os.environ)
        env.update(req.get("env") or {})
        r_out, w_out = os.pipe()
        r_err, w_err = os.pipe()
        start = time.monotonic()
        try:
            # One thread, so changing directory before the spawn is safe; posix_spawn
            # (vfork underneath) costs a fraction of fork + exec.
            os.chdir(cwd)
            # The child inherits this at fork, before it can start anything of its own: when the
            # sandbox runs out of memory the kernel kills agent processes before the server.
            oom_score_adj(1000)
            pid = os.posix_spawnp(
                argv[0],
                argv,
                env,
                file_actions=[
                    (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
                    (os.POSIX_SPAWN_DUP2, w_out, 1),
                    (os.POSIX_SPAWN_DUP2, w_err, 2),
                ],
                setsid=True,
                # Python ignores these; an ignored signal stays ignored across exec.
                setsigdef=(signal.SIGPIPE, signal.SIGXFSZ),
            )
        except OSError as e:
            for fd in (r_out, r_err):
                os.close(fd)
            raise Refused(f"cannot start {argv[0]!r}: {e.strerror}") from None
        finally:
            oom_score_adj(0)
            os.close(w_out)
            os.close(w_err)
        if self.cpu:
            try:
                resource.prlimit(pid, resource.RLIMIT_CPU, (self.cpu, self.cpu + 1))
            except (OSError, ValueError):
                pass
        job = Job(req.get("id"), pid, start, start + float(req.get("timeout", 60)), self.capture)
        for fd, cap in ((r_out, job.out), (r_err, job.err)):
            os.set_blocking(fd, False)
            self.sel.register(fd, selectors.EVENT_READ, (job, cap))
            job.fds.append(fd)
        try:
            job.pidfd = os.pidfd_open(pid)
            self.sel.register(job.pidfd, selectors.EVENT_READ, (job, None))
        except (AttributeError, OSError):
            self.polling.add(job)
        self.jobs[pid] = job
        return job

    # ------------------------------------------------------------ job events
    def on_output(self, job: Job, cap: Capture, fd: int) -> None:
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            return
        if not chunk:
            self._close_fd(job, fd)
            return
        cap.add(chunk)
        if not job.too_much and job.out.total + job.err.total > self.max_output:
            job.too_much = True
            self._end(job, 0.5)

    def on_exit(self, job: Job) -> None:
        if job.status is None:
            try:
                pid, status = os.waitpid(job.pid, os.WNOHANG)
            except ChildProcessError:
                pid, status = job.pid, 0
            if pid == 0:
                return
            job.status = status
        self._exited(job)

    def _exited(self, job: Job) -> None:
        """The call's main process is done: whatever else of its group still holds the pipes goes too."""
        if job.pidfd is not None:
            self.sel.unregister(job.pidfd)
            os.close(job.pidfd)
            job.pidfd = None
        self.polling.discard(job)
        self._end(job, 0.25)

    def _end(self, job: Job, grace: float) -> None:
        kill_group(job.pid)
        if job.grace_until is None:
            job.grace_until = time.monotonic() + grace

    def _close_fd(self, job: Job, fd: int) -> None:
        self.sel.unregister(fd)
        os.close(fd)
        job.fds.remove(fd)

    def reap_orphans(self) -> None:
        """As PID 1: collect every exited child, recording the status of our jobs' own processes."""
        if self.sigchld is None:
            return
        try:
            while os.read(self.sigchld, 4096):
                pass
        except BlockingIOError:
            pass
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            job = self.jobs.get(pid)
            if job is not None and job.status is None:
                job.status = status
                self._exited(job)

    def tick(self) -> None:
        """Deadlines, polling where there is no pidfd, and finishing jobs."""
        self.reap_orphans()
        now = time.monotonic()
        for job in list(self.jobs.values()):
            if job in self.polling:
                self.on_exit(job)
            if job.grace_until is None and now >= job.deadline:
                job.timed_out = True
                self._end(job, 0.5)
            done = job.status is not None and (not job.fds or now >= job.grace_until)
            if not done and job.grace_until is not None and now >= job.grace_until + 5:
                done = True  # killed, yet not reaped: report rather than hang
            if done:
                self.finish(job)

    def finish(self, job: Job) -> None:
        for fd in list(job.fds):
            self._close_fd(job, fd)
        if job.pidfd is not None:
            self.sel.unregister(job.pidfd)
            os.close(job.pidfd)
        kill_group(job.pid)  # nothing of this call's process group outlives it
        del self.jobs[job.pid]
        self.polling.discard(job)
        if job.status is None:
            code = -signal.SIGKILL
        elif os.WIFSIGNALED(job.status):
            code = -os.WTERMSIG(job.status)
        else:
            code = os.WEXITSTATUS(job.status)
        self.send(
            {
                "id": job.id,
                "ok": True,
                "exit_code": code if code >= 0 else None,
                "signal": -code if code < 0 else None,
                "timed_out": job.timed_out,
                "output_exceeded": job.too_much,
                "stdout": job.out.text(),
                "stderr": job.err.text(),
                "stdout_bytes": job.out.total,
                "stderr_bytes": job.err.total,
                "duration": time.monotonic() - job.start,
            }
        )
        if not self.jobs:
            self.reap_all()

    def next_wakeup(self) -> float | None:
        times = [j.grace_until if j.grace_until is not None else j.deadline for j in self.jobs.values()]
        if not times:
            return None
        wait = max(min(times) - time.monotonic(), 0)
        return min(wait, 0.02) if self.polling else wait

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
        op = str(req.get("op"))
        try:
            if op == "exec":
                self.start_exec(req)
                return  # answered by finish()
            fn = getattr(self, "op_" + op, None)
            resp = {"ok": False, "error": f"unknown op {op!r}"} if fn is None else {"ok": True, **fn(req)}
        except Refused as e:
            resp = {"ok": False, "error": str(e)}
        except (KeyError, TypeError, ValueError) as e:
            resp = {"ok": False, "error": f"bad request: {type(e).__name__}: {e}"}
        except OSError as e:
            resp = {"ok": False, "error": f"{e.strerror or e}"}
        resp["id"] = req.get("id")
        self.send(resp)
        if not self.jobs:
            self.reap_all()

    def send(self, obj: dict) -> None:
        data = (json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8", "surrogatepass")
        while data:
            n = os.write(1, data)
            data = data[n:]

    def serve(self) -> None:
        self.send({"ready": True, "pid": os.getpid(), "uid": os.getuid(), "reap": self.reap})
        self.sel.register(0, selectors.EVENT_READ, None)
        if self.sigchld is not None:
            self.sel.register(self.sigchld, selectors.EVENT_READ, "sigchld")
        buf = b""
        while True:
            for key, _ in self.sel.select(self.next_wakeup()):
                if key.data == "sigchld":
                    continue  # tick() reaps
                if key.data is None:  # a request arrived
                    chunk = os.read(0, 1 << 20)
                    if not chunk:
                        return self.shutdown()
                    buf += chunk
                    *lines, buf = buf.split(b"\n")
                    for line in lines:
                        self.dispatch(line)
                else:
                    job, cap = key.data
                    if cap is None:
                        self.on_exit(job)
                    else:
                        self.on_output(job, cap, key.fd)
            self.tick()

    def dispatch(self, line: bytes) -> None:
        if not line.strip():
            return
        try:
            req = json.loads(line)
        except ValueError as e:
            self.send({"id": None, "ok": False, "error": f"bad request line: {e}"})
            return
        self.handle(req)

    def shutdown(self) -> None:
        for job in list(self.jobs.values()):
            kill_group(job.pid)
        self.reap_all()
        if self.init:  # PID 1 leaving ends the namespace; let the kernel collect the rest
            os._exit(0)


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
    if args.drop_to is not None:  # host root, in bwrap: hold nothing but what the drop needs
        check_capabilities()
    apply_limits(args.rlimit)
    if args.drop_to is not None:
        os.setgroups([])
        os.setgid(args.drop_to)
        os.setuid(args.drop_to)
        if capabilities()["CapEff"] or capabilities()["CapPrm"]:
            sys.exit("exec server: capabilities survived the drop; refusing to serve")
        import ctypes  # the uid change cleared bwrap's --die-with-parent signal: set it again

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    deny_user_namespaces()
    if args.then_exec:
        os.chdir(args.root)
        os.execvp(args.then_exec[0], args.then_exec)
    # Not dumpable: processes of the same uid (the agent's, in the non-root mode) cannot open
    # /proc/<server>/fd/* or ptrace it, so they cannot forge replies or read requests.
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE
    Server(args.root, args.reap, args.cpu, args.capture, args.max_output).serve()


if __name__ == "__main__":
    main()
