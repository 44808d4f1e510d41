"""Make the viewer's screenshots in docs/screenshots/ (run.png, sample.png) from a fresh run.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--keep DIR]

Runs oracle, baseline and a scripted model (whose script runs out: a model error) over two
bundled tasks with no LLM and no network (about a minute on two cores), writes `mle-env report`,
and photographs its run page and one sample page with headless Chromium (/usr/bin/chromium, or
$MLE_ENV_CHROMIUM_BIN).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TASKS = ["tasks/wine-lot-authentication.json", "tasks/bakery-demand-planner.json"]
SCRIPT = [
    {"text": "Let me look around.", "tool_calls": [{"id": "c1", "name": "list_files", "arguments": '{"path": "src"}'}],
     "usage": {"prompt_tokens": 900, "completion_tokens": 40}},
    {"text": "I'll run the training script first.",
     "tool_calls": [{"id": "c2", "name": "run_python",
                     "arguments": '{"script_path": "src/authenticate.py", "timeout": 120}'}],
     "usage": {"prompt_tokens": 1300, "completion_tokens": 30}},
]  # fmt: skip


def mle(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "mle_env.cli", *args], cwd=ROOT, check=True)


def shoot(chromium: str, url: str, out: Path, size: str, profile: Path) -> None:
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-background-networking", "--disable-gpu",
                    "--hide-scrollbars", f"--user-data-dir={profile}", f"--window-size={size}", f"--screenshot={out}",
                    url], check=True, capture_output=True, timeout=120)  # fmt: skip
    print(f"wrote {out}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--keep", help="make the run in this directory and keep it (default: a temporary one)")
    args = ap.parse_args()
    chromium = os.environ.get("MLE_ENV_CHROMIUM_BIN", "/usr/bin/chromium")
    if not Path(chromium).exists():
        print(f"no Chromium at {chromium} (apt-get install chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.keep or tmp)
        work.mkdir(parents=True, exist_ok=True)
        script = work / "script.json"
        script.write_text(json.dumps(SCRIPT))
        run = work / "screenshots"
        if not (run / "index.sqlite").exists():
            mle("run", *(a for t in TASKS for a in ("--task", t)), "--model", "oracle", "--model", "baseline",
                "--model", f"scripted:{script}", "--concurrency", "2", "--output-dir", str(work),
                "--run-name", "screenshots")  # fmt: skip
        report = work / "report.html"
        mle("report", str(run), "-o", str(report))
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        shoot(chromium, report.as_uri(), out / "run.png", "1300,1250", work / "profile")
        # the baseline on wine-lot-authentication: sample 1 of the index order (model, task file, epoch)
        shoot(chromium, report.as_uri() + "#r0-s1", out / "sample.png", "1300,1900", work / "profile")
    return 0


if __name__ == "__main__":
    sys.exit(main())
