"""Measure the original (per-lot normalize) vs the solution over split seeds.

    /work/main/.venv/bin/python tasks/sources/wine-lot-authentication/measure.py
"""
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
METRICS = ["test_macro_f1", "cv_macro_f1", "test_accuracy"]


def run(ws: Path, script: str, seed: int) -> dict:
    path = ws / script
    src = path.read_text()
    path.write_text(src.replace('"seed": 11,', f'"seed": {seed},'))
    out = subprocess.run([sys.executable, script], cwd=ws, capture_output=True, text=True, check=True).stdout
    path.write_text(src)
    return {m: float(re.search(rf"^{m}:\s*([-0-9.]+)", out, re.M).group(1)) for m in METRICS}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp)
        shutil.copytree(HERE / "files", ws, dirs_exist_ok=True)
        shutil.copytree(HERE / "solution" / "response", ws / "response")
        for name, script in [("buggy", "src/authenticate.py"), ("fixed", "response/revised_code.py")]:
            res = [run(ws, script, s) for s in range(12)]
            print(name, {m: f"{statistics.mean(r[m] for r in res):.3f} +/- {statistics.stdev(r[m] for r in res):.3f}" for m in METRICS})
            for m in METRICS:
                print("  ", m, "min/max", min(r[m] for r in res), max(r[m] for r in res))
        print("default seed 11:", run(ws, "src/authenticate.py", 11), run(ws, "response/revised_code.py", 11))


if __name__ == "__main__":
    main()
