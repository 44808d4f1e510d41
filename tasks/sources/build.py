"""Build tasks/<id>.json from tasks/sources/<id>/ for every task that declares a task.py.

    .venv/bin/python tasks/sources/build.py [ID ...] [--no-selftest]

A task source directory holds:

    task.py                 what this builder needs to know (see REQUIRED / OPTIONAL below)
    prompt.md               the prompt (one text part)
    rubric.txt              ±N|TYPE|criterion|justification, one per line; '#' lines are comments
    files/                  task_files: exactly what the agent sees at /app
    solution/response/      report.json + revised_code.py (mle_env.solution, hidden)
    verify.py               the hidden verification script (start from _lib/verify_template.py)

task.py names:
    ERROR_TYPE              one of the eight codes
    BUG_LOCATIONS           [{"file", "lines": [a, b], "function"}]; [] for NONE
    ANCHORS                 [(file, line, text)]: every line number quoted in rubric.txt or the
                            solution, with text that must be on that line (the build fails if code moved)
    LOCATION_CHECKS         [{"contains": <unique text of a LOCALIZATION line>, "file", "lines", "function"?}]
    METRIC_LINE             regex the revised script's stdout must match (revised_code_runs)
    VERIFY_EXPECTED         dict passed to verify.py as argv[1] (the builder adds data_sha256)
    DIFFICULTY              easy | medium | hard
    PROVENANCE              {"source", "license", "generator"?}
    ENTRYPOINT              e.g. "python src/train.py"
  optional:
    make_data(files_dir)    writes the data files (deterministic; called before anything else)
    BAD_VARIANTS            {name: fn(files: dict[str, str]) -> str}: revised_code.py sources verify
                            must reject (half fixes, wrong fixes); the original is always tried
    EXTRA_CHECKS            [{"type", "contains", "check", "args"}] more deterministic checks
    VERIFY_TIMEOUT          seconds (default 300)
    MAX_TURNS               default 50
    ACCEPTABLE              {CODE: why}: a defensible second code (mle_env.acceptable_error_types; it
                            earns all but the exact-code points and is left out of the penalty)
    INTEGRITY               {"metrics": [...], "null_columns": [...], "bands": False}: overrides for the
                            integrity checks the builder adds to every verifier (_lib/integrity.py);
                            metrics default to VERIFY_EXPECTED["bands"]

Standard rubric lines are recognised by their wording and get their checks automatically
(see STANDARD below); the rubric must follow the reference split: identification 15,
localization 20, explanation 5, fix proposal 20, fix implementation 12, format 8, files 13.
The build then checks: anchors, solution report agrees with BUG_LOCATIONS/ERROR_TYPE,
task files <= 1 MB, the original entrypoint runs (and how long it takes), verify passes the
solution and fails the original (passes it for NONE), every bad variant and every forgery
(mle_env.grading.attacks.forgeries: the solution's output printed, jittered, or printed only
while the data is the task's own); the task JSON loads with mle_env's own validator.

Every verify.py gets the integrity block of _lib/integrity.py inserted before its main(): the
fix is run again on a fresh 80 % sample of the data and on column-shuffled data, and compared
with the solution on the same data, measured here and kept in expected["integrity"].
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CODES = ["DATA_LEAKAGE", "OUTLIER", "SCALING_ERROR", "ENCODING_ERROR", "IMBALANCE", "OVERFITTING", "UNDERFITTING", "NONE"]
SPLIT = {"IDENTIFICATION": 15, "LOCALIZATION": 20, "EXPLANATION": 5, "FIX_PROPOSAL": 20,
         "FIX_IMPLEMENTATION": 12, "FORMAT": 8, "NO_FILE": 13}  # fmt: skip
REPORT_KEYS = ["error_type", "locations", "explanation", "proposed_fix"]
MAX_TASK_BYTES = 1_000_000
MAX_ORIGINAL_SECONDS = 30.0

# (TYPE, wording the line contains, check, args as a function of the task module and the context
# (files, entry: the entry script's path, text: the criterion), required). None for args: skip the line.
STANDARD = [
    ("IDENTIFICATION", '`error_type` in `response/report.json` is exactly "', "error_type_equals",
     lambda t, c: {"path": "response/report.json", "expected": [t.ERROR_TYPE]}, True),
    ("LOCALIZATION", "`locations` is an empty list", "locations_empty",
     lambda t, c: {"path": "response/report.json"}, False),
    ("LOCALIZATION", "Every location is tight and relevant", "locations_tight",
     lambda t, c: {"path": "response/report.json", "bugs": t.BUG_LOCATIONS, "slack": 5,
                   "max_lines": span_limit(t, c["text"])}, False),
    ("FIX_PROPOSAL", "keeps the rest of the method unchanged", "revised_keeps_method",
     lambda t, c: None if t.ERROR_TYPE == "NONE" else
     {"path": "response/revised_code.py", "original": c["entry"], "bugs": t.BUG_LOCATIONS}, False),
    ("FIX_PROPOSAL", "says no change is needed", "no_change_proposed",
     lambda t, c: None if t.ERROR_TYPE != "NONE" else
     {"path": "response/report.json", "revised": "response/revised_code.py", "original": c["entry"]}, False),
    ("FIX_IMPLEMENTATION", "`revised_code.py` keeps the original method", "revised_keeps_method",
     lambda t, c: None if t.ERROR_TYPE != "NONE" else
     {"path": "response/revised_code.py", "original": c["entry"], "budget": 2, "must_change": False}, False),
    ("FIX_IMPLEMENTATION", "exits 0", "revised_code_runs",
     lambda t, c: {"path": "response/revised_code.py", "command": "python response/revised_code.py", "timeout": 120,
                   "stdout_pattern": t.METRIC_LINE}, True),
    ("FIX_IMPLEMENTATION", "hidden verification", "verify", lambda t, c: {}, True),
    ("FORMAT", "is a valid JSON object with exactly the keys", "report_json_valid",
     lambda t, c: {"path": "response/report.json", "required_keys": REPORT_KEYS, "exact_keys": True}, True),
    ("FORMAT", "Every `locations` entry is an object", "locations_format",
     lambda t, c: {"path": "response/report.json", "nonempty": t.ERROR_TYPE != "NONE"}, False),
    ("FORMAT", "is a plain string holding one of the eight codes", "report_shape",
     lambda t, c: {"path": "response/report.json"}, False),
    ("FORMAT", "`explanation` and `proposed_fix` are non-empty prose", "prose_fields",
     lambda t, c: {"path": "response/report.json"}, False),
    ("NO_FILE", "File exists at `/app/response/report.json`", "file_exists",
     lambda t, c: {"path": "response/report.json"}, True),
    ("NO_FILE", "File exists at `/app/response/revised_code.py`", "file_exists",
     lambda t, c: {"path": "response/revised_code.py"}, True),
    ("NO_FILE", "is a complete standalone", "standalone_script",
     lambda t, c: {"path": "response/revised_code.py", "original": c["entry"],
                   "data_files": sorted(f for f in c["files"] if not f.endswith(".py"))}, False),
    ("PENALTY", "`error_type` is one of the other codes", "error_type_equals",
     lambda t, c: {"path": "response/report.json",
                   "expected": [x for x in CODES if x != t.ERROR_TYPE and x not in getattr(t, "ACCEPTABLE", {})]}, True),
]


def span_limit(t, text: str) -> int:
    """The widest entry a "tight and relevant" line allows ("no entry spans more than N lines")."""
    m = re.search(r"spans? more than (\d+) lines", text)
    return int(m.group(1)) if m else 15


def fail(task_id: str, msg: str) -> None:
    raise SystemExit(f"build {task_id}: {msg}")


def read_tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and not p.name.endswith(".pyc")
    }


def load_module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def parse_rubric(text: str) -> tuple[str, list[dict]]:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    rubrics = []
    for ln in lines:
        points, ctype, criterion = (p.strip() for p in ln.split("|")[:3])
        w = int(points)
        rubrics.append({
            "name": ctype.strip("`"),
            "weight": w,
            "score": {"type": "discrete", "outcomes": [min(0, w), max(0, w)]},
            "messages": [{"type": "text", "content": criterion}],
        })  # fmt: skip
    return "\n".join(lines), rubrics


def find(task_id: str, rubrics: list[dict], name: str, contains: str, required: bool = True) -> int | None:
    hits = [i for i, r in enumerate(rubrics) if r["name"] == name and contains in r["messages"][0]["content"]]
    if len(hits) > 1 or (required and not hits):
        fail(task_id, f"{len(hits)} {name} criteria contain {contains!r} (need exactly one)")
    return hits[0] if hits else None


def materialise(root: Path, files: dict[str, str], revised: str | None) -> None:
    for rel, content in {**files, **({"response/revised_code.py": revised} if revised is not None else {})}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(content, encoding="utf-8")


def run_original(task_id: str, files: dict[str, str], entrypoint: str) -> tuple[float, str]:
    with tempfile.TemporaryDirectory() as tmp:
        materialise(Path(tmp), files, None)
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, *entrypoint.split()[1:]], cwd=tmp, capture_output=True, text=True,
                              timeout=300)  # fmt: skip
        took = time.perf_counter() - t0
    if proc.returncode != 0:
        fail(task_id, f"`{entrypoint}` exits {proc.returncode}: {proc.stderr[-1500:]}")
    return took, proc.stdout


def original_as_revised(entry_file: str) -> str:
    """The original entry script as a revised_code.py, run where it lies (sibling imports work);
    the same wrapper `mle-env validate` uses."""
    return (
        "import os, runpy, sys\n"
        f"script = os.path.join(os.getcwd(), {entry_file!r})\n"
        "sys.path.insert(0, os.path.dirname(script))\n"
        "sys.argv[0] = script\n"
        "runpy.run_path(script, run_name='__main__')\n"
    )


def run_verify(task_id: str, verify_path: Path, files: dict[str, str], revised: str, expected: dict) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        materialise(Path(tmp), files, revised)
        proc = subprocess.run([sys.executable, str(verify_path), json.dumps(expected)], cwd=tmp, capture_output=True,
                              text=True, timeout=900)  # fmt: skip
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        fail(task_id, f"verify.py rc={proc.returncode} stdout={proc.stdout[-500:]!r} stderr={proc.stderr[-1500:]}")
    return json.loads(lines[-1])


def compose_verify(task_id: str, verify_src: str) -> str:
    """The task's verify.py with the integrity block inserted before its ``main()``."""
    marker = "\n\ndef main() -> None:"
    if verify_src.count(marker) != 1:
        fail(task_id, "verify.py must define `def main() -> None:` once (start from _lib/verify_template.py)")
    block = (HERE / "_lib" / "integrity.py").read_text(encoding="utf-8")
    head, tail = verify_src.split(marker)
    return f"{head.rstrip()}\n\n\n{block.rstrip()}\n{marker}{tail}"


