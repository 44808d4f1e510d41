"""Build tasks/biopsy-response-classifier.json from the files next to this script.

    .venv/bin/python tasks/sources/biopsy-response-classifier/build.py [--no-selftest]

Deterministic (fixed seeds, stdlib + numpy/pandas/scikit-learn). Steps:

1. generate files/data/expression.csv (synthetic tumour expression panel);
2. check that the line numbers quoted in rubric.txt and the solution's
   report.json still point at the leaking code in files/src/train.py;
3. measure the leaky original and the leak-free solution over many split
   seeds, and on label-permuted copies of the data, and derive the verify
   band and null ceiling from those measurements (recorded in
   mle_env.verify.expected, with the raw numbers under "reference");
4. unless --no-selftest: run verify.py on a workspace holding the solution
   (must pass) and on one whose revised_code.py is the original (must fail);
5. write the task JSON.

Layout:
    prompt.md                     the prompt (one text part)
    rubric.txt                    ±N|TYPE|criterion|justification, '#' lines are comments
    files/                        task_files: what the agent sees at /app
    solution/response/            mle_env.solution
    verify.py                     mle_env.verify.script
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.util
import io
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
TASK_ID = "biopsy-response-classifier"
OUT = REPO / "tasks" / f"{TASK_ID}.json"

DATA_SEED = 5
N_LABELLED, N_UNLABELLED, N_GENES = 120, 2, 400
N_RESPONDERS = 54
N_INFORMATIVE, EFFECT = 6, 0.7  # genes with a real but weak shift; shift between classes in SD units
MODULES = (40, 30, 25)  # co-expressed gene modules (shared latent factor), no relation to response

MEASURE_SEEDS = list(range(20))
DEFAULT_SEED = 42
BAND_MARGIN = 0.05
NULL_SEEDS = [1, 2, 3, 4, 5]
NULL_CEILING = {"test_accuracy": 0.62, "cv_accuracy": 0.62}
METRICS = ("test_accuracy", "cv_accuracy")

# A half fix for the self-test (verify must reject it): scaler and selector fitted on the
# training split only, but cross-validation still runs on the pre-selected training matrix.
HALF_FIX_OLD = """    X_model, genes = preprocess(X, y, args.k)
    X_train, X_test, y_train, y_test = train_test_split(
        X_model, y, test_size=0.25, stratify=y, random_state=args.seed
    )
"""
HALF_FIX_NEW = """    X_tr, X_te, y_train, y_test = train_test_split(
        X, y, test_size=0.25, stratify=y, random_state=args.seed
    )
    scaler = StandardScaler().fit(X_tr)
    selector = SelectKBest(f_classif, k=args.k).fit(scaler.transform(X_tr), y_train)
    X_train = selector.transform(scaler.transform(X_tr))
    X_test = selector.transform(scaler.transform(X_te))
    genes = list(X.columns[selector.get_support()])
