"""Attack suite: an untrusted agent tries to harm the host through the tools and ``mle-env exec``.

Every test is one attack on the bwrap backend. It asserts that the attack was STOPPED by
looking at the *host* (host files, host /proc, host sockets, host memory counters),
not only at what the tool returned. docs/security.md maps each attack to its defence
and to the test here that proves it.

A few tests began as demonstrations of holes found in review (a FIFO that hung the
exec server, an unsized /dev/shm, nested user namespaces); they now guard the fixes
(docs/security.md, "Found in review").

Host processes are recognised by a unique marker in their command line
(``sleep 300.<random digits>``) or by the sandbox's PID namespace, both read from the
host's /proc. The tests run as root (CI) or as an ordinary user; the few that cannot
apply to one of those say so when skipped.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from mle_env.errors import ConfigError, SandboxError
from mle_env.sandbox import BwrapConfig, DockerConfig, Limits, channel, open_sandbox
from mle_env.sandbox.bwrap import ETC_FILES, probe, python_mounts
from mle_env.sandbox.docker import engine_available
from mle_env.sandbox.channel import INSIDE_MOUNT
from mle_env.sandbox.environment import PASSTHROUGH, sandbox_env
from mle_env.tools import ToolResult, Tools

IS_ROOT = os.geteuid() == 0
MB = 1 << 20


def _bwrap_unusable() -> str | None:
    if not sys.platform.startswith("linux"):
        return "bubblewrap needs Linux"
    try:
        probe()
    except ConfigError as e:
        return str(e)
    return None


_WHY_NOT = _bwrap_unusable()


def _docker_unusable() -> str | None:
    why = engine_available()
    if why:
        return why
    res = subprocess.run(["docker", "image", "inspect", DockerConfig().image], capture_output=True, timeout=30)
    return None if res.returncode == 0 else f"no image {DockerConfig().image} (docker/build-images.sh builds it)"


_DOCKER_WHY_NOT = _docker_unusable()
BACKEND = ["bwrap"]
"""The backend ``box()`` opens: every attack runs on bwrap and on docker (the ``backend`` fixture)."""


def bwrap_only(why: str):
    """An attack on something only the bwrap backend has (its mounts of the host's Python, its
    task_dir rules over host paths); on docker the test is reported skipped with ``why``."""
    return pytest.mark.bwrap_only(why)


@pytest.fixture(autouse=True, params=["bwrap", "docker"])
def backend(request):
    if request.param == "bwrap" and _WHY_NOT is not None:
        pytest.skip(f"bwrap cannot run here: {_WHY_NOT}")
    if request.param == "docker":
        if _DOCKER_WHY_NOT is not None:
            pytest.skip(f"docker cannot run here: {_DOCKER_WHY_NOT}")
        mark = request.node.get_closest_marker("bwrap_only")
        if mark:
            pytest.skip(f"bwrap only: {mark.args[0]}")
    BACKEND[0] = request.param
    yield request.param
    BACKEND[0] = "bwrap"

# A process lister that needs nothing but Python and /proc (works with or without procps).
PS_PY = """\
import os
for p in sorted(os.listdir("/proc"), key=lambda s: (len(s), s)):
    if not p.isdigit():
        continue
    try:
        cmd = open(f"/proc/{p}/cmdline", "rb").read().replace(b"\\0", b" ").decode(errors="replace")
        uid = [l.split()[1] for l in open(f"/proc/{p}/status") if l.startswith("Uid:")][0]
    except OSError:
        continue
    print(p, uid, cmd)
"""

PROJECT = {
    "README.md": "# security probe\n",
    "src/ps.py": PS_PY,
    "src/train.py": "print('train ok')\n",
}


def cfg(**limits: int) -> BwrapConfig | DockerConfig:
    """The config of the backend under test (with these limits)."""
    kind = DockerConfig if BACKEND[0] == "docker" else BwrapConfig
    return kind(limits=Limits(**limits))


def box(**limits: int):
    """A fresh sandbox of the backend under test with the probe project (and these limits)."""
    return open_sandbox(cfg(**limits), files=PROJECT)


def token() -> str:
    return uuid.uuid4().hex


def marker() -> str:
    """A unique argument for ``sleep`` that identifies its process in the host's /proc."""
    return f"300.{random.randrange(10**8, 10**9)}"


async def sh(tools: Tools, command: str, timeout: int = 20, cwd: str | None = None) -> ToolResult:
    args: dict = {"command": command, "timeout": timeout}
    if cwd is not None:
        args["cwd"] = cwd
    return await tools.call("bash_exec", args)


# ---------------------------------------------------------------- host-side observation


def host_cmdlines() -> dict[int, bytes]:
    out = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open(f"/proc/{p}/cmdline", "rb") as f:
                    out[int(p)] = f.read()
            except OSError:
                pass
    return out


def host_pids_with(*markers: str) -> list[int]:
    """Host pids whose command line contains any of ``markers`` (zombies have none)."""
    wanted = [m.encode() for m in markers]
    return [pid for pid, cmd in host_cmdlines().items() if any(m in cmd for m in wanted)]


def host_pids_in_pidns(ns: str) -> list[int]:
    """Host pids of the processes inside PID namespace ``ns`` (``pid:[4026...]``)."""
    out = []
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                if os.readlink(f"/proc/{p}/ns/pid") == ns:
                    out.append(int(p))
            except OSError:
                pass
    return out


async def poll(check, within: float = 2.0, every: float = 0.05):
    """Call ``check`` until it returns a falsy value or ``within`` seconds pass; its last value."""
    end = time.monotonic() + within
    while True:
        value = check()
        if not value or time.monotonic() >= end:
            return value
        await asyncio.sleep(every)


async def left_on_host(*markers: str, within: float = 2.0) -> list[int]:
    """Processes carrying a marker still alive on the host after ``within`` seconds (killed ones may
    take a moment to leave /proc after SIGKILL)."""
    return await poll(lambda: host_pids_with(*markers), within)


async def pidns(sb) -> str:
    res = await sb.exec(["readlink", "/proc/self/ns/pid"])
    assert res.ok and res.stdout.startswith("pid:["), res
    return res.stdout.strip()


async def settle_pidns(ns: str, expected: int, within: float = 3.0) -> list[int]:
    """Wait until the sandbox's PID namespace holds ``expected`` processes; its pids then."""
    await poll(lambda: len(host_pids_in_pidns(ns)) > expected, within)
    return host_pids_in_pidns(ns)


IDLE = 1
"""Processes in an idle sandbox's PID namespace: the exec server, its init (pid 1)."""


def host_responsive(limit: float = 2.0) -> float:
    """Seconds the host takes to start and finish ``true``; asserts it is below ``limit``."""
    t = time.monotonic()
    subprocess.run(["true"], check=True, timeout=30)
    took = time.monotonic() - t
    assert took < limit, f"the host took {took:.2f}s to run `true`"
    return took


def meminfo_kb(field: str) -> int:
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


@pytest.fixture
def home_secret():
    """A secret file in the host user's home, outside any workspace; removed afterwards."""
    home = Path.home()
    try:
        d = Path(tempfile.mkdtemp(prefix=".mle-env-sectest-", dir=home))
    except OSError as e:
        pytest.skip(f"cannot create a test file in the home directory {home}: {e}")
    secret = f"HOME-SECRET-{token()}"
    path = d / "secret.txt"
    path.write_text(secret + "\n")
    d.chmod(0o755)  # readable by anyone who can reach it: only isolation may stop the sandbox
    path.chmod(0o644)
    try:
        yield path, secret
    finally:
        shutil.rmtree(d, ignore_errors=True)


@pytest.fixture
def host_dir():
    """A host directory outside the workspace with one file in it; removed afterwards."""
    d = Path(tempfile.mkdtemp(prefix="mle-env-sectest-host-"))
    (d / "keep.txt").write_text("host data\n")
    d.chmod(0o755)
    try:
        yield d
    finally:
        shutil.rmtree(d, ignore_errors=True)


def snapshot(d: Path) -> dict[str, bytes]:
    return {str(p.relative_to(d)): (p.read_bytes() if p.is_file() else b"<dir>") for p in d.rglob("*")}


# ================================================================ files and secrets


