"""`./dev setup` on a fresh machine: a new venv with the interpreter's own bundled pip installs the lock.

The checkout's working tree (not a git clone: it may hold uncommitted changes) is copied to a temporary
directory and set up there from nothing, as a new user's first `./dev demo` would. The machine's global
pip configuration (here a constraints file under /etc/xdg/pip) is switched off, so the set-up is shown
not to depend on it; pip's cache and PIP_* variables from the environment still apply.
"""

from __future__ import annotations

import ensurepip
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NEEDED = ["dev", "requirements.lock", "pyproject.toml", "README.md", "src"]


def _checkout_copy(dest: Path) -> Path:
    dest.mkdir()
    for name in NEEDED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(src, dest / name)
    return dest


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env["PIP_CONFIG_FILE"] = os.devnull  # no global/user pip.conf (pip reads none when this is os.devnull)
    env.pop("PIP_CONSTRAINT", None)
    env["PYTHON"] = getattr(sys, "_base_executable", sys.executable)  # the interpreter, not this venv
    return env


def _lock_pin(name: str) -> str:
    m = re.search(rf"^{re.escape(name)}==(\S+)", (ROOT / "requirements.lock").read_text(), re.M)
    assert m, f"{name} not pinned in requirements.lock"
    return m.group(1)


@pytest.mark.timeout(900)
def test_dev_setup_installs_the_lock_into_a_fresh_venv_with_the_bundled_pip(tmp_path):
    repo = _checkout_copy(tmp_path / "mle-env")
    env = _env()
    t0 = time.monotonic()
    first = subprocess.run(["./dev", "setup"], cwd=repo, env=env, capture_output=True, text=True)
    took = time.monotonic() - t0
    assert first.returncode == 0, first.stdout + first.stderr
    # It says what it is doing, one line per step, while it takes minutes.
    said = first.stderr
    assert "creating .venv with python3." in said
    assert re.search(r"installing \d+ pinned packages from requirements\.lock", said)
    assert "installing mle-env (editable)" in said

    py = repo / ".venv/bin/python"
    pip = subprocess.run([py, "-m", "pip", "--version"], capture_output=True, text=True, env=env)
    assert pip.stdout.split()[1] == ensurepip.version(), "the venv's pip is not the interpreter's bundled one"
    # What broke before: an extra (httpx[http2] from litellm) resolved a release newer than the lock.
    got = subprocess.run([py, "-c", "import httpx; print(httpx.__version__)"], capture_output=True, text=True)
    assert got.stdout.strip() == _lock_pin("httpx")
    check = subprocess.run([py, "-m", "pip", "check"], capture_output=True, text=True, env=env)
    assert check.returncode == 0, check.stdout + check.stderr
    cli = subprocess.run([repo / ".venv/bin/mle-env", "--help"], capture_output=True, text=True, env=env)
    assert cli.returncode == 0 and "validate-task" in cli.stdout, cli.stderr

    # Nothing changed: quiet and quick.
    again = subprocess.run(["./dev", "setup"], cwd=repo, env=env, capture_output=True, text=True, timeout=60)
    assert again.returncode == 0 and again.stderr == "" and again.stdout == ""
    print(f"fresh ./dev setup took {took:.0f}s")
