"""Sandbox lifecycle: one workspace per sample, hidden data kept out, concurrency, failures."""

from __future__ import annotations

import asyncio
import os
import signal

import pytest

from mle_env.errors import ConfigError, SandboxError
from mle_env.sandbox import BwrapConfig, make_config, open_sandbox
from mle_env.sandbox.docker import engine_available
from mle_env.task import validate_data
from mle_env.tools import Tools


def _task(**ext):
    data = {
        "task_id": "t",
        "prompt": [{"type": "text", "content": "x"}],
        "use_docker": True,
        "task_files": {"src/train.py": "print('hi')\n"},
        "mle_env": {
            "solution": {"response/revised_code.py": "SECRET_SOLUTION_MARKER = 1\n"},
            "verify": {"script": "print('SECRET_VERIFY_MARKER')\n"},
            **ext,
        },
    }
    task, problems = validate_data(data)
    assert task is not None and not [p for p in problems if p.severity == "error"], problems
    return task


async def test_two_samples_of_one_task_each_get_their_own_app(backend):
    task = _task()
    async with open_sandbox(backend, task) as a, open_sandbox(backend, task) as b:
        ta, tb = Tools(a), Tools(b)
        await asyncio.gather(
            ta.call("write_file", {"path": "src/train.py", "content": "A"}),
            tb.call("write_file", {"path": "src/train.py", "content": "B"}),
        )
        assert (await ta.call("read_file", {"path": "/app/src/train.py"})).result == "A"
        assert (await tb.call("read_file", {"path": "/app/src/train.py"})).result == "B"
        assert a.workspace != b.workspace


async def test_hidden_task_data_never_enters_the_sandbox(backend):
    async with open_sandbox(backend, _task()) as sb:
        where = ". /tmp /run /etc" if sb.kind == "bwrap" else "."
        res = await Tools(sb).call("bash_exec", {"command": f"grep -rl SECRET_ {where} 2>/dev/null; echo scanned"})
        assert "scanned" in res.result and "SECRET_" not in res.result.replace("grep -rl SECRET_", "")
        files = sorted(str(p.relative_to(sb.workspace)) for p in sb.workspace.rglob("*") if p.is_file())
        assert files == ["src/train.py"]


async def test_workspace_removed_unless_kept():
    async with open_sandbox(make_config("bwrap"), files={"a.txt": "x"}) as sb:
        ws = sb.workspace
        assert (ws / "a.txt").exists()
    assert not ws.exists()
    async with open_sandbox(make_config("bwrap", keep_workspace=True), files={"a.txt": "x"}) as sb:
        await Tools(sb).call("write_file", {"path": "response/report.json", "content": "{}"})
        ws = sb.workspace
    assert (ws / "response/report.json").read_text() == "{}"


async def test_calls_run_concurrently_and_do_not_block_the_loop(sandbox):
    tools = Tools(sandbox)
    done: list[str] = []

    async def call(name, cmd):
        await tools.call("bash_exec", {"command": cmd})
        done.append(name)

    async def ticker():
        for _ in range(5):
            await asyncio.sleep(0)
        done.append("loop")

    await asyncio.gather(call("slow", "sleep 1.5"), call("fast", "sleep 0.1"), ticker())
    assert done == ["loop", "fast", "slow"]


async def test_four_concurrent_sleeps_overlap(sandbox):
    """Each reports its own duration; they overlap, so their wall total is near one, not four."""
    tools = Tools(sandbox)
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    results = await asyncio.gather(*(tools.call("bash_exec", {"command": "sleep 0.3"}) for _ in range(4)))
    wall = loop.time() - t0
    assert all(r.success for r in results)
    assert wall < 4 * 0.3  # serial execution could not be faster than this


async def test_a_dead_sandbox_is_an_infrastructure_error():
    async with open_sandbox(make_config("bwrap"), files={}) as sb:
        os.killpg(sb._transport.get_pid(), signal.SIGKILL)
        await asyncio.sleep(0.2)
        with pytest.raises(SandboxError, match="bwrap sandbox"):
            await Tools(sb).call("bash_exec", {"command": "true"})


async def test_a_sandbox_that_cannot_start_says_why(tmp_path):
    with pytest.raises(SandboxError, match="(could not|failed to) start.*no-bwrap"):
        async with open_sandbox(BwrapConfig(bwrap=str(tmp_path / "no-bwrap")), files={}):
            pass
    assert not list(tmp_path.iterdir())


async def test_local_refuses_a_task_that_asks_for_isolation():
    with pytest.raises(ConfigError, match="--force-local"):
        async with open_sandbox(make_config("local"), _task()):
            pass
    async with open_sandbox(make_config("local", force=True), _task()) as sb:
        assert (await Tools(sb).call("run_python", {"script_path": "src/train.py"})).success