async def test_read_etc_shadow_is_refused():
    """Attack: read /etc/shadow by absolute path, through `..`, from bash and from Python.
    Defence: the tools refuse paths outside task_dir; the sandbox's /etc is synthetic
    (no shadow), and the host's /etc is not mounted."""
    host_shadow = []
    try:
        host_shadow = [l for l in Path("/etc/shadow").read_text().splitlines() if len(l) > 8]
    except OSError:
        pass  # not root: the host's shadow is unreadable to the test too
    async with box() as sb:
        t = Tools(sb)
        for path in ("/etc/shadow", "/app/../etc/shadow", "../etc/shadow", "../../../../etc/shadow"):
            res = await t.call("read_file", {"path": path})
            assert not res.success and "outside the workspace" in res.result, (path, res)
        await t.call("write_file", {"path": "peek.py", "content": "print(open('/etc/shadow').read())\n"})
        results = [
            await sh(t, "cat /etc/shadow"),
            await sh(t, "cat /etc/shadow 2>&1; ls -la /etc"),
            await t.call("run_python", {"script_path": "peek.py"}),
        ]
    if BACKEND[0] == "bwrap":  # no shadow file at all
        assert not results[0].success and "No such file" in results[0].result
        assert not results[2].success and "FileNotFoundError" in results[2].result
    else:  # the image's own shadow (not the host's), unreadable to the sandbox's uid
        assert not results[0].success and "Permission denied" in results[0].result
        assert not results[2].success and "PermissionError" in results[2].result
    for res in results:
        for line in host_shadow:
            assert line not in res.result


async def test_secret_in_host_home_is_invisible(home_secret):
    """Attack: read a secret file in the host user's home by absolute path (read_file, bash, Python).
    Defence: the home directory is not mounted (only the Python install is, read-only),
    and read_file refuses absolute paths outside task_dir."""
    path, secret = home_secret
    async with box() as sb:
        t = Tools(sb)
        res = await t.call("read_file", {"path": str(path)})
        assert not res.success and "outside the workspace" in res.result
        await t.call("write_file", {"path": "steal.py", "content": f"print(open({str(path)!r}).read())\n"})
        outputs = [
            await sh(t, f"cat {path}"),
            await sh(t, f"ls -la {path.parent}; cat {path.parent}/*"),
            await t.call("run_python", {"script_path": "steal.py"}),
        ]
        listing = await sh(t, f"find {Path.home()} -maxdepth 2 2>/dev/null; true")
    assert not outputs[0].success and not outputs[2].success
    # absent, not merely unreadable (on docker the image's own /root, empty, is unreadable to the sandbox)
    absent = "No such file" if BACKEND[0] == "bwrap" or not str(path).startswith("/root/") else "Permission denied"
    assert absent in outputs[0].result, outputs[0]
    for res in outputs:
        assert secret not in res.result
    assert path.parent.name not in listing.result, listing  # not even listed
    assert path.read_text() == secret + "\n"  # the host file is untouched


async def test_environment_secrets_do_not_leak(monkeypatch):
    """Attack: read API keys from the environment (env, /proc/self/environ, /proc/1/environ,
    the exec server's environ, Python's os.environ).
    Defence: bwrap and the server start with an allow-listed environment (sandbox_env),
    never the harness's; other processes' environ files are unreadable."""
    secret = f"sk-test-secret-{token()}"
    for name in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "AWS_SECRET_ACCESS_KEY", "HF_TOKEN", "GITHUB_TOKEN"):
        monkeypatch.setenv(name, secret)
    allowed = set(sandbox_env(path="", home="")) | set(PASSTHROUGH) | {"PWD", "OLDPWD", "SHLVL", "_"}
    if BACKEND[0] == "docker":
        allowed |= {"HOSTNAME"}  # set by Docker in every container: "mle-env" (docker_argv's --hostname)
    async with box() as sb:
        t = Tools(sb)
        await t.call("write_file", {"path": "env.py", "content": "import os, json\nprint(json.dumps(dict(os.environ)))\n"})
        py = await t.call("run_python", {"script_path": "env.py"})
        outs = [
            await sh(t, "env"),
            await sh(t, "tr '\\0' '\\n' < /proc/self/environ"),
            await sh(t, "for p in /proc/[0-9]*; do tr '\\0' '\\n' < $p/environ; done 2>&1"),
            await sh(t, "cat /proc/1/environ /proc/$PPID/environ 2>&1"),
            py,
        ]
    for res in outs:
        assert secret not in res.result
    env = json.loads(py.result.split("STDOUT:\n", 1)[1].split("\nSTDERR:", 1)[0])
    assert set(env) <= allowed, f"unexpected variables reach the sandbox: {sorted(set(env) - allowed)}"


async def test_host_files_visible_in_the_sandbox_are_an_allow_list():
    """Attack: find any host path mounted into the sandbox (a home dir, /var/run/docker.sock,
    the project's source, /sys ...). Defence: bwrap builds the filesystem from an explicit
    list; this test pins it, so a new mount cannot appear unnoticed, and only the
    workspace, /tmp, /dev and /proc are writable."""
    project_src = str(Path(__file__).resolve().parents[1] / "src")
    sensitive = ["/sys", "/home", "/var", "/srv", "/mnt", "/media", "/opt", "/boot", "/var/run/docker.sock",
                 "/run/docker.sock", "/run/user", project_src, str(Path.home() / ".ssh")]
    # (a directory holding the harness's Python, e.g. /opt/py, exists as an empty parent: skip those)
    sensitive = [p for p in sensitive if not any(m == p or m.startswith(p + "/") for m in python_mounts())]
    if BACKEND[0] == "docker":
        return await _docker_mounts_are_an_allow_list(project_src)
    async with box() as sb:
        res = await sb.exec(["cat", "/proc/self/mountinfo"])
        probe_res = await sb.exec(["bash", "-c", f"ls -d {' '.join(sensitive)} 2>&1"])
    assert res.ok
    etc = {f"/etc/{n}" for n in (*ETC_FILES, "passwd", "group", "hosts")}
    fixed = {"/", "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/proc", "/dev", "/tmp"}
    allowed = fixed | etc | set(python_mounts()) | {INSIDE_MOUNT, "/app"}
    writable_ok = {"/", "/proc", "/dev", "/tmp", "/app"}
    for line in res.stdout.splitlines():
        fields = line.split()
        point, opts = fields[4].replace("\\040", " "), fields[5].split(",")
        inside_special = point.startswith("/proc/") or point.startswith("/dev/")
        assert point in allowed or inside_special, f"unexpected mount in the sandbox: {line}"
        if "rw" in opts and not inside_special:
            assert point in writable_ok, f"writable mount outside the allow-list: {line}"
        assert "nosuid" in opts, f"mount without nosuid: {line}"
    lines = [l for l in probe_res.stdout.splitlines() if l.strip()]
    assert len(lines) == len(sensitive) and all("No such file" in l for l in lines), probe_res.stdout


async def _docker_mounts_are_an_allow_list(project_src: str) -> None:
    """The docker backend's filesystem: the image (read-only), the workspace, the exec server's
    code (read-only), /tmp and /dev/shm (bounded tmpfs), and what Docker itself mounts (/proc
    and /sys read-only with masked paths, /dev, /etc/hosts, hostname, resolv.conf). The image's
    root has no nosuid flag, so: no setuid or setgid file in it, and no_new_privileges set."""
    async with box() as sb:
        res = await sb.exec(["cat", "/proc/self/mountinfo"])
        probe_res = await sb.exec(["bash", "-c", f"ls -d /var/run/docker.sock /run/docker.sock {project_src} 2>&1"])
        suid = await sb.exec(["bash", "-c", "find / -xdev -perm /6000 -type f 2>/dev/null; grep NoNewPrivs /proc/self/status"])
    assert res.ok
    fixed = {"/", "/proc", "/dev", "/dev/pts", "/dev/mqueue", "/dev/shm", "/sys", "/sys/fs/cgroup", "/tmp", "/app",
             "/etc/hosts", "/etc/hostname", "/etc/resolv.conf", INSIDE_MOUNT}  # fmt: skip
    writable_ok = {"/proc", "/dev", "/dev/pts", "/dev/mqueue", "/dev/shm", "/tmp", "/app"}
    for line in res.stdout.splitlines():
        fields = line.split()
        point, opts = fields[4].replace("\\040", " "), fields[5].split(",")
        special = point.startswith("/proc/") or point.startswith("/sys/")
        assert point in fixed or special, f"unexpected mount in the sandbox: {line}"
        if "rw" in opts and not special:
            assert point in writable_ok, f"writable mount outside the allow-list: {line}"
        if "rw" in opts and point not in ("/app", "/proc") and not special:  # the writable tmpfs mounts
            assert "nosuid" in opts, f"writable mount without nosuid: {line}"
    # The image's root, the workspace and Docker's own file binds cannot be nosuid. What makes a
    # setuid file inert there: no_new_privileges, and no setuid or setgid file in the image.
    lines = [l for l in probe_res.stdout.splitlines() if l.strip()]
    assert len(lines) == 3 and all("No such file" in l for l in lines), probe_res.stdout
    assert suid.stdout.split() == ["NoNewPrivs:", "1"], f"setuid/setgid files in the image: {suid.stdout}"


# ================================================================ writes outside the workspace


