"""How a batch shows itself while it runs: a live display on a terminal, log lines elsewhere."""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO


class Tally:
    """Counts shared by both displays."""

    def __init__(self, total: int, already: int = 0) -> None:
        self.total, self.already = total, already
        self.done = self.failed = self.running = self.skipped = 0
        self.tokens, self.cost = 0, 0.0
        self.t0 = time.monotonic()

    def finish(self, row: dict[str, Any]) -> None:
        self.running -= 1
        self.done += 1
        self.failed += row.get("status") == "error"
        self.tokens += row.get("total_tokens") or 0
        self.cost += (row.get("cost") or 0) + (row.get("judge_cost") or 0)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.t0

    @property
    def eta(self) -> float | None:
        left = self.total - self.done - self.skipped
        return self.elapsed / self.done * left if self.done else None

    def line(self) -> str:
        eta = "?" if self.eta is None else _hms(self.eta)
        cost = f", ${self.cost:.4f}" if self.cost else ""
        return (f"{self.done}/{self.total} done, {self.running} running, {self.failed} failed"
                + (f", {self.skipped} skipped" if self.skipped else "")
                + f"; {_hms(self.elapsed)} elapsed, ETA {eta}; {self.tokens:,} tokens{cost}")  # fmt: skip


def _hms(s: float) -> str:
    s = int(s)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def describe(s: dict[str, Any], row: dict[str, Any] | None = None) -> str:
    who = f"{s['task_id']} [{s['model']}" + (f" #{s['epoch']}" if s.get("epoch", 1) > 1 else "") + "]"
    if row is None:
        return who
    if row.get("status") == "error":
        what = f"{row.get('error_class')} error: {(row.get('error') or '')[:120]}"
        if row.get("percentage") is not None:
            what += f" (scored {row['percentage']:.1f}%)"
    elif row.get("percentage") is not None:
        bench = f"score {row['benchmark']:.1f}%, " if row.get("benchmark") is not None else ""
        what = (f"{bench}rubric {row['percentage']:.1f}% ({row['score']:g}/{row['graded_possible']} graded, "
                f"{row['ungraded_points']} ungraded)")  # fmt: skip
    else:
        what = row.get("agent_status") or "done"
    return f"{who}: {what} in {row.get('duration') or 0:.1f}s"


class PlainProgress:
    """One line per finished sample, and a tally line every so often (CI logs, files)."""

    def __init__(self, total: int, already: int = 0, out: TextIO | None = None, every: float = 30.0) -> None:
        self.tally = Tally(total, already)
        self.out = out or sys.stdout
        self.every, self.last = every, time.monotonic()

    def _print(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def started(self, s: dict[str, Any]) -> None:
        self.tally.running += 1

    def finished(self, s: dict[str, Any], row: dict[str, Any]) -> None:
        self.tally.finish(row)
        self._print(f"[{self.tally.done}/{self.tally.total}] {describe(s, row)}")
        if time.monotonic() - self.last > self.every:
            self.last = time.monotonic()
            self._print(f"    {self.tally.line()}")

    def skipped(self, s: dict[str, Any]) -> None:
        self.tally.skipped += 1
        self._print(f"skipped {describe(s)}: run budget reached")

    def cancelled(self, s: dict[str, Any]) -> None:
        self.tally.running -= 1
        self._print(f"cancelled {describe(s)}")

    def close(self) -> None:
        self._print(self.tally.line())


class RichProgress(PlainProgress):
    """A live bar with the tally, finished samples scrolling above it."""

    def __init__(self, total: int, already: int = 0) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        super().__init__(total, already)
        self.console = Console()
        self.bar = Progress(
            TextColumn("[bold]samples"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("{task.fields[stats]}"), console=self.console, transient=False,
        )  # fmt: skip
        self.task = self.bar.add_task("run", total=total, stats="")
        self.bar.start()

    def _print(self, text: str) -> None:
        self.console.print(text, markup=False, highlight=False)

    def _refresh(self) -> None:
        t = self.tally
        eta = "?" if t.eta is None else _hms(t.eta)
        cost = f" ${t.cost:.4f}" if t.cost else ""
        self.bar.update(self.task, completed=t.done + t.skipped,
                        stats=f"{t.running} running, {t.failed} failed, ETA {eta}, {t.tokens:,} tok{cost}")  # fmt: skip

    def started(self, s: dict[str, Any]) -> None:
        super().started(s)
        self._refresh()

    def finished(self, s: dict[str, Any], row: dict[str, Any]) -> None:
        self.tally.finish(row)
        self._print(f"{describe(s, row)}")
        self._refresh()

    def skipped(self, s: dict[str, Any]) -> None:
        super().skipped(s)
        self._refresh()

    def cancelled(self, s: dict[str, Any]) -> None:
        super().cancelled(s)
        self._refresh()

    def close(self) -> None:
        self._refresh()
        self.bar.stop()


def make_progress(total: int, already: int = 0, *, tty: bool | None = None) -> PlainProgress:
    tty = sys.stdout.isatty() if tty is None else tty
    return RichProgress(total, already) if tty else PlainProgress(total, already)