def integrity_tools() -> dict:
    """The functions of _lib/integrity.py, importable on their own (for measuring the reference)."""
    ns: dict = {"run_script": lambda *a, **k: None, "verify": lambda *a, **k: None}
    exec(compile((HERE / "_lib" / "integrity.py").read_text(encoding="utf-8"), "integrity.py", "exec"), ns)  # noqa: S102
    return ns


def integrity_config(task_id: str, t, files: dict[str, str], revised: str, expected: dict) -> dict | None:
    """Measure the solution on real, fresh and null data: the hidden side of the integrity checks."""
    over = getattr(t, "INTEGRITY", {})
    metrics = list(over.get("metrics") or expected.get("bands", {}))
    if not metrics:
        fail(task_id, "no metrics for the integrity checks: set INTEGRITY = {'metrics': [...]} in task.py")
    data_files = sorted(rel for rel in files if rel.endswith(".csv"))
    seed = int(hashlib.sha256(task_id.encode()).hexdigest()[:8], 16) % 100_000
    tools = integrity_tools()
    script = "response/revised_code.py"
    with tempfile.TemporaryDirectory() as tmp:
        materialise(Path(tmp), files, revised)
        real = subprocess.run([sys.executable, script], cwd=tmp, capture_output=True, text=True, timeout=600)
        runs = {"real": {"returncode": real.returncode, "stdout": real.stdout, "stderr_tail": real.stderr[-800:]}}
        for mode in ("fresh", "null"):
            runs[mode] = tools["integrity_run"](tmp, script, data_files, mode, seed,
                                                over.get("null_columns") if mode == "null" else None, 600)
    ref: dict = {}
    for mode, res in runs.items():
        if res["returncode"] != 0:
            fail(task_id, f"the solution fails on the {mode} data: {res['stderr_tail']}")
        ref[mode] = {m: tools["_i_metric"](res["stdout"], m) for m in metrics}
        missing = [m for m, v in ref[mode].items() if v is None]
        if missing and mode != "null":
            fail(task_id, f"the solution prints no {missing} on the {mode} data")
    null_metrics = tools["integrity_null_metrics"](ref["real"], ref["null"])
    if not null_metrics:
        fail(task_id, f"no metric moves on column-shuffled data ({ref}); set INTEGRITY null_columns or metrics")
    cfg = {
        "metrics": metrics,
        "data_files": data_files,
        "seed": seed,
        "reference": {"real": ref["real"], "fresh": ref["fresh"], "null": {m: ref["null"][m] for m in null_metrics}},
        "null_metrics": null_metrics,
        "bands": {} if over.get("bands") is False else {m: b for m, b in expected.get("bands", {}).items() if m in metrics},
        "reference_stdout": runs["real"]["stdout"],
    }
    if over.get("null_columns"):
        cfg["null_columns"] = list(over["null_columns"])
    print(f"{task_id}: integrity reference {json.dumps(cfg['reference'])}; null metrics {null_metrics}")
    return cfg