async def test_write_outside_workspace_by_absolute_path():
    """Attack: write /tmp/pwned_<id> and /etc/pwned_<id> with write_file and with bash, and
    overwrite the sandbox's /etc/passwd. Defence: write_file refuses paths outside task_dir;
    in bash, /tmp is a private tmpfs (the HOST file never appears), /etc and / are
    root-owned and read-only, and the synthetic passwd file is a read-only bind."""
    name = f"pwned_{token()}"
    async with box() as sb:
        t = Tools(sb)
        base = sb.workspace.parent
        passwd = base / "etc" / "passwd" if BACKEND[0] == "bwrap" else Path("/etc/passwd")  # docker: the image's
        passwd_before = passwd.read_bytes()
        for path in (f"/tmp/{name}", f"/etc/{name}", f"/{name}", f"/root/{name}", f"/usr/{name}"):
            res = await t.call("write_file", {"path": path, "content": "x"})
            assert not res.success and "outside the workspace" in res.result, (path, res)
        inside_tmp = await sh(t, f"echo x > /tmp/{name} && cat /tmp/{name}")
        assert inside_tmp.success  # the sandbox's own /tmp works ...
        res = await sh(t, "echo 'root::0:0::/:/bin/sh' >> /etc/passwd")
        assert not res.success, res  # a read-only bind
        for target in (f"/etc/{name}", f"/{name}", f"/root/{name}"):
            res = await sh(t, f"echo x > {target}")
            # As root these directories (bwrap's own tmpfs) belong to root; as non-root they belong to
            # the user's namespace and the write lands in that tmpfs, which dies with the sandbox.
            assert not res.success or not IS_ROOT, (target, res)
        passwd_after = passwd.read_bytes()
    # ... but nothing reached the host.
    for host_path in (f"/tmp/{name}", f"/etc/{name}", f"/{name}", f"/root/{name}", f"/usr/{name}"):
        assert not os.path.lexists(host_path), host_path
    assert passwd_after == passwd_before


async def test_write_outside_workspace_through_dotdot():
    """Attack: escape the workspace with `..` (write_file, read_file, list_files, run_python,
    bash_exec's cwd, and `cd ..` in bash). Defence: the tools normalise and refuse paths
    that leave task_dir; the server checks again; above /app is bwrap's root-owned tmpfs."""
    name = f"escape_{token()}"
    async with box() as sb:
        t = Tools(sb)
        ws = sb.workspace
        refused = [
            await t.call("write_file", {"path": f"../../{name}", "content": "x"}),
            await t.call("write_file", {"path": f"../{name}", "content": "x"}),
            await t.call("write_file", {"path": f"/app/../{name}", "content": "x"}),
            await t.call("write_file", {"path": f"src/../../{name}", "content": "x"}),
            await t.call("write_file", {"path": f"./src/./../../../{name}", "content": "x"}),
            await t.call("read_file", {"path": "../etc/passwd"}),
            await t.call("list_files", {"path": ".."}),
            await t.call("run_python", {"script_path": "../x.py"}),
            await t.call("bash_exec", {"command": "pwd", "cwd": ".."}),
            await t.call("bash_exec", {"command": "pwd", "cwd": "/"}),
        ]
        for res in refused:
            assert not res.success and "outside the workspace" in res.result, res
        in_bash = await sh(t, f"cd .. && echo x > {name}")
        assert not in_bash.success
        ok = await t.call("write_file", {"path": "src/../notes/ok.txt", "content": "fine"})  # stays inside
        assert ok.success and (ws / "notes" / "ok.txt").read_text() == "fine"
    for d in (ws.parent, ws.parent.parent, Path("/")):
        assert not (d / name).exists(), d / name


async def test_symlink_to_etc_is_not_followed():
    """Attack: make /app/etc_link -> /etc inside the sandbox, then write_file, read_file,
    list_files and bash_exec's cwd through it. Defence: the server resolves every path
    with realpath and refuses one that leaves the workspace; writes open with O_NOFOLLOW."""
    name = f"pwned_{token()}"
    async with box() as sb:
        t = Tools(sb)
        made = await sh(t, "ln -s /etc /app/etc_link && ln -s /etc/passwd /app/pw_link && ln -s / /app/root_link")
        assert made.success, made
        refused = [
            await t.call("write_file", {"path": f"etc_link/{name}", "content": "x"}),
            await t.call("write_file", {"path": "pw_link", "content": "root::0:0::/:/bin/sh\n"}),
            await t.call("write_file", {"path": f"root_link/tmp/{name}", "content": "x"}),
            await t.call("read_file", {"path": "etc_link/passwd"}),
            await t.call("read_file", {"path": "pw_link"}),
            await t.call("list_files", {"path": "etc_link"}),
            await t.call("list_files", {"path": "root_link"}),
            await t.call("bash_exec", {"command": "pwd", "cwd": "etc_link"}),
            await t.call("run_python", {"script_path": "root_link/usr/lib/os.py"}),
        ]
        for res in refused:
            assert not res.success and "symlink" in res.result, res
        # A symlink that stays inside the workspace is fine: the refusal is not blanket.
        await sh(t, "ln -s src /app/inner")
        ok = await t.call("write_file", {"path": "inner/ok.py", "content": "print(1)\n"})
        assert ok.success and (sb.workspace / "src" / "ok.py").exists()
        assert os.path.islink(sb.workspace / "pw_link")  # the link itself was not replaced
    assert not os.path.lexists(f"/etc/{name}") and not os.path.lexists(f"/tmp/{name}")


async def test_symlink_to_host_dir_is_not_followed(host_dir):
    """Attack: symlink /app/h to a real HOST directory (outside the workspace) and write or read
    through it with the tools and with bash; then leave `/app/rootlink -> /` behind for
    the host's cleanup to follow. Defence: the host directory does not exist in the
    sandbox's mount namespace; the server refuses symlinks leading out; the workspace is
    removed with rmtree, which never follows symlinks."""
    before = snapshot(host_dir)
    async with box() as sb:
        t = Tools(sb)
        ws_base = sb.workspace.parent
        made = await sh(t, f"ln -s {host_dir} /app/h && ln -s {host_dir}/keep.txt /app/k && ln -s / /app/rootlink")
        assert made.success, made
        for call in (
            ("write_file", {"path": "h/new.txt", "content": "x"}),
            ("write_file", {"path": "k", "content": "overwritten"}),
            ("read_file", {"path": "k"}),
            ("read_file", {"path": "h/keep.txt"}),
            ("list_files", {"path": "h"}),
        ):
            res = await t.call(*call)
            assert not res.success and "outside the workspace" in res.result, (call, res)
        res = await sh(t, "echo x > /app/h/new.txt; echo y > /app/k; cat /app/k")
        assert not res.success and "host data" not in res.result
        # The links exist on the host side of the workspace too; the host must not follow them.
        assert os.path.islink(sb.workspace / "h") and os.path.islink(sb.workspace / "rootlink")
    assert snapshot(host_dir) == before
    assert not ws_base.exists(), "the workspace was not removed"
    assert Path("/usr/bin").is_dir()  # cleanup did not walk into rootlink


async def test_hard_link_to_a_host_file_fails():
    """Attack: hard-link a file from outside the workspace into /app (a hard link would survive
    on the host and alias the original). Defence: every outside path is a different mount,
    and link() across mounts fails with EXDEV; the host workspace gets no such file."""
    async with box() as sb:
        t = Tools(sb)
        res = await sh(t, "ln /etc/passwd /app/pw; ln /usr/bin/env /app/env; ln /tmp/x /app/x 2>/dev/null; "
                          "touch /tmp/x && ln /tmp/x /app/x")
        assert not res.success and "cross-device" in res.result, res
        for name in ("pw", "env", "x"):
            assert not os.path.lexists(sb.workspace / name)


async def test_cannot_write_system_dirs_or_the_harness_python():
    """Attack: plant files in /usr, /bin, the harness's venv and site-packages (a .pth file
    there would run code in the HOST harness at its next start), or modify the exec
    server's script. Defence: /usr and the Python directories are read-only binds;
    the server script is a read-only bind in a root-owned directory."""
    name = f"pwned_{token()}"
    purelib = sysconfig.get_paths()["purelib"]
    targets = [
        f"/usr/{name}", f"/usr/bin/{name}", f"/usr/local/{name}", f"/bin/{name}",
        f"{sys.prefix}/{name}", f"{sys.base_prefix}/{name}", f"{purelib}/{name}.pth",
    ]  # fmt: skip
    async with box() as sb:
        t = Tools(sb)
        for target in targets:
            res = await sh(t, f"echo 'import os' > {target}")
            assert not res.success, (target, res)
        # Existing files: ask, never try (a successful write would damage the host).
        res = await sh(t, f"for f in /usr/bin/env {sys.executable} {INSIDE_MOUNT}/server.py /etc/passwd; "
                          "do [ -w \"$f\" ] && echo WRITABLE $f; done; true")
        assert "WRITABLE" not in res.result, res
    for target in targets:
        assert not os.path.lexists(target), target