"""

# (file, 1-based line, text that must be on it) for every line number quoted in rubric.txt / the solution
ANCHORS = [
    ("src/train.py", 40, "def preprocess("),
    ("src/train.py", 42, "scaler = StandardScaler()"),
    ("src/train.py", 43, "X_scaled = scaler.fit_transform(X)"),
    ("src/train.py", 45, "X_selected = selector.fit_transform(X_scaled, y)"),
    ("src/train.py", 78, "def main("),
    ("src/train.py", 83, "X_model, genes = preprocess(X, y, args.k)"),
    ("src/train.py", 84, "train_test_split("),
    ("src/train.py", 86, ")"),
]
BUG_LOCATIONS = [
    {"file": "src/train.py", "lines": [42, 45], "function": "preprocess"},
    {"file": "src/train.py", "lines": [83, 86], "function": "main"},
]
OTHER_CODES = ["OUTLIER", "SCALING_ERROR", "ENCODING_ERROR", "IMBALANCE", "OVERFITTING", "UNDERFITTING", "NONE"]
REPORT_KEYS = ["error_type", "locations", "explanation", "proposed_fix"]


# ------------------------------------------------------------------ data


def make_expression_csv() -> str:
    """120 labelled + 2 unlabelled biopsies x 400 genes (log2 scale, one decimal)."""
    rng = np.random.default_rng(DATA_SEED)
    n = N_LABELLED + N_UNLABELLED
    y = np.zeros(N_LABELLED, dtype=int)
    y[:N_RESPONDERS] = 1
    y = rng.permutation(y)
    base = rng.uniform(3.0, 12.0, N_GENES)
    sd = rng.uniform(0.3, 1.4, N_GENES)
    z = rng.standard_normal((n, N_GENES))
    order = rng.permutation(N_GENES)
    start = N_INFORMATIVE
    for size in MODULES:
        members = order[start : start + size]
        start += size
        factor = rng.standard_normal(n)
        z[:, members] = 0.6 * factor[:, None] + 0.8 * z[:, members]
    informative = order[:N_INFORMATIVE]
    signs = rng.choice([-1, 1], N_INFORMATIVE)
    z[:N_LABELLED, informative] += (EFFECT / 2) * signs * (2 * y[:, None] - 1)
    expr = np.round(base + sd * z, 1)

    genes = [f"gene_{i + 1:03d}" for i in range(N_GENES)]
    df = pd.DataFrame(expr, columns=genes)
    df.insert(0, "sample_id", "")
    df["responder"] = pd.array(list(y) + [None] * N_UNLABELLED, dtype="Int64")
    df = df.iloc[rng.permutation(n)].reset_index(drop=True)
    df["sample_id"] = [f"BX-{1000 + 7 * i + int(d)}" for i, d in enumerate(rng.integers(0, 7, n))]
    return df.to_csv(index=False, float_format="%.1f", lineterminator="\n")


# ------------------------------------------------------------------ helpers


def read_tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def load_module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run_main(mod, argv: list[str]) -> str:
    """Run a script's main() in-process with argv; return its stdout."""
    old = sys.argv
    sys.argv = ["script", *argv]
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            mod.main()
    finally:
        sys.argv = old
    return buf.getvalue()


def check_anchors(files: dict[str, str]) -> None:
    for path, line, text in ANCHORS:
        got = files[path].splitlines()[line - 1].strip()
        if text not in got:
            sys.exit(f"build.py: {path}:{line} is {got!r}, expected it to contain {text!r}; update the line numbers")
    report = json.loads((HERE / "solution" / "response" / "report.json").read_text(encoding="utf-8"))
    if report["locations"] != BUG_LOCATIONS:
        sys.exit("build.py: solution report.json locations differ from BUG_LOCATIONS")


def parse_rubric(text: str) -> tuple[str, list[dict]]:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    rubrics = []
    for ln in lines:
        points, ctype, criterion = (p.strip() for p in ln.split("|")[:3])
        w = int(points)
        rubrics.append(
            {
                "name": ctype.strip("`"),
                "weight": w,
                "score": {"type": "discrete", "outcomes": [min(0, w), max(0, w)]},
                "messages": [{"type": "text", "content": criterion}],
            }
        )
    return "\n".join(lines), rubrics


def find(rubrics: list[dict], name: str, contains: str) -> int:
    hits = [i for i, r in enumerate(rubrics) if r["name"] == name and contains in r["messages"][0]["content"]]
    if len(hits) != 1:
        sys.exit(f"build.py: {len(hits)} {name} criteria contain {contains!r}")
    return hits[0]


# ------------------------------------------------------------------ measurements


def half_fix_source(train_py: str) -> str:
    if HALF_FIX_OLD not in train_py:
        sys.exit("build.py: HALF_FIX_OLD no longer matches files/src/train.py")
    return train_py.replace(HALF_FIX_OLD, HALF_FIX_NEW)