def build(src: Path, selftest: bool) -> Path:
    task_id = src.name
    t = load_module(src / "task.py", f"task_{task_id.replace('-', '_')}")
    if t.ERROR_TYPE not in CODES:
        fail(task_id, f"ERROR_TYPE {t.ERROR_TYPE!r} is not one of {CODES}")
    if hasattr(t, "make_data"):
        (src / "files").mkdir(exist_ok=True)
        t.make_data(src / "files")
    files = read_tree(src / "files")
    size = sum(len(v.encode()) for v in files.values())
    if size > MAX_TASK_BYTES:
        fail(task_id, f"task files are {size:,} bytes, over {MAX_TASK_BYTES:,}")
    for path, line, text in t.ANCHORS:
        lines = files[path].splitlines()
        got = lines[line - 1].strip() if 0 < line <= len(lines) else "<past the end>"
        if text not in got:
            fail(task_id, f"{path}:{line} is {got!r}, expected it to contain {text!r}; update the line numbers")
    solution = {f"response/{p}": c for p, c in read_tree(src / "solution" / "response").items()}
    report = json.loads(solution["response/report.json"])
    if report.get("error_type") != t.ERROR_TYPE or report.get("locations") != t.BUG_LOCATIONS:
        fail(task_id, "solution report.json error_type/locations differ from ERROR_TYPE/BUG_LOCATIONS")
    if sorted(report) != sorted(REPORT_KEYS):
        fail(task_id, f"solution report.json keys are {sorted(report)}")

    rubric_text, rubrics = parse_rubric((src / "rubric.txt").read_text(encoding="utf-8"))
    by_cat: dict[str, int] = {}
    for r in rubrics:
        if r["weight"] > 0:
            by_cat[r["name"]] = by_cat.get(r["name"], 0) + r["weight"]
    if by_cat != SPLIT:
        fail(task_id, f"rubric points per category {by_cat} differ from {SPLIT}")
    if not any(r["name"] == "PENALTY" for r in rubrics):
        fail(task_id, "the rubric has no PENALTY line")
    checks = []
    entry_file = t.ENTRYPOINT.split()[1]
    for ctype, wording, check, args, required in STANDARD:
        i = find(task_id, rubrics, ctype, wording, required)
        given = None if i is None else args(t, {"files": files, "entry": entry_file,
                                                   "text": rubrics[i]["messages"][0]["content"]})  # fmt: skip
        if given is not None:
            checks.append({"criterion_index": i, "check": check, "args": given})
    for loc in t.LOCATION_CHECKS:
        i = find(task_id, rubrics, "LOCALIZATION", loc["contains"])
        args = {"path": "response/report.json", "file": loc["file"], "lines": loc["lines"]}
        fn = loc.get("function")
        # "That entry (...) gives `function` as `f`" on a line of its own: that line checks the
        # function, the overlap line does not (a right range with a wrong name keeps its points).
        # A line that also accepts something else ("..., or the report also points at ...") stays judged.
        own = [j for j, r in enumerate(rubrics) if j != i and r["name"] == "LOCALIZATION"
               and fn and f"gives `function` as `{fn}`" in r["messages"][0]["content"]
               and loc["file"] in r["messages"][0]["content"]]  # fmt: skip
        if fn and not own:
            args["function"] = fn
        checks.append({"criterion_index": i, "check": "locations_overlap", "args": args})
        for j in own:
            if ", or " not in rubrics[j]["messages"][0]["content"].split(f"`{fn}`", 1)[1]:
                checks.append({"criterion_index": j, "check": "locations_overlap", "args": {**args, "function": fn}})
    for extra in getattr(t, "EXTRA_CHECKS", []):
        i = find(task_id, rubrics, extra["type"], extra["contains"])
        checks.append({"criterion_index": i, "check": extra["check"], "args": extra["args"]})
    if t.ERROR_TYPE != "NONE" and not t.LOCATION_CHECKS:
        fail(task_id, "a task with a bug needs at least one LOCATION_CHECKS entry")

    expected = {**t.VERIFY_EXPECTED}
    expected.setdefault("data_sha256", {
        rel: hashlib.sha256(c.encode()).hexdigest() for rel, c in files.items() if not rel.endswith(".py")
    })  # fmt: skip
    took, out = run_original(task_id, files, t.ENTRYPOINT)
    print(f"{task_id}: `{t.ENTRYPOINT}` ran in {took:.1f}s; last lines: {' | '.join(out.strip().splitlines()[-3:])}")
    if took > MAX_ORIGINAL_SECONDS:
        fail(task_id, f"the original takes {took:.1f}s, over {MAX_ORIGINAL_SECONDS}s")
    sys.path.insert(0, str(REPO / "src"))
    from mle_env.grading.attacks import forgeries

    verify_src = compose_verify(task_id, (src / "verify.py").read_text(encoding="utf-8"))
    expected["integrity"] = integrity_config(task_id, t, files, solution["response/revised_code.py"], expected)
    tmpdir = tempfile.TemporaryDirectory()
    verify_path = Path(tmpdir.name) / "verify.py"
    verify_path.write_text(verify_src, encoding="utf-8")
    if selftest:
        cases = {"solution": (solution["response/revised_code.py"], True),
                 "original": (original_as_revised(entry_file), t.ERROR_TYPE == "NONE")}  # fmt: skip
        for name, fn in getattr(t, "BAD_VARIANTS", {}).items():
            cases[name] = (fn(files), False)
        for attack in forgeries(files, entry_file, expected["integrity"]["reference_stdout"], t.ERROR_TYPE == "NONE"):
            cases[f"forgery {attack.name}"] = (attack.revised_code, False)
        for case, (revised, should_pass) in cases.items():
            verdict = run_verify(task_id, verify_path, files, revised, expected)
            print(f"{task_id}: verify on {case}: passed={verdict['passed']} {json.dumps(verdict.get('details'))[:400]}")
            if verdict["passed"] is not should_pass:
                fail(task_id, f"verify {'rejected' if should_pass else 'accepted'} the {case}")

    total = sum(r["weight"] for r in rubrics if r["weight"] > 0)
    task = {
        "task_id": task_id,
        "prompt": [{"type": "text", "content": (src / "prompt.md").read_text(encoding="utf-8").strip()}],
        "rubric_text": rubric_text,
        "rubrics": rubrics,
        "use_docker": True,
        "task_dir": "/app",
        "task_files": files,
        "max_turns": getattr(t, "MAX_TURNS", 50),
        "mle_env": {
            "version": 1,
            "expected_error_types": [t.ERROR_TYPE],
            **({"acceptable_error_types": dict(t.ACCEPTABLE)} if getattr(t, "ACCEPTABLE", None) else {}),
            "bug_locations": t.BUG_LOCATIONS,
            "entrypoint": t.ENTRYPOINT,
            "solution": solution,
            "verify": {"script": verify_src, "timeout": getattr(t, "VERIFY_TIMEOUT", 300),
                       "expected": expected},  # fmt: skip
            "checks": checks,
            "difficulty": t.DIFFICULTY,
            "provenance": t.PROVENANCE,
            "total_points": total,
        },
    }
    out_path = REPO / "tasks" / f"{task_id}.json"
    out_path.write_text(json.dumps(task, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    tmpdir.cleanup()
    from mle_env.task import load_task  # validates the schema, rubric agreement and bug locations

    load_task(out_path)
    print(f"{task_id}: wrote {out_path.relative_to(REPO)} ({out_path.stat().st_size:,} bytes; files {size:,} bytes)")
    return out_path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ids", nargs="*", help="task ids (default: every tasks/sources/<id>/task.py)")
    ap.add_argument("--no-selftest", action="store_true", help="skip running verify.py on the solution and variants")
    args = ap.parse_args()
    srcs = [HERE / i for i in args.ids] if args.ids else sorted(p.parent for p in HERE.glob("*/task.py"))
    for src in srcs:
        if not (src / "task.py").is_file():
            raise SystemExit(f"{src}: no task.py")
        build(src, not args.no_selftest)


if __name__ == "__main__":
    main()