async def test_fifo_does_not_hang_read_file_or_list_files():
    """Attack: `mkfifo /app/f`, then read_file f (opening a FIFO for reading blocks until a
    writer appears). Defence: the server stats the path and refuses anything but a
    regular file before opening it."""
    async with box() as sb:
        t = Tools(sb)
        assert (await sh(t, "mkfifo /app/f")).success
        start = time.monotonic()
        res = await asyncio.wait_for(t.call("read_file", {"path": "f"}), 10)
        assert not res.success and "not a regular file" in res.result
        listed = await asyncio.wait_for(t.call("list_files", {"path": "."}), 10)
        assert listed.success and "f" in listed.result.split("\n")
        assert time.monotonic() - start < 2
        assert (await sh(t, "echo still alive")).success


async def test_write_file_to_a_fifo_does_not_hang_the_exec_server(monkeypatch):
    """Found in review. Attack: `mkfifo /app/f`, then write_file f. Opening a FIFO
    for writing blocks until a reader appears, and op_write opens without O_NONBLOCK, so
    the single-threaded exec server blocks for good: the call never answers (the sample
    ends with SandboxError after REPLY_MARGIN), and meanwhile no deadline, output cap or
    reaping runs for anything else in the sandbox.
    Fix: in server.op_write, lstat first and refuse non-regular files, and open with
    O_NONBLOCK (then fstat and refuse if not S_ISREG)."""
    monkeypatch.setattr(channel, "REPLY_MARGIN", 3.0)
    async with box() as sb:
        t = Tools(sb)
        ns = await pidns(sb)
        assert (await sh(t, "mkfifo /app/f")).success
        start = time.monotonic()
        try:
            res = await asyncio.wait_for(t.call("write_file", {"path": "f", "content": "x"}), 15)
            error = None
        except SandboxError as e:
            res, error = None, e
        took = time.monotonic() - start
    assert await settle_pidns(ns, 0) == []  # closing the sandbox still cleans up the host
    assert error is None, f"HOLE: write_file on a FIFO hung the exec server for {took:.1f}s: {error}"
    assert not res.success and took < 2, res


# ================================================================ network


async def test_cannot_reach_a_listener_on_host_loopback():
    """Attack: connect to a TCP server the test opens on the host's 127.0.0.1 (bash
    /dev/tcp and Python). Defence: a private network namespace whose loopback is its
    own; nothing arrives at the host listener."""
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    srv.setblocking(False)
    port = srv.getsockname()[1]
    try:
        async with box() as sb:
            t = Tools(sb)
            code = (
                "import socket\n"
                "s = socket.socket(); s.settimeout(3)\n"
                f"try:\n    s.connect(('127.0.0.1', {port})); s.sendall(b'PWNED'); print('CONNECTED')\n"
                "except OSError as e:\n    print('FAILED', e)\n"
            )
            await t.call("write_file", {"path": "net.py", "content": code})
            py = await t.call("run_python", {"script_path": "net.py"})
            bash = await sh(t, f"echo PWNED > /dev/tcp/127.0.0.1/{port}", timeout=10)
        assert "CONNECTED" not in py.result and "FAILED" in py.result, py
        assert not bash.success, bash
        with pytest.raises(BlockingIOError):
            srv.accept()  # no connection ever reached the host
    finally:
        srv.close()


async def test_cannot_reach_host_unix_sockets(host_dir):
    """Attack: connect to an abstract Unix socket (not in any filesystem) and to a socket
    file, both opened by the test on the host. Defence: abstract sockets belong to the
    network namespace; socket files outside the mounted allow-list do not exist inside."""
    name = f"mle-env-sectest-{token()}"
    abstract = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    abstract.bind("\0" + name)
    abstract.listen(4)
    abstract.setblocking(False)
    filesock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    filesock.bind(str(host_dir / "s.sock"))
    filesock.listen(4)
    filesock.setblocking(False)
    try:
        async with box() as sb:
            t = Tools(sb)
            code = (
                "import socket\n"
                f"for addr in ('\\0{name}', {str(host_dir / 's.sock')!r}):\n"
                "    s = socket.socket(socket.AF_UNIX)\n"
                "    try:\n        s.connect(addr); print('CONNECTED', repr(addr))\n"
                "    except OSError as e:\n        print('FAILED', type(e).__name__)\n"
            )
            await t.call("write_file", {"path": "unix.py", "content": code})
            res = await t.call("run_python", {"script_path": "unix.py"})
        assert "CONNECTED" not in res.result and res.result.count("FAILED") == 2, res
        for s in (abstract, filesock):
            with pytest.raises(BlockingIOError):
                s.accept()
    finally:
        abstract.close()
        filesock.close()


async def test_cannot_reach_the_outside_network():
    """Attack: reach the internet, a cloud metadata endpoint and private ranges (TCP and UDP),
    and resolve a name. Defence: the network namespace has only a loopback interface and
    no route, so the kernel fails every attempt at once (ENETUNREACH) and no packet leaves
    the host. The test itself only ever connects from inside the sandbox."""
    targets = [("1.1.1.1", 53), ("8.8.8.8", 53), ("169.254.169.254", 80), ("10.0.0.1", 22), ("172.17.0.1", 2375)]
    code = (
        "import socket, time\n"
        f"for host, port in {targets!r}:\n"
        "    t = time.monotonic()\n"
        "    for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):\n"
        "        s = socket.socket(socket.AF_INET, kind); s.settimeout(3)\n"
        "        try:\n"
        "            s.connect((host, port)); s.send(b'x'); print('REACHED', host, port, kind)\n"
        "        except OSError as e:\n"
        "            print('BLOCKED', host, e.errno, round(time.monotonic() - t, 3))\n"
        "try:\n    print('RESOLVED', socket.getaddrinfo('example.com', 80)[0][4])\n"
        "except OSError as e:\n    print('NO-DNS', e)\n"
        "print(open('/proc/net/dev').read())\n"
    )
    async with box() as sb:
        t = Tools(sb)
        await t.call("write_file", {"path": "out.py", "content": code})
        res = await t.call("run_python", {"script_path": "out.py", "timeout": 30})
    out = res.result
    assert "REACHED" not in out and "RESOLVED" not in out and "NO-DNS" in out, out
    blocked = [l.split() for l in out.splitlines() if l.startswith("BLOCKED")]
    assert len(blocked) == 2 * len(targets), out
    for _, host, errno_, secs in blocked:
        assert int(errno_) == 101, f"{host}: expected ENETUNREACH, got errno {errno_}"  # never even tried
        assert float(secs) < 1.0
    netdev = out.split("Inter-|", 1)[1].split("\nSTDERR:", 1)[0]
    ifaces = [l.split(":")[0].strip() for l in netdev.splitlines()[2:] if ":" in l]
    assert ifaces == ["lo"], out


async def test_namespaces_differ_from_the_host():
    """Attack: share a namespace with the host (network, PIDs, mounts, IPC, hostname).
    Defence: bwrap --unshare-net/-pid/-ipc/-uts and a private mount namespace; compared by
    namespace inode against the host's own."""
    kinds = ("net", "pid", "mnt", "ipc", "uts")
    async with box() as sb:
        res = await sb.exec(["bash", "-c", "for n in " + " ".join(kinds) + "; do readlink /proc/self/ns/$n; done; hostname"])
    inside = res.stdout.split()
    for kind, ns in zip(kinds, inside):
        assert ns != os.readlink(f"/proc/self/ns/{kind}"), f"the sandbox shares the host's {kind} namespace"
    assert inside[-1] == "mle-env"


# ================================================================ processes


async def test_background_processes_do_not_outlive_the_call():
    """Attack: leave processes running after the call returns: `&`, nohup, setsid, a double
    fork from bash and from Python (daemonised, stdio closed), trap-ignoring signals,
    disown, and a child in a nested user namespace.
    Defence: each call's process group is killed when it ends, and with no call in flight
    the server kills every other process of its namespace (kill(-1)); checked in the
    host's /proc and from the next call."""
    m = [marker() for _ in range(8)]
    daemon = (
        "import os\n"
        "if os.fork(): os._exit(0)\n"
        "os.setsid()\n"
        "if os.fork(): os._exit(0)\n"
        "fd = os.open('/dev/null', os.O_RDWR)\n"
        "for i in (0, 1, 2): os.dup2(fd, i)\n"
        f"os.execvp('sleep', ['sleep', '{m[7]}'])\n"
    )
    command = f"""
sleep {m[0]} &
nohup sleep {m[1]} >/dev/null 2>&1 &
setsid sleep {m[2]} &
( setsid sh -c 'sleep {m[3]} >/dev/null 2>&1 &' & )
( trap '' HUP TERM INT; exec sleep {m[4]} ) >/dev/null 2>&1 &
sleep {m[5]} & disown
unshare -Ur setsid sleep {m[6]} >/dev/null 2>&1 &
python -c "{daemon}"
sleep 0.5
python src/ps.py
"""
    async with box() as sb:
        t = Tools(sb)
        ns = await pidns(sb)
        res = await sh(t, command)
        running = [x for x in m[:6] + m[7:] if x in res.result]
        assert len(running) == 7, f"positive control: the attack did not start its processes: {res}"
        assert await left_on_host(*m) == [], "processes outlived the bash call"
        assert len(await settle_pidns(ns, IDLE)) == IDLE

        await t.call("write_file", {"path": "daemon.py", "content": daemon.replace(m[7], m[6] + "1")})
        res = await t.call("run_python", {"script_path": "daemon.py"})
        assert res.success
        assert await left_on_host(m[6] + "1") == [], "a daemon outlived run_python"

        nxt = await t.call("run_python", {"script_path": "src/ps.py"})
        assert not any(x in nxt.result for x in m), nxt
        assert len(await settle_pidns(ns, IDLE)) == IDLE
    assert await settle_pidns(ns, 0) == []