async def test_task_dir_is_what_the_agent_sees():
    task = _task()
    task = task.model_copy(update={"task_dir": "/workspace/project"})
    async with open_sandbox(make_config("bwrap"), task) as sb:
        tools = Tools(sb)
        res = await tools.call("bash_exec", {"command": "pwd; ls /workspace/project/src"})
        assert "/workspace/project\n" in res.result and "train.py" in res.result
        assert (await tools.call("read_file", {"path": "/workspace/project/src/train.py"})).success
        assert not (await tools.call("read_file", {"path": "/app/src/train.py"})).success


def _docker_unusable(image: str) -> str | None:
    """Why the docker contract cannot be tried here: no engine answers, or it lacks the sandbox image
    (a machine with Docker but without ``docker build -t mle-env-sandbox:latest docker/``)."""
    why = engine_available()
    if why is not None:
        return f"no Docker engine: {why}"
    import subprocess

    try:
        res = subprocess.run(["docker", "image", "inspect", image], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"docker image inspect {image} failed: {e}"
    if res.returncode != 0:
        return f"the Docker engine has no image {image} (build it: docker build -t {image} docker/)"
    return None


DOCKER_IMAGE = make_config("docker").image
DOCKER = _docker_unusable(DOCKER_IMAGE)


@pytest.mark.docker
@pytest.mark.skipif(DOCKER is not None, reason=str(DOCKER))
async def test_docker_backend_same_contract():
    async with open_sandbox(make_config("docker", image=DOCKER_IMAGE), _task()) as sb:
        tools = Tools(sb)
        res = await tools.call("run_python", {"script_path": "/app/src/train.py"})
        assert res.success and "hi" in res.result
        res = await tools.call("bash_exec", {"command": "id -u; python3 -c 'import socket; socket.create_connection((\"1.1.1.1\", 53), 2)'"})
        uid = int(res.result.split("STDOUT:\n", 1)[1].split()[0])
        assert not res.success and "Network is unreachable" in res.result
        assert uid != 0 and (uid >= 100_000 if os.geteuid() == 0 else uid == os.geteuid())


def _host_processes_with(marker: str) -> list[int]:
    found = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/cmdline", "rb") as f:
                    if marker.encode() in f.read():
                        found.append(int(d))
            except OSError:
                pass
    return found


def test_sandbox_dies_with_the_harness(tmp_path):
    """SIGKILL the harness mid-call: the sandbox and everything in it go too."""
    import subprocess
    import sys
    import time

    script = tmp_path / "harness.py"
    script.write_text(
        "import asyncio\n"
        "from mle_env.sandbox import make_config, open_sandbox\n"
        "async def main():\n"
        "    async with open_sandbox(make_config('bwrap'), files={}) as sb:\n"
        "        print('up', flush=True)\n"
        "        await sb.exec(['sleep', '4242.5'], timeout=600)\n"
        "asyncio.run(main())\n"
    )
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "up"
    for _ in range(100):
        if _host_processes_with("4242.5"):
            break
        time.sleep(0.05)
    assert _host_processes_with("4242.5")
    proc.kill()
    proc.wait()
    for _ in range(100):
        if not _host_processes_with("4242.5"):
            break
        time.sleep(0.05)
    assert _host_processes_with("4242.5") == []


async def test_sandbox_out_of_memory_kills_agent_processes_not_the_sandbox():
    """Past total_memory_mb the kernel kills the agent's processes (not the exec server),
    and the model is told why."""
    from mle_env.sandbox import Limits

    cfg = make_config("bwrap", limits=Limits(total_memory_mb=400, memory_mb=1024))
    async with open_sandbox(cfg, files={}) as sb:
        if sb.cgroup is None:
            pytest.skip("no cgroup can be made here (needs root and a memory controller)")
        tools = Tools(sb)
        hog = "python -c 'b = bytearray(300 << 20); b[::4096] = b\"x\" * len(b[::4096]); import time; time.sleep(3)'"
        res = await tools.call("bash_exec", {"command": f"{hog} & {hog} & wait; echo after", "timeout": 30})
        after = await tools.call("bash_exec", {"command": "echo still here"})
        assert after.success and "still here" in after.result
        one = await tools.call("bash_exec", {"command": "python -c 'b = bytearray(600 << 20); b[::4096] = b\"x\" * len(b[::4096])'"})
        assert not one.success and "ran out of memory" in one.result, one
        assert "after" in res.result


async def test_python_installed_under_tmp_is_visible(tmp_path, monkeypatch):
    """A checkout (and its .venv) under /tmp, as CI may use, must not be hidden by the sandbox's own /tmp."""
    from mle_env.sandbox import bwrap

    fake = tmp_path / "venv"
    fake.mkdir()
    (fake / "marker.txt").write_text("visible")
    real = bwrap.python_mounts()
    monkeypatch.setattr(bwrap, "python_mounts", lambda: [*real, str(fake)])
    async with open_sandbox(make_config("bwrap"), files={}) as sb:
        res = await sb.exec(["cat", str(fake / "marker.txt")])
        assert res.stdout == "visible", res
        tmp = await sb.exec(["bash", "-c", "touch /tmp/ok && echo writable"])
        assert tmp.stdout.strip() == "writable"
