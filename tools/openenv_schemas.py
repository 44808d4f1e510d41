"""Regenerate tests/data/openenv/openenv-<version>-schemas.json from an openenv-core wheel.

    .venv/bin/python tools/openenv_schemas.py path/to/openenv_core-0.3.0-py3-none-any.whl
    .venv/bin/python tools/openenv_schemas.py path/to/unpacked/openenv    # the package directory

The served environment (/env, src/mle_env/server/environment.py) speaks OpenEnv's wire format,
but openenv-core cannot be a dependency (its server imports fastmcp and gradio). So the tests
check our messages against the JSON Schemas of OpenEnv's own pydantic models, kept in that file.
This script makes them: it loads only ``core/env_server/types.py`` and ``mcp_types.py`` by file
path under a stand-in package (the real ``openenv/__init__`` would import fastmcp), and writes
``{Model: Model.model_json_schema()}`` for the models the wire uses. Get the wheel with
``pip download openenv-core==X --no-deps``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
import types
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "tests" / "data" / "openenv"
INNER = "openenv/core/env_server"

TYPES = ("EnvironmentMetadata", "HealthResponse", "ResetRequest", "ResetResponse", "SchemaResponse", "State",
         "StepRequest", "StepResponse", "WSCloseMessage", "WSErrorResponse", "WSObservationResponse",
         "WSResetMessage", "WSStateMessage", "WSStateResponse", "WSStepMessage")  # fmt: skip
MCP_TYPES = ("CallToolAction", "ListToolsAction")


def load(server_dir: Path) -> tuple[types.ModuleType, types.ModuleType]:
    """``types`` and ``mcp_types`` of the env_server directory, without its package's ``__init__``."""
    pkg = "_openenv_schemas"
    parent = types.ModuleType(pkg)
    parent.__path__ = [str(server_dir)]
    sys.modules[pkg] = parent
    mods = []
    for name in ("types", "mcp_types"):  # mcp_types does ``from .types import ...``
        spec = importlib.util.spec_from_file_location(f"{pkg}.{name}", server_dir / f"{name}.py")
        assert spec is not None and spec.loader is not None
        mod = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = mod
        spec.loader.exec_module(mod)
        mods.append(mod)
    return mods[0], mods[1]


def schemas(server_dir: Path) -> dict[str, dict]:
    core, mcp = load(server_dir)
    out = {name: getattr(core, name).model_json_schema() for name in TYPES}
    out.update({name: getattr(mcp, name).model_json_schema() for name in MCP_TYPES})
    return dict(sorted(out.items()))


def render(found: dict[str, dict]) -> str:
    return json.dumps(found, indent=1, sort_keys=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", type=Path, help="an openenv_core-X-py3-none-any.whl, or its unpacked openenv/ directory")
    ap.add_argument("--version", help="the version in the output's name (default: read from the wheel's name)")
    ap.add_argument("--out", type=Path, help=f"where to write (default {OUT_DIR}/openenv-VERSION-schemas.json)")
    ap.add_argument("--check", action="store_true", help="do not write: exit 1 if the file differs")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.source.suffix == ".whl":
            with zipfile.ZipFile(args.source) as whl:
                for name in ("types.py", "mcp_types.py"):
                    whl.extract(f"{INNER}/{name}", tmp)
            server_dir = Path(tmp) / INNER
            found = re.search(r"openenv_core-([^-]+)-", args.source.name)
            version = args.version or (found.group(1) if found else None)
        else:
            server_dir = args.source / "core" / "env_server"
            version = args.version
        if not version:
            ap.error("give --version (it cannot be read from a directory)")
        text = render(schemas(server_dir))
    out = args.out or OUT_DIR / f"openenv-{version}-schemas.json"
    if args.check:
        same = out.is_file() and out.read_text(encoding="utf-8") == text
        print(f"{out}: {'up to date' if same else 'DIFFERS'}")
        return 0 if same else 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out} ({len(json.loads(text))} schemas)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