async def test_timeout_kills_the_whole_process_tree():
    """Attack: sleep past the timeout (`sleep 100` with timeout 2), with a background child
    and a setsid grandchild. Defence: at the deadline the call's process group is
    SIGKILLed, the rest of the namespace is reaped, and the call returns at once with a
    timed-out message."""
    m = [marker() for _ in range(3)]
    async with box() as sb:
        t = Tools(sb)
        ns = await pidns(sb)
        start = time.monotonic()
        call = asyncio.create_task(sh(t, f"sleep {m[0]} & setsid sleep {m[1]} & sleep {m[2]}", timeout=2))
        seen = await poll(lambda: len(host_pids_with(*m)) < 3, within=1.5)
        assert not seen, "positive control: the host never saw the sandbox's processes"
        res = await call
        took = time.monotonic() - start
        assert 1.9 <= took < 4.0, took
        assert not res.success and "timed out after 2s" in res.result, res
        assert await left_on_host(*m) == []
        assert len(await settle_pidns(ns, IDLE)) == IDLE


async def test_fork_bomb_is_bounded():
    """Attack: the classic fork bomb `:(){ :|:& };:` (with the shell held open, so it runs until
    the timeout). Defence: RLIMIT_NPROC on the sandbox's own uid (the server drops to a
    random uid >= 100000 as root, because the limit does not bind uid 0), then the
    timeout's kill and the reaper. The host keeps answering; no process remains."""
    if not IS_ROOT:
        pytest.skip(
            "without root there is no sandbox-only uid, so RLIMIT_NPROC is not applied (it would count "
            "all of the user's processes): a fork bomb is NOT bounded in that mode (docs/security.md)"
        )
    limit = 64
    async with box(processes=limit) as sb:
        t = Tools(sb)
        ns = await pidns(sb)
        call = asyncio.create_task(sh(t, "mkfifo /tmp/hold; :(){ :|:& };:; read -t 60 <> /tmp/hold", timeout=6))
        peak, took = 0, 0.0
        end = time.monotonic() + 4.5
        while time.monotonic() < end and not call.done():
            peak = max(peak, len(host_pids_in_pidns(ns)))
            if time.monotonic() > end - 2.5 and not took:
                took = await asyncio.to_thread(host_responsive)  # during the bomb
            await asyncio.sleep(0.1)
        res = await asyncio.wait_for(call, 15)
        assert "timed out after 6s" in res.result, res
        assert peak >= limit // 2, f"positive control: the bomb never got going (peak {peak})"
        assert peak <= limit + IDLE, f"{peak} processes in the sandbox, limit {limit}"
        assert len(await settle_pidns(ns, IDLE)) == IDLE
        assert (await sh(t, "echo alive")).success  # the sandbox itself survived
    host_responsive()
    assert await settle_pidns(ns, 0) == []


async def test_process_limit_applies():
    """Attack: start more processes than the limit allows (threads count too). Defence: the
    exec server applies RLIMIT_NPROC. As root, under the sandbox's own uid, the limit is
    exactly Limits.processes; as an ordinary user it is the user's task count plus that
    budget (RLIMIT_NPROC counts all of a user's tasks)."""
    async with box(processes=32) as sb:
        t = Tools(sb)
        first = await sh(t, "ulimit -u")
        limit = int(first.result.split("STDOUT:\n", 1)[1].split("\n", 1)[0])
        res = await sh(t, "python -c \"import threading, time\n"
                          "n = 0\n"
                          "try:\n"
                          f"    for _ in range({limit + 50}):\n"
                          "        threading.Thread(target=time.sleep, args=(2,), daemon=True).start(); n += 1\n"
                          "except RuntimeError:\n"
                          "    pass\n"
                          "print('THREADS', n)\"")
    if IS_ROOT:
        assert limit == 32
    threads = int(res.result.split("THREADS ", 1)[1].split()[0])
    assert threads < limit, (threads, limit)


async def test_memory_bomb_is_stopped():
    """Attack: allocate 8 GB at once, then grow a list of 64 MB blocks until something gives.
    Defence: RLIMIT_AS (Limits.memory_mb) on every process: allocation fails with
    MemoryError at the limit; the host stays responsive."""
    script = (
        "try:\n    big = bytearray(8 << 30)\n    print('GOT 8GB')\nexcept MemoryError:\n    print('BIG MemoryError')\n"
        "blocks = []\n"
        "try:\n    while True:\n        blocks.append(bytearray(64 << 20))\n"
        "except MemoryError:\n    print('BLOCKS', len(blocks))\n"
    )
    async with box(memory_mb=512) as sb:
        t = Tools(sb)
        await t.call("write_file", {"path": "bomb.py", "content": script})
        start = time.monotonic()
        res = await t.call("run_python", {"script_path": "bomb.py", "timeout": 30})
        took = time.monotonic() - start
        assert "BIG MemoryError" in res.result and "GOT 8GB" not in res.result, res
        blocks = int(res.result.split("BLOCKS ", 1)[1].split()[0])
        assert 64 * blocks <= 512, f"{64 * blocks} MB allocated under a 512 MB limit"
        assert took < 20
        # numpy too (its allocator is not Python's)
        np_res = await sh(t, "python -c 'import numpy as np; a = np.ones(2 * 1024**3)' 2>&1 | tail -1")
        if "No module named 'numpy'" not in np_res.result:
            assert "MemoryError" in np_res.result, np_res
    host_responsive()


async def test_memfd_memory_is_bounded_by_the_sandbox_cgroup():
    """Attack: keep data in memfd_create() files by write(), never mapping it: the pages are
    shmem and count toward no rlimit, so RLIMIT_AS (Limits.memory_mb) does not stop one
    process from holding far more. Defence: the sandbox's memory cgroup
    (Limits.total_memory_mb) charges shmem too; the process is stopped or OOM-killed at
    the cap. Measured on the host in /proc/meminfo Shmem while the process holds it.
    Without a cgroup (not root, or no writable cgroup hierarchy) nothing bounds this and
    the test FAILS: see docs/security.md."""
    limit_mb, total_mb, want_mb = 128, 256, 600
    script = (
        "import os, time\n"
        "held = 0\n"
        "fds = []\n"
        "block = b'\\1' * (1 << 20)\n"
        f"while held < {want_mb}:\n"
        "    try:\n"
        "        fd = os.memfd_create('x'); fds.append(fd)\n"
        "        for _ in range(60): os.write(fd, block); held += 1\n"
        "    except OSError as e:\n"
        "        print('STOPPED', e); break\n"
        "    print('HELD_MB', held, flush=True)\n"
        "open('/app/holding', 'w').close()\n"
        "time.sleep(3)\n"
    )
    async with box(memory_mb=limit_mb, total_memory_mb=total_mb, file_size_mb=64) as sb:
        t = Tools(sb)
        await t.call("write_file", {"path": "memfd.py", "content": script})
        base_kb = meminfo_kb("Shmem")
        call = asyncio.create_task(t.call("run_python", {"script_path": "memfd.py", "timeout": 20}))
        peak_kb = base_kb
        while not call.done() and not (sb.workspace / "holding").exists():
            peak_kb = max(peak_kb, meminfo_kb("Shmem"))
            await asyncio.sleep(0.02)
        peak_kb = max(peak_kb, meminfo_kb("Shmem"))
        delta_mb = (peak_kb - base_kb) // 1024
        has_cgroup = getattr(sb, "cgroup", None) is not None or BACKEND[0] == "docker"  # the container's own
        if not has_cgroup:
            await asyncio.wait_for(call, 30)
            pytest.skip("no cgroup can be made here (not root): a sandbox's total memory is not bounded, "
                        "a known limit (docs/security.md)")
        try:
            res = await call
        except SandboxError:
            res = None  # the cgroup's OOM killer chose the exec server: the sample ends, the host is fine
    # Stopped (a failed write, or the OOM killer): its last word counts.
    out = res.result if res else ""
    held = max([int(l.split()[1]) for l in out.splitlines() if l.startswith("HELD_MB ")] or [0])
    host_responsive()
    print(f"held {held} MB, host Shmem peak +{delta_mb} MB, sandbox survived: {res is not None}")
    assert max(held, delta_mb) > limit_mb, "positive control: RLIMIT_AS was expected not to stop memfd data"
    assert held <= total_mb and delta_mb < total_mb + 64, (
        f"HOLE{'' if has_cgroup else ' (no cgroup here)'}: one process held {held} MB in memfds "
        f"(host Shmem +{delta_mb} MB) with total_memory_mb={total_mb}"
    )