def measure(verify_mod, half_fix: Path) -> dict:
    """Each variant over MEASURE_SEEDS (+ DEFAULT_SEED), and at DEFAULT_SEED on label-permuted data."""
    files_dir, sol_dir = HERE / "files", HERE / "solution" / "response"
    variants = {
        "leaky": load_module(files_dir / "src" / "train.py", "task_train"),
        "leak_free": load_module(sol_dir / "revised_code.py", "task_revised"),
        "half_fix": load_module(half_fix, "task_half_fix"),
    }
    parse = verify_mod.parse_metric
    csv_text = (files_dir / "data" / "expression.csv").read_text(encoding="utf-8")
    out: dict = {"seeds": MEASURE_SEEDS}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "expression.csv"
        for name, mod in variants.items():
            data.write_text(csv_text, encoding="utf-8")
            runs = [run_main(mod, ["--data", str(data), "--seed", str(s)]) for s in MEASURE_SEEDS + [DEFAULT_SEED]]
            null_runs = []
            for ps in NULL_SEEDS:
                data.write_text(verify_mod.permute_labels(csv_text, "responder", ps), encoding="utf-8")
                null_runs.append(run_main(mod, ["--data", str(data), "--seed", str(DEFAULT_SEED)]))
            res: dict = {}
            for m in METRICS:
                vals = [parse(r, m) for r in runs]
                null = [parse(r, m) for r in null_runs]
                by_seed = np.array(vals[:-1])
                res[m] = {
                    "by_seed": vals[:-1],
                    "mean": round(float(by_seed.mean()), 4),
                    "range": [float(by_seed.min()), float(by_seed.max())],
                    "at_default_seed": vals[-1],
                    "null": null,
                    "null_mean": round(float(np.mean(null)), 4),
                }
            out[name] = res
    L, C = out["leaky"], out["leak_free"]
    out["leaky_above_leak_free_on_seeds"] = {
        m: int(sum(a > b for a, b in zip(L[m]["by_seed"], C[m]["by_seed"]))) for m in METRICS
    }
    return out


def selftest(files: dict[str, str], solution: dict[str, str], verify_script: Path, expected: dict) -> dict:
    """verify.py must pass the solution and fail the original and the half fix."""
    cases = {
        "solution": solution["response/revised_code.py"],
        "original": files["src/train.py"],
        "half_fix": half_fix_source(files["src/train.py"]),
    }
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for case, revised in cases.items():
            ws = Path(tmp) / case
            for rel, content in {**files, "response/revised_code.py": revised}.items():
                (ws / rel).parent.mkdir(parents=True, exist_ok=True)
                (ws / rel).write_text(content, encoding="utf-8")
            proc = subprocess.run(
                [sys.executable, str(verify_script), json.dumps(expected)],
                cwd=ws, capture_output=True, text=True, timeout=600,
            )
            lines = proc.stdout.strip().splitlines()
            if proc.returncode != 0 or len(lines) != 1:
                sys.exit(f"build.py: verify.py on {case}: rc={proc.returncode} stdout={proc.stdout!r} stderr={proc.stderr[-2000:]}")
            results[case] = json.loads(lines[0])
            shutil.rmtree(ws)
    if not results["solution"]["passed"] or results["original"]["passed"] or results["half_fix"]["passed"]:
        sys.exit(f"build.py: verify self-test failed: {json.dumps(results, indent=1)}")
    return results


