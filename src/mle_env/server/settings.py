"""What ``mle-env serve`` is configured with (flags and environment, see ``mle-env serve --help``)."""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ServerSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    host: str = "127.0.0.1"
    port: int = Field(8080, ge=0, le=65535)
    data_dir: Path = Path("mle-env-server")
    """Holds ``jobs.sqlite``, one directory per job (trajectory, response files) and the webhook key."""
    token: str | None = None
    """When set, every endpoint but /health and the docs needs ``Authorization: Bearer <token>``."""
    workers: int = Field(2, ge=1)
    max_queue: int = Field(10_000, ge=1)
    job_ttl: float = Field(7 * 24 * 3600, gt=0)
    job_timeout: float = Field(3600.0, gt=0)
    max_body_bytes: int = Field(32 * 1024 * 1024, ge=1024)
    max_json_depth: int = Field(64, ge=8, le=200)
    """Objects and arrays nested deeper than this anywhere in a request body are a 422 (pydantic recurses)."""
    header_timeout: float = Field(10.0, gt=0, le=3600)
    """Seconds a client has to send a request's line and headers (from connecting, or from the previous response)."""
    body_timeout: float = Field(60.0, gt=0, le=24 * 3600)
    """Seconds a client has, after its headers, to send the whole body."""
    keep_alive_timeout: float = Field(5.0, gt=0, le=3600)
    """Seconds an idle kept-alive connection stays open."""
    max_connections: int = Field(512, ge=1)
    """Connections open at once; past it the one waiting longest for its headers is closed to make
    room, or (every one busy with a request) the new one is answered 503."""
    max_turns_cap: int = Field(200, ge=1)
    requeue_interrupted: bool = False
    default_model: str = "baseline"
    allow_models: list[str] | None = None
    """Globs; None means any model except ``scripted:``/``replay:`` (they read files on the server)."""
    default_judge: str = "none"
    judge_samples: int = Field(1, ge=1)
    judge_api_base: str | None = None
    api_base: str | None = None
    max_retries: int | None = Field(None, ge=0)
    tasks_dir: Path = Path("tasks")
    executor: Literal["local", "ray"] = "local"
    """Where jobs run: in this process, or each as a task on a Ray cluster (runner.ray_executor)."""
    ray_address: str | None = None
    webhook_secret: str | None = None
    webhook_allow_hosts: list[str] | None = None
    webhook_allow_http: bool = False
    webhook_allow_private: bool = False
    webhook_attempts: int = Field(5, ge=1)
    webhook_backoff: float = Field(2.0, ge=0)
    env_idle_timeout: float = Field(300.0, gt=0, le=7 * 24 * 3600)
    """Seconds an /env episode may sit idle (no reset or step begun, none running) before it is
    closed and its sandbox stopped."""
    env_max_episodes: int = Field(64, ge=1)
    """/env episodes open at once (WebSocket and HTTP together); one more reset is CAPACITY_REACHED."""
    env_report_bonus: float = Field(0.0, ge=0.0, le=0.5)
    """The /env episodes' shaped signal (``RewardConfig.report_bonus``; 0: off)."""
    env_error_codes: bool = False
    """Put each task's expected error codes in the /env curriculum metadata (for a sampler)."""

    @property
    def loopback_only(self) -> bool:
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False

    def secret(self) -> str:
        """The webhook HMAC key: configured, or made once and kept in ``data_dir/webhook-secret`` (mode 0600)."""
        if self.webhook_secret:
            return self.webhook_secret
        path = self.data_dir / "webhook-secret"
        try:
            return path.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            pass
        self.data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(key + "\n")
        return key