TMPFS_PY = """\
import os
for line in open("/proc/self/mountinfo"):
    f = line.split()
    if f[f.index("-") + 1] == "tmpfs" and os.path.isdir(f[4]) and os.access(f[4], os.W_OK):
        st = os.statvfs(f[4])
        print("WRITABLE_TMPFS", f[4], st.f_blocks * st.f_frsize >> 20)
"""


async def test_writable_tmpfs_is_bounded():
    """Found in review. Attack: fill a memory-backed filesystem. /tmp is a tmpfs of
    Limits.tmp_mb, but /dev/shm is mounted with the default size, half the HOST's RAM, and
    tmpfs pages count toward no rlimit: files of file_size_mb each fill host memory until
    the sandbox closes (measured on the host in /proc/meminfo Shmem), bounded only by the
    sandbox cgroup's total_memory_mb where one could be made. As non-root, bwrap's own
    tmpfs for / and /dev belongs to the agent too, equally unbounded.
    Fix, in bwrap.bwrap_argv: give /dev/shm a size,
    ``["--perms", "1777", "--size", str(limits.tmp_mb * MB), "--tmpfs", "/dev/shm"]``, and end
    the mounts with ``["--remount-ro", "/dev", "--remount-ro", "/"]``."""
    tmp_mb, files = 16, 10
    # Into a directory of its own: /tmp may also hold a read-only Python bound from a host /tmp.
    fill = ("mkdir -p {d}/fill; for i in $(seq {n}); do head -c 8000000 /dev/zero > {d}/fill/f$i 2>/dev/null || break; "
            "done; du -sm {d}/fill | cut -f1")
    async with box(tmp_mb=tmp_mb, file_size_mb=8) as sb:
        t = Tools(sb)
        await t.call("write_file", {"path": "tmpfs.py", "content": TMPFS_PY})
        mounts = await t.call("run_python", {"script_path": "tmpfs.py"})
        tmp = await sh(t, fill.format(n=files, d="/tmp"))
        base_kb = meminfo_kb("Shmem")
        shm = await sh(t, fill.format(n=files, d="/dev/shm"))
        delta_mb = (meminfo_kb("Shmem") - base_kb) // 1024  # the files are still there
    writable = {l.split()[1]: int(l.split()[2]) for l in mounts.result.splitlines() if l.startswith("WRITABLE_TMPFS")}
    tmp_used = int(tmp.result.split("STDOUT:\n", 1)[1].split()[0])
    shm_used = int(shm.result.split("STDOUT:\n", 1)[1].split()[0])
    assert writable.get("/tmp") == tmp_mb and tmp_used <= tmp_mb  # control: /tmp is bounded
    unbounded = {point: size for point, size in writable.items() if size > tmp_mb}
    assert not unbounded and shm_used <= tmp_mb and delta_mb < tmp_mb + 8, (
        f"HOLE: writable tmpfs larger than tmp_mb={tmp_mb}: {unbounded} (MB); "
        f"/dev/shm took {shm_used} MB, host Shmem +{delta_mb} MB"
    )


async def test_nested_user_namespaces_are_refused():
    """Found in review (where the host allows unprivileged user namespaces). Attack:
    unshare(CLONE_NEWUSER | CLONE_NEWNS) inside the sandbox to become "root" of a new user
    namespace, then mount a fresh tmpfs: it is sized from the host's RAM and bypasses every
    tmpfs limit, and the whole user-namespace kernel surface (the usual path for kernel
    privilege escalation) is open to the agent.
    Fix: the exec server installs a seccomp filter before it serves (stdlib ctypes:
    PR_SET_NO_NEW_PRIVS, then PR_SET_SECCOMP), inherited by every agent process: EPERM for
    unshare/clone with CLONE_NEWUSER, ENOSYS for clone3 (libc falls back to clone) and for
    foreign ABIs (i386, x32). docs/security.md has the filter. Operators can also set
    sysctl user.max_user_namespaces=0 on hosts that run the harness as root."""
    script = (
        "import ctypes, os\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        "os.makedirs('/tmp/m', exist_ok=True)\n"
        "if libc.unshare(0x10000000 | 0x00020000) != 0:\n"
        "    print('USERNS-REFUSED', os.strerror(ctypes.get_errno())); raise SystemExit\n"
        "print('USERNS-CREATED')\n"
        "if libc.mount(b'none', b'/tmp/m', b'tmpfs', 0, None) == 0:\n"
        "    st = os.statvfs('/tmp/m'); print('TMPFS_MB', st.f_blocks * st.f_frsize >> 20)\n"
        "else:\n"
        "    print('MOUNT-REFUSED', os.strerror(ctypes.get_errno()))\n"
    )
    async with box(tmp_mb=16) as sb:
        t = Tools(sb)
        await t.call("write_file", {"path": "userns.py", "content": script})
        res = await t.call("run_python", {"script_path": "userns.py"})
    out = res.result
    assert "USERNS-" in out, res
    assert "USERNS-CREATED" not in out, f"HOLE: the agent can create user namespaces: {out.split('STDERR:')[0]}"


async def test_output_flood_is_bounded():
    """Attack: flood the model's context and the harness's memory: 100 MB on stdout, an endless
    `yes`, and an endless stream on stderr. Defence: the server keeps only the head and
    tail of each stream (Limits.capture_kb), kills the call past Limits.max_output_mb,
    and the tool cuts the result to ToolConfig.max_output_chars, saying so."""
    cap = Limits().capture_kb * 1024
    async with box() as sb:
        t = Tools(sb)
        for command in ("head -c 100000000 /dev/zero | tr '\\0' 'a'", "yes", "yes 'to stderr' >&2"):
            start = time.monotonic()
            res = await t.call("bash_exec", {"command": command, "timeout": 60})
            took = time.monotonic() - start
            assert took < 10, (command, took)
            assert len(res.result) < 50_000, (command, len(res.result))
            assert "cut" in res.result, command
            assert "Output passed the sandbox's limit" in res.result or command.startswith("head"), res
        raw = await sb.exec(["bash", "-c", "yes"], timeout=60)
        assert raw.output_exceeded and raw.stdout_bytes > Limits().max_output_mb * MB
        assert len(raw.stdout) < 2 * cap + 200  # the harness never held the flood
        assert "bytes cut" in raw.stdout


async def test_huge_file_is_stopped_by_the_file_size_limit():
    """Attack: write a 2 GB file (dd, a Python write loop, truncate/fallocate).
    Defence: RLIMIT_FSIZE (Limits.file_size_mb) makes writes past the limit fail; the
    file on the host stays within it."""
    limit = 64
    script = (
        "block = b'\\0' * (1 << 20)\n"
        "with open('py_big', 'wb') as f:\n"
        "    try:\n        for _ in range(2048): f.write(block); f.flush()\n"
        "    except OSError as e:\n        print('STOPPED', e.errno)\n"
    )
    async with box(file_size_mb=limit) as sb:
        t = Tools(sb)
        dd = await sh(t, "dd if=/dev/zero of=big bs=1M count=2048", timeout=60)
        await t.call("write_file", {"path": "w.py", "content": script})
        py = await t.call("run_python", {"script_path": "w.py", "timeout": 60})
        sparse = await sh(t, "truncate -s 2G sparse; fallocate -l 2G alloc")
        ws = sb.workspace
        assert "File too large" in dd.result or "signal 25" in dd.result, dd
        assert "STOPPED 27" in py.result, py  # EFBIG
        # SIGXFSZ has its default action in agent processes (as in a normal shell): killed, or EFBIG.
        assert "File too large" in sparse.result or "File size limit exceeded" in sparse.result, sparse
        for name in ("big", "py_big", "sparse", "alloc"):
            if (ws / name).exists():
                st = os.stat(ws / name)
                assert st.st_size <= limit * MB and st.st_blocks * 512 <= limit * MB + MB, (name, st)
        assert (ws / "big").stat().st_size > 0  # positive control: it did write up to the limit


# ================================================================ privileges and isolation