# ------------------------------------------------------------------ main


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-selftest", action="store_true", help="skip running verify.py on the solution and the original")
    args = ap.parse_args()

    data_path = HERE / "files" / "data" / "expression.csv"
    data_path.parent.mkdir(parents=True, exist_ok=True)
    data_path.write_text(make_expression_csv(), encoding="utf-8")

    files = read_tree(HERE / "files")
    check_anchors(files)
    size = sum(len(v.encode()) for v in files.values())
    if size > 300_000:
        sys.exit(f"build.py: task files are {size:,} bytes, over 300 KB")
    solution = {
        f"response/{p}": c for p, c in read_tree(HERE / "solution" / "response").items()
    }
    verify_path = HERE / "verify.py"
    verify_mod = load_module(verify_path, "task_verify")

    with tempfile.TemporaryDirectory() as tmp:
        half_fix = Path(tmp) / "half_fix.py"
        half_fix.write_text(half_fix_source(files["src/train.py"]), encoding="utf-8")
        ref = measure(verify_mod, half_fix)
    metrics_expected = {}
    for m in METRICS:
        clean, leaky, half = ref["leak_free"][m], ref["leaky"][m], ref["half_fix"][m]
        lo = min(clean["range"][0], clean["at_default_seed"]) - BAND_MARGIN
        hi = max(clean["range"][1], clean["at_default_seed"]) + BAND_MARGIN
        band = [round(max(0.0, lo), 2), round(min(1.0, hi), 2)]
        if not leaky["at_default_seed"] > band[1]:
            sys.exit(f"build.py: the leaky original's {m} {leaky['at_default_seed']} is inside the band {band}")
        ceiling = NULL_CEILING[m]
        worst_leak = leaky["null_mean"] if m == "test_accuracy" else min(leaky["null_mean"], half["null_mean"])
        if not clean["null_mean"] + 0.04 <= ceiling <= worst_leak - 0.04:
            sys.exit(f"build.py: {m} null ceiling {ceiling} does not separate {clean['null_mean']} from {worst_leak}")
        metrics_expected[m] = {"band": band, "null_ceiling": ceiling}

    expected = {
        "script": "response/revised_code.py",
        "data_file": "data/expression.csv",
        "data_sha256": hashlib.sha256(files["data/expression.csv"].encode()).hexdigest(),
        "label": "responder",
        "metrics": metrics_expected,
        "null_seeds": NULL_SEEDS,
        "run_timeout": 120,
        "task_dir": "/app",
        "reference": {
            "how": (
                f"band = [min, max] of the leak-free solution's metric over split seeds "
                f"{MEASURE_SEEDS[0]}..{MEASURE_SEEDS[-1]} and {DEFAULT_SEED}, widened by {BAND_MARGIN}; "
                f"null = metric at seed {DEFAULT_SEED} with the labels permuted by each of null_seeds; "
                "half_fix = scaler/selector fitted on the training split but CV run on the pre-selected matrix"
            ),
            **ref,
        },
    }
    if not args.no_selftest:
        st = selftest(files, solution, verify_path, expected)
        for case, res in st.items():
            print(f"verify self-test: {case}: passed={res['passed']}", json.dumps(res["details"]))

    rubric_text, rubrics = parse_rubric((HERE / "rubric.txt").read_text(encoding="utf-8"))
    total = sum(r["weight"] for r in rubrics if r["weight"] > 0)
    checks = [
        {"criterion_index": find(rubrics, "IDENTIFICATION", '"DATA_LEAKAGE"'), "check": "error_type_equals",
         "args": {"path": "response/report.json", "expected": ["DATA_LEAKAGE"]}},
        {"criterion_index": find(rubrics, "LOCALIZATION", "overlaps lines 42–45"), "check": "locations_overlap",
         "args": {"path": "response/report.json", "file": "src/train.py", "lines": [42, 45]}},
        {"criterion_index": find(rubrics, "LOCALIZATION", "gives `function` as `preprocess`"), "check": "locations_overlap",
         "args": {"path": "response/report.json", "file": "src/train.py", "lines": [42, 45], "function": "preprocess"}},
        {"criterion_index": find(rubrics, "LOCALIZATION", "overlaps lines 83–86"), "check": "locations_overlap",
         "args": {"path": "response/report.json", "file": "src/train.py", "lines": [83, 86]}},
        {"criterion_index": find(rubrics, "FIX_IMPLEMENTATION", "exits 0"), "check": "revised_code_runs",
         "args": {"path": "response/revised_code.py", "command": "python response/revised_code.py",
                  "timeout": 120, "stdout_pattern": r"(?m)^\s*test_accuracy\s*:"}},
        {"criterion_index": find(rubrics, "FIX_IMPLEMENTATION", "hidden verification"), "check": "verify", "args": {}},
        {"criterion_index": find(rubrics, "FORMAT", "valid JSON object"), "check": "report_json_valid",
         "args": {"path": "response/report.json", "required_keys": REPORT_KEYS, "exact_keys": True}},
        {"criterion_index": find(rubrics, "NO_FILE", "`/app/response/report.json`"), "check": "file_exists",
         "args": {"path": "response/report.json"}},
        {"criterion_index": find(rubrics, "NO_FILE", "`/app/response/revised_code.py`"), "check": "file_exists",
         "args": {"path": "response/revised_code.py"}},
        {"criterion_index": find(rubrics, "PENALTY", "one of the other codes"), "check": "error_type_equals",
         "args": {"path": "response/report.json", "expected": OTHER_CODES}},
        # The form and minimality checks the shared builder attaches by wording (tasks/sources/build.py STANDARD).
        {"criterion_index": find(rubrics, "LOCALIZATION", "Every location is tight and relevant"),
         "check": "locations_tight",
         "args": {"path": "response/report.json", "bugs": BUG_LOCATIONS, "slack": 5, "max_lines": 15}},
        {"criterion_index": find(rubrics, "FIX_PROPOSAL", "keeps the rest of the method unchanged"),
         "check": "revised_keeps_method",
         "args": {"path": "response/revised_code.py", "original": "src/train.py",
                  # the fix also moves the preprocessing into the model and the CV folds (the rubric's second
                  # fix line): build_model and cross_validate may change with it
                  "bugs": [*BUG_LOCATIONS, {"file": "src/train.py", "lines": [50, 58]}]}},
        {"criterion_index": find(rubrics, "FORMAT", "Every `locations` entry is an object"), "check": "locations_format",
         "args": {"path": "response/report.json", "nonempty": True}},
        {"criterion_index": find(rubrics, "FORMAT", "are non-empty prose"), "check": "prose_fields",
         "args": {"path": "response/report.json"}},
        {"criterion_index": find(rubrics, "NO_FILE", "is a complete standalone script"), "check": "standalone_script",
         "args": {"path": "response/revised_code.py", "original": "src/train.py",
                  "data_files": sorted(f for f in files if not f.endswith(".py"))}},
    ]

    task = {
        "task_id": TASK_ID,
        "prompt": [{"type": "text", "content": (HERE / "prompt.md").read_text(encoding="utf-8").strip()}],
        "rubric_text": rubric_text,
        "rubrics": rubrics,
        "use_docker": True,
        "task_dir": "/app",
        "task_files": files,
        "max_turns": 50,
        "mle_env": {
            "version": 1,
            "expected_error_types": ["DATA_LEAKAGE"],
            "bug_locations": BUG_LOCATIONS,
            "entrypoint": "python src/train.py",
            "solution": solution,
            "verify": {"script": verify_path.read_text(encoding="utf-8"), "timeout": 300, "expected": expected},
            "checks": checks,
            "difficulty": "medium",
            "provenance": {
                "source": "generated",
                "license": "CC0-1.0",
                "generator": (
                    f"tasks/sources/{TASK_ID}/build.py: numpy.random.default_rng({DATA_SEED}); "
                    f"{N_LABELLED} labelled + {N_UNLABELLED} unlabelled samples x {N_GENES} genes, "
                    f"{N_INFORMATIVE} weakly informative genes (class shift {EFFECT} SD), "
                    f"co-expression modules {list(MODULES)}"
                ),
            },
            "total_points": total,
        },
    }
    OUT.write_text(json.dumps(task, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)} ({OUT.stat().st_size:,} bytes; task files {size:,} bytes; {total} points)")
    for m in METRICS:
        for name in ("leaky", "leak_free", "half_fix"):
            r = ref[name][m]
            print(f"{m:14} {name:9} mean {r['mean']:.3f} range {r['range']}  @{DEFAULT_SEED} {r['at_default_seed']:.3f}  null mean {r['null_mean']:.3f}")
        print(f"{m:14} leaky > leak-free on {ref['leaky_above_leak_free_on_seeds'][m]}/{len(MEASURE_SEEDS)} seeds; "
              f"band {metrics_expected[m]['band']}, null ceiling {metrics_expected[m]['null_ceiling']}")


if __name__ == "__main__":
    main()
