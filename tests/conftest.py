from __future__ import annotations

import os

# No test may reach the internet: LiteLLM must use its bundled price map and stay offline.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("LITELLM_OFFLINE_MODE", "true")

import pytest  # noqa: E402

from mle_env.sandbox import make_config, open_sandbox  # noqa: E402
from mle_env.tools import Tools  # noqa: E402

PROJECT = {
    "src/train.py": "import sys\nprint('train ok')\nprint('to stderr', file=sys.stderr)\n",
    "src/fail.py": "raise SystemExit(3)\n",
    "data/train.csv": "a,b\n1,2\n",
    "README.md": "# toy\n",
}


@pytest.fixture(params=["bwrap", "local"])
def backend(request):
    """A sandbox config for each backend that runs everywhere (Docker has its own tests)."""
    if request.param == "local":
        return make_config("local", force=True)
    return make_config("bwrap")


@pytest.fixture
async def sandbox(backend):
    async with open_sandbox(backend, files=PROJECT) as sb:
        yield sb


@pytest.fixture
async def tools(sandbox):
    return Tools(sandbox)