async def test_agent_does_not_run_as_host_root():
    """Attack: use root's power (the harness runs as root on CI). Defence: as root, the
    exec server drops to a random uid >= 100000 with no groups and no capabilities before
    it serves; checked on the HOST in /proc/<pid>/status of a running agent process."""
    m = marker()
    async with box() as sb:
        t = Tools(sb)
        call = asyncio.create_task(sh(t, f"id -u; id -G; grep -E '^Cap(Eff|Prm)' /proc/self/status; sleep {m}", timeout=2))
        await poll(lambda: not host_pids_with(m), within=1.5)
        pids = host_pids_with(m)
        assert pids, "positive control: the agent's process was not found on the host"
        status = Path(f"/proc/{pids[0]}/status").read_text()
        res = await call
        uid = sb.info["uid"]
    fields = {l.split(":")[0]: l.split(":")[1].split() for l in status.splitlines() if ":" in l}
    host_uids = {int(x) for x in fields["Uid"]} | {int(x) for x in fields["Gid"]}
    assert 0 not in host_uids, status
    assert fields["CapEff"] == ["0000000000000000"] and fields["CapPrm"] == ["0000000000000000"]
    out = res.result.split("STDOUT:\n", 1)[1].split()
    if IS_ROOT:
        assert int(out[0]) == uid >= 100_000 and host_uids == {uid} and out[1] == str(uid)
    else:
        assert int(out[0]) == os.getuid() and host_uids <= {os.getuid(), os.getgid()}


@bwrap_only("task_dir validation runs before any backend starts; the bwrap run covers both")
@pytest.mark.parametrize("task_dir", ["/run/mle-env", "/run", "/usr/lib", "/etc", "/tmp"])
async def test_a_task_dir_over_the_sandboxs_own_files_is_refused(task_dir, tmp_path):
    """Attack (found in review): a task whose task_dir is the exec server's mount (/run/mle-env)
    brings its own server.py, which bwrap then started as root before any drop or limit.
    Defence: task validation and open_sandbox refuse a task_dir that covers, or lies in, a
    directory the sandbox needs (system dirs, the exec server, the host's Python); and the
    workspace is mounted before those, so it could not cover them anyway."""
    from mle_env.task import validate_data

    evil = tmp_path / "pwned"
    files = {"server.py": f"open({str(evil)!r}, 'w').write('root')\n", "mle-env/server.py": "raise SystemExit\n"}
    _, problems = validate_data({"task_id": "t", "prompt": "p", "task_dir": task_dir, "task_files": files})
    assert any(p.path == "$.task_dir" for p in problems)
    with pytest.raises(ConfigError, match="task_dir"):
        async with open_sandbox(BwrapConfig(), files=files, task_dir=task_dir):
            pass
    assert not evil.exists()


@bwrap_only("task_dir validation runs before any backend starts; the bwrap run covers both")
async def test_a_task_dir_over_the_harness_python_is_refused(monkeypatch):
    """The same attack on the host's Python (a checkout, its .venv, pyenv): refused where it is
    mounted, also when that lies under an allowed root such as /opt or /home."""
    from mle_env.sandbox import bwrap

    for d in python_mounts():
        for task_dir in (d, str(Path(d).parent)):
            if task_dir == "/":
                continue
            with pytest.raises(ConfigError, match="task_dir"):
                async with open_sandbox(BwrapConfig(), files={"x.py": ""}, task_dir=task_dir):
                    pass
    monkeypatch.setattr(bwrap, "python_mounts", lambda: ["/opt/py/venv"])
    for task_dir in ("/opt/py", "/opt/py/venv", "/opt/py/venv/lib"):
        with pytest.raises(ConfigError, match="overlaps /opt/py/venv"):
            async with open_sandbox(BwrapConfig(), files={"x.py": ""}, task_dir=task_dir):
                pass


BAD_TASK_DIRS = [
    "//etc", "//usr", "//proc", "//tmp", "//dev", "///etc", "/etc", "/etc/", "/./etc", "/app/../etc",
    "/app/", "/app//x", "/app/./x", "/app/.x", "/app/-x", "/app/x y", "/app/x\n", "app", "", "/",
    "/home", "/opt", "/srv/", "/root", "/var/lib/app", "/APP", "/app/" + "/".join(["d"] * 8),
]  # fmt: skip


@bwrap_only("task_dir validation runs before any backend starts; the bwrap run covers both")
@pytest.mark.parametrize("task_dir", BAD_TASK_DIRS)
async def test_only_a_canonical_task_dir_under_an_allowed_root_loads(task_dir, tmp_path):
    """Attack (found in review): ``task_dir: "//etc"`` passed validation (normpath keeps a
    leading double slash), the workspace was mounted over the sandbox's /etc, and a task file
    ``ld.so.preload`` naming a task-supplied library ran inside the exec server as uid 0,
    before it dropped root. Defence by construction: task_dir is a path the agent sees, so
    only one canonical spelling under an allowed root loads (``$.task_dir`` names the fault),
    and open_sandbox refuses the rest too (a task built in code skips the loader)."""
    from mle_env.task import validate_data

    evil = tmp_path / "pwned"
    files = {"ld.so.preload": "/app/evil.so\n", "sitecustomize.py": f"open({str(evil)!r}, 'w').write('x')\n"}
    _, problems = validate_data({"task_id": "t", "prompt": "p", "task_dir": task_dir, "task_files": files})
    assert [p.path for p in problems if p.path == "$.task_dir"] == ["$.task_dir"], problems
    with pytest.raises(ConfigError, match="task_dir"):
        async with open_sandbox(BwrapConfig(), files=files, task_dir=task_dir):
            pass
    assert not evil.exists()


@bwrap_only("task_dir validation runs before any backend starts; the bwrap run covers both")
@pytest.mark.parametrize("task_dir", ["/app", "/workspace", "/workspace/project", "/home/agent/work", "/srv/job",
                                      "/code/my_task-1.2"])
def test_canonical_task_dirs_under_the_allowed_roots_load(task_dir):
    from mle_env.task import validate_data

    _, problems = validate_data({"task_id": "t", "prompt": "p", "task_dir": task_dir, "task_files": {"a.py": ""}})
    assert not [p for p in problems if p.path == "$.task_dir"], problems


@bwrap_only("task_dir validation runs before any backend starts; the bwrap run covers both")
def test_exec_refuses_a_task_dir_over_etc_with_its_json_path(tmp_path):
    """The reported route: ``mle-env exec`` on a task with ``task_dir: "//etc"``."""
    task = tmp_path / "t.json"
    task.write_text(json.dumps({"task_id": "t", "prompt": "p", "task_dir": "//etc",
                                "task_files": {"ld.so.preload": "/etc/evil.so\n"}}))  # fmt: skip
    res = subprocess.run([sys.executable, "-m", "mle_env.cli", "exec", str(task), "--", "id", "-u"],
                         capture_output=True, text=True, timeout=60)  # fmt: skip
    assert res.returncode != 0 and "$.task_dir" in res.stderr and "not a canonical path" in res.stderr, res


@pytest.mark.skipif(shutil.which("cc") is None, reason="needs a C compiler to build the preload library")
async def test_no_task_file_is_loaded_by_a_privileged_process(tmp_path):
    """Attack: a task ships files that the dynamic loader or Python's start-up would pick up
    (``ld.so.preload`` + a library, ``sitecustomize.py``, ``usercustomize.py``, a ``.pth``,
    ``python311.zip``), hoping the exec server loads one while it still has root or
    capabilities. Defence: the workspace is only ever at a canonical task_dir under /app-like
    roots, never on a path the loader or Python's start-up reads, and the server starts with
    ``-I -S``. Each file records who loaded it; none may record uid 0 or the server's pid."""
    src = tmp_path / "evil.c"
    src.write_text('#include <stdio.h>\n#include <unistd.h>\n__attribute__((constructor)) static void f(void) {'
                   ' char p[64]; snprintf(p, sizeof p, "/app/LOADED-so-%d-%d", getuid(), getpid());'
                   ' FILE *o = fopen(p, "w"); if (o) fclose(o); }\n')  # fmt: skip
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(tmp_path / "evil.so"), str(src)], check=True)
    from mle_env.task import encode_binary

    py = "import os; open(f'/app/LOADED-py-{os.getuid()}-{os.getpid()}', 'w')\n"
    files = {"evil.so": encode_binary((tmp_path / "evil.so").read_bytes()), "ld.so.preload": "/app/evil.so\n",
             "etc/ld.so.preload": "/app/evil.so\n", "sitecustomize.py": py, "usercustomize.py": py,
             "evil.pth": py, "lib/python3.11/site-packages/sitecustomize.py": py, "python311.zip": "x"}  # fmt: skip
    async with open_sandbox(cfg(), files=files) as sb:
        await sb.exec(["true"])
        listing = (await sb.exec(["ls", "/app"])).stdout.split()
    assert not [n for n in listing if n.startswith("LOADED-")], listing


