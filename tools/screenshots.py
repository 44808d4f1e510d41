"""Make the viewer's screenshots in docs/screenshots/ (run.png, sample.png, sample-diff.png) from a fresh run.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--keep DIR]

Runs oracle, baseline and a scripted agent (``scripted:demo-agent.json``, written here: it looks
around, runs the script, writes the reference fix of wine-lot-authentication, checks it and
answers, with tokens and cost on every turn) over two bundled tasks with no LLM and no network
(a few minutes on two cores), writes `mle-env report`, and photographs with headless Chromium
(/usr/bin/chromium, or $MLE_ENV_CHROMIUM_BIN) its run page, and the scripted agent's sample page
on wine-lot-authentication: its top (sample.png) and from the diff down (sample-diff.png; its
revised code differs from the original, so the diff has lines).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from mle_env.view.browser import CHROMIUM, Browser, screenshot

ROOT = Path(__file__).resolve().parents[1]
TASKS = [ROOT / "tasks" / "wine-lot-authentication.json", ROOT / "tasks" / "bakery-demand-planner.json"]
SHOWN = "wine-lot-authentication"
AGENT = "demo-agent.json"  # the model is named scripted:demo-agent.json (the path as given, relative to the run's cwd)


def _call(i: int, name: str, **args: object) -> dict:
    return {"id": f"call_{i}", "name": name, "arguments": json.dumps(args)}


def script() -> list[dict]:
    """A plausible agent: the same turns on every task, the fix it writes is wine-lot-authentication's."""
    solution = json.loads(TASKS[0].read_text())["mle_env"]["solution"]
    usage = [(1450, 60), (2900, 45), (4100, 80), (5600, 1900), (7800, 40), (8300, 210)]
    turns = [
        ("I'll start by looking at the project layout.", [_call(1, "list_files", path=".")]),
        ("The pipeline lives in src/authenticate.py; let me read it.",
         [_call(2, "read_file", path="src/authenticate.py")]),
        ("Before changing anything I'll run it to see the reported numbers.",
         [_call(3, "run_python", script_path="src/authenticate.py", timeout=120)]),
        ("The features are rescaled per row (unit L2 norm), so the proline column dominates every lot's "
         "vector: a scaling error. I'll write the report and a fix that standardises each feature on the "
         "training lots.",
         [_call(4, "write_file", path="response/report.json", content=solution["response/report.json"]),
          _call(5, "write_file", path="response/revised_code.py", content=solution["response/revised_code.py"])]),
        ("Let me check the fix runs and compare the metrics.",
         [_call(6, "run_python", script_path="response/revised_code.py", timeout=120)]),
        ("FINAL ANSWER: SCALING_ERROR in prepare_features (src/authenticate.py): per-row L2 normalisation "
         "instead of per-feature standardisation fitted on the training lots; fixed in "
         "response/revised_code.py.", []),
    ]  # fmt: skip
    return [{"text": text, "tool_calls": calls, "usage": {"prompt_tokens": i, "completion_tokens": o},
             "cost": round(i * 2.5e-6 + o * 1e-5, 6)}
            for (text, calls), (i, o) in zip(turns, usage, strict=True)]  # fmt: skip


def mle(cwd: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "mle_env.cli", *args], cwd=cwd, check=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--keep", help="make the run in this directory and keep it (default: a temporary one)")
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.keep or tmp).resolve()
        work.mkdir(parents=True, exist_ok=True)
        (work / AGENT).write_text(json.dumps(script(), indent=1))
        run = work / "screenshots"
        if not (run / "index.sqlite").exists():
            mle(work, "run", *(a for t in TASKS for a in ("--task", str(t))), "--model", "oracle",
                "--model", "baseline", "--model", f"scripted:{AGENT}", "--concurrency", "2",
                "--output-dir", str(work), "--run-name", "screenshots")  # fmt: skip
        report = work / "report.html"
        mle(work, "report", str(run), "-o", str(report))
        html = report.read_text(encoding="utf-8")
        found = re.search(rf'<section class="sample" id="([^"]+)" data-model="scripted:{re.escape(AGENT)}" '
                          rf'data-task="{SHOWN}"', html)  # fmt: skip
        if not found:
            print(f"no sample of scripted:{AGENT} on {SHOWN} in the report", file=sys.stderr)
            return 1
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        sample = f"{report.as_uri()}#{found.group(1)}"
        for name, url, size in (("run.png", report.as_uri(), "1300,1900"), ("sample.png", sample, "1300,2300")):
            screenshot(url, out / name, size, work / "profile")
            print(f"wrote {out / name}")
        with Browser(work / "profile-cdp") as b:  # further down the same page: report.json, the diff, the rubric
            b.goto(sample)
            b.capture(out / "sample-diff.png", f"#{found.group(1)} h2.diff-head", 1900)
        print(f"wrote {out / 'sample-diff.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