async def test_setuid_escalation_fails():
    """Attack: become root via su, sudo, setuid(0), mount, chroot. Defence: every mount is
    nosuid, the agent holds no capabilities, and there is no sudo configuration."""
    async with box() as sb:
        t = Tools(sb)
        res = await sh(
            t,
            "su -c id root </dev/null 2>&1; sudo -n id 2>&1; "
            "python -c 'import os\ntry:\n    os.setuid(0); print(\"BECAME ROOT\")\n"
            "except OSError as e:\n    print(\"SETUID-REFUSED\", e.errno)'; "
            "mount -t tmpfs none /tmp 2>&1; chroot / id 2>&1; "
            "for b in $(find /usr/bin /usr/sbin -perm -4000 2>/dev/null); do echo SUID $b; done",
        )
        after = await sh(t, "id -u")
    out = res.result
    assert "uid=0" not in out and "BECAME ROOT" not in out and "SETUID-REFUSED" in out, out
    assert after.result.split("STDOUT:\n", 1)[1].split()[0] != "0"


async def test_host_processes_are_invisible():
    """Attack: list, read or signal host processes (ps aux, /proc, kill). Defence: a private
    PID namespace with its own /proc: the sandbox sees only its own processes. The test
    starts a host process with a marker and looks for it from inside."""
    m = marker()
    host = subprocess.Popen(["sleep", m])
    try:
        async with box() as sb:
            t = Tools(sb)
            ps = await t.call("run_python", {"script_path": "src/ps.py"})
            kill = await sh(t, f"kill -9 {host.pid} 2>&1; cat /proc/{host.pid}/cmdline 2>&1")
        assert m not in ps.result and "pytest" not in ps.result
        lines = [l for l in ps.result.split("STDOUT:\n", 1)[1].split("\nSTDERR:")[0].splitlines() if l.strip()]
        assert len(lines) <= 4, lines  # bwrap's init, the server, python (and nothing of the host)
        assert m not in kill.result
        assert host.poll() is None, "the sandbox killed a host process"
    finally:
        host.kill()
        host.wait()


async def test_other_samples_are_invisible():
    """Attack: from one sample, read another sample's files (its /app, its /tmp) or see its
    processes. Defence: each sandbox has its own workspace bind, tmpfs, mount and PID
    namespaces."""
    secret, m = f"OTHER-SAMPLE-{token()}", marker()
    async with box() as a, box() as b:
        ta, tb = Tools(a), Tools(b)
        await ta.call("write_file", {"path": "secret.txt", "content": secret})
        await sh(ta, f"echo {secret} > /tmp/secret.txt")
        running = asyncio.create_task(sh(ta, f"sleep {m}", timeout=2))
        await poll(lambda: not host_pids_with(m), within=1.5)
        assert host_pids_with(m), "positive control: sample A's process is not running"
        # (B's own command line must not carry the secret: the ps listing would show it.)
        look = await sh(tb, "cat /app/secret.txt /tmp/secret.txt 2>&1; ls -la /app /tmp; python src/ps.py; "
                            "cat /app/* /tmp/* 2>/dev/null; true")
        await running
        assert secret not in look.result and m not in look.result, look
        assert (a.workspace / "secret.txt").read_text() == secret and not (b.workspace / "secret.txt").exists()


async def test_the_agent_cannot_kill_the_exec_server():
    """Attack: kill the exec server (it shares the agent's uid), by pid or with ``kill -9 -1``,
    right after starting a setsid child, hoping the child outlives the reaper or the sample
    ends as an infrastructure error (excluded from the leaderboard, retried on --resume).
    Defence: the server is the PID namespace's init (bwrap --as-pid-1), and the kernel drops
    every signal from inside the namespace that init has no handler for, SIGKILL included.
    The call ends normally, the setsid child is reaped after it, the sandbox goes on."""
    m = marker()
    async with box() as sb:
        t = Tools(sb)
        ns = await pidns(sb)
        await sh(t, f"setsid sleep {m} >/dev/null 2>&1 & sleep 0.2; kill -9 1; kill -9 -1; "
                    f"python -c 'import os; os.kill(1, 9); os.kill(-1, 9)'", timeout=60)
        assert len(await settle_pidns(ns, IDLE)) == IDLE
        assert await left_on_host(m) == []
        again = await sh(t, "echo still-serving")
        assert again.success and "still-serving" in again.result


async def test_agent_cannot_hijack_the_exec_servers_channel():
    """Attack: write a forged reply into the exec server's stdout (/proc/$PPID/fd/1), which
    the host parses as the truth, or steal its requests from stdin. Defence: as root the
    server's uid change makes it non-dumpable, so its /proc fd links are root-only.
    As non-root this FAILS: the server shares the agent's uid and stays dumpable (fix:
    prctl(PR_SET_DUMPABLE, 0) in the server at start)."""
    forged = "".join(
        json.dumps({"id": i, "ok": True, "exit_code": 0, "stdout": "FORGED", "stderr": ""}) + "\\n" for i in range(1, 40)
    )
    async with box() as sb:
        t = Tools(sb)
        res = await sh(t, f"printf '{forged}' > /proc/$PPID/fd/1; echo GENUINE; ls /proc/$PPID/fd 2>&1")
    assert "FORGED" not in res.result and "GENUINE" in res.result, res
    assert "Permission denied" in res.result, res


async def test_workspace_is_removed_after_close_despite_agent_tricks(host_dir):
    """Attack: make the workspace hard to delete (mode-000 directories, read-only files,
    a symlink to a host directory and to /). Defence: rmtree removes the tree without
    following symlinks; as root, permissions do not stop it. (As non-root, mode-000
    directories would stop a plain rmtree: this test FAILS there.)"""
    before = snapshot(host_dir)
    async with box() as sb:
        t = Tools(sb)
        base = sb.workspace.parent
        res = await sh(t, f"mkdir -p a/b/c && touch a/b/c/f && chmod 000 a/b/c a/b && chmod 444 README.md "
                          f"&& ln -s {host_dir} a/host && ln -s / root")
        assert res.success, res
    assert not base.exists(), f"workspace left on disk: {base}"
    assert snapshot(host_dir) == before


# ================================================================ the same through `mle-env exec`


def _cli(task: Path, *cmd: str, timeout: float = 600, env: dict | None = None) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-m", "mle_env.cli", "exec", str(task), "--sandbox", BACKEND[0], "--timeout", str(timeout)]
    argv += ["--", *cmd]
    return subprocess.run(argv, capture_output=True, text=True, timeout=60, env=env)


@pytest.fixture
def task_file(tmp_path):
    path = tmp_path / "task.json"
    path.write_text(json.dumps({
        "task_id": "security-probe",
        "prompt": [{"type": "text", "content": "probe"}],
        "use_docker": True,
        "rubric_text": "",
        "task_files": PROJECT,
    }))  # fmt: skip
    return path


def test_cli_exec_timeout_kills_the_tree_and_returns_124(task_file):
    """Attack (mle-env exec): sleep past --timeout with a background child and a setsid
    grandchild. Defence: the same deadline kill and reaping; the CLI exits 124 in about
    --timeout seconds and nothing is left on the host."""
    m = [marker() for _ in range(3)]
    start = time.monotonic()
    proc = _cli(task_file, "bash", "-c", f"sleep {m[0]} & setsid sleep {m[1]} & sleep {m[2]}", timeout=2)
    took = time.monotonic() - start
    assert proc.returncode == 124, proc
    assert "timed out" in proc.stderr
    assert took < 10, took
    assert host_pids_with(*m) == []


def test_cli_exec_sees_no_secrets_and_no_network(task_file, home_secret):
    """Attack (mle-env exec): read the environment, /etc/shadow, a file in the user's home,
    and reach the network. Defence: allow-listed environment, synthetic /etc, unmounted
    home, no network; the command's own exit code comes back."""
    path, secret = home_secret
    env = {**os.environ, "OPENAI_API_KEY": f"sk-test-secret-{token()}"}
    proc = _cli(task_file, "bash", "-c", f"env; cat /proc/1/environ; cat {path}; cat /etc/shadow", env=env)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, proc
    assert env["OPENAI_API_KEY"] not in out and secret not in out
    net = _cli(task_file, "python", "-c", "import socket; socket.create_connection(('1.1.1.1', 53), timeout=3)")
    assert net.returncode == 1 and "Network is unreachable" in net.stderr, net


def test_cli_exec_background_process_does_not_survive(task_file):
    """Attack (mle-env exec): the command exits at once but leaves a daemon behind.
    Defence: the CLI closes the sandbox when the command ends; the PID namespace goes
    with it."""
    m = marker()
    proc = _cli(task_file, "bash", "-c", f"setsid nohup sleep {m} >/dev/null 2>&1 & echo started")
    assert proc.returncode == 0 and "started" in proc.stdout, proc
    assert host_pids_with(m) == []
