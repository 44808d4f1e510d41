"""``mle-env lint`` as a linter: the rule registry (ids, docs), output formats, noqa,
--select/--ignore, confidence threshold, exit codes, and the pre-commit hook definition."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mle_env.agents.detectors import Finding, lint_paths
from mle_env.agents.detectors import rules as R
from mle_env.agents.detectors.base import BUG_CODES
from mle_env.cli import main

ROOT = Path(__file__).parents[1]
DETECTORS = ROOT / "src" / "mle_env" / "agents" / "detectors"
LINT_DATA = Path(__file__).parent / "data" / "lint"
SLUG = r"[a-z][a-z0-9]*(-[a-z0-9]+)*"
HYPHENATED = r"[a-z][a-z0-9]*(-[a-z0-9]+)+"

LEAKY = """\
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def main():
    df = pd.read_csv("loans.csv")
    X, y = df.drop(columns=["default"]), df["default"]
    X = StandardScaler().fit_transform(X){noqa}
    X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
    model = LogisticRegression(class_weight="balanced").fit(X_train, y_train)
    print(model.score(X_test, y_test))
"""
CLEAN = """\
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
model = make_pipeline(StandardScaler(), LogisticRegression(class_weight="balanced")).fit(X_train, y_train)
print(f1_score(y_test, model.predict(X_test)))
"""


def write(tmp_path: Path, text: str, name: str = "train.py") -> Path:
    p = tmp_path / name
    p.write_text(text)
    return p


def lint(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["lint", *argv])
    out, err = capsys.readouterr()
    return code, out, err


# --- the registry ------------------------------------------------------------------------------


def test_registry_ids_are_unique_grouped_by_code_and_fully_documented():
    assert len({r.id for r in R.RULES}) == len(R.RULES)
    assert len({(r.slug, r.code) for r in R.RULES}) == len(R.RULES)
    for r in R.RULES:
        assert re.fullmatch(r"ML\d{3}", r.id), r.id
        assert r.code in BUG_CODES and r.id[2] == R.CODE_DIGIT[r.code], r
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.slug), r.slug
        assert all([r.title, r.why, r.fix, r.bad, r.good]), r.id
        ast.parse(r.bad), ast.parse(r.good)  # the examples are Python


def emitted_slugs() -> dict[str, set[str]]:
    """Rule slugs the detector modules can emit, read from their source: the string right after a
    code in ``finding(CODE, "stump", ...)`` / ``add(UNDER, "stump", ...)`` / ``f("OUTLIER", "x")``, a ``rule=``
    keyword, a value assigned to a name with "rule" in it, and a hyphenated string opening a tuple
    (``return ("fit-outside-cv", conf, msg, fix)``). What this misses, the run-time test below sees."""
    found: dict[str, set[str]] = {}

    def text(node: ast.AST | None) -> str | None:
        return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None

    for path in sorted(DETECTORS.glob("*.py")):
        if path.name in ("rules.py", "corpus.py"):
            continue
        names: list[str | None] = []
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                a = node.args
                called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if len(a) >= 2 and (called in ("finding", "Finding", "add") or text(a[0]) in BUG_CODES):
                    names.append(text(a[1]))
                names += [text(k.value) for k in node.keywords if k.arg == "rule"]
            elif isinstance(node, ast.Assign) and any("rule" in ast.unparse(t).lower() for t in node.targets):
                names.append(text(node.value))
            elif isinstance(node, ast.Tuple) and node.elts and re.fullmatch(HYPHENATED, text(node.elts[0]) or ""):
                names.append(text(node.elts[0]))
        for n in names:
            if n and re.fullmatch(SLUG, n):
                found.setdefault(n, set()).add(path.name)
    return found


def test_every_rule_the_detectors_emit_is_registered():
    slugs = emitted_slugs()
    # the scan sees each way rules are written: in a call, and as the first item of a returned tuple
    assert {"stump", "model-fit-on-test", "fit-outside-cv"} <= set(slugs)
    missing = {s: sorted(m) for s, m in slugs.items() if s not in R.BY_SLUG}
    assert not missing, f"add these rules to detectors/rules.py (id, title, why, fix, bad, good): {missing}"


def test_findings_on_every_snippet_and_corpus_case_name_registered_rules_with_their_code():
    """At run time, hints included: every finding's rule is registered under the code it carries."""
    cases = [p for d in ("positive", "negative") for p in (LINT_DATA / d).glob("*.py")]
    corpus = LINT_DATA / "corpus"
    cases += [case for fam in corpus.iterdir() if fam.is_dir() for case in fam.iterdir()] if corpus.is_dir() else []
    wrong = set()
    for case in cases:
        for f in lint_paths([case], min_confidence=0.0):
            r = R.rule_for(f.rule, f.code)
            if r is None:
                wrong.add((f.rule, f.code))
    assert not wrong, f"unregistered rules, or registered under another code: {sorted(wrong)}"


def test_every_rule_is_in_the_docs():
    doc = (ROOT / R.DOCS_PAGE).read_text()
    missing = [r.id for r in R.RULES if f"`{r.slug}`" not in doc or f"\n### {r.id} {r.slug}\n" not in doc]
    assert not missing, f"docs/lint.md lacks {missing}: python -m mle_env.agents.detectors.rules --write docs/lint.md"


def test_selectors_match_ids_prefixes_slugs_and_codes():
    assert R.matches("ML101", "fit-before-split") and R.matches("ml1", "fit-before-split")
    assert R.matches("ML10", "fit-before-split") and not R.matches("ML11", "fit-before-split")
    assert R.matches("fit-before-split", "fit-before-split") and R.matches("DATA_LEAKAGE", "fit-before-split")
    assert not R.matches("ML2", "fit-before-split") and not R.matches("fit", "fit-before-split")
    assert R.unknown_tokens(["ML1", "stump", "ML999", "nonsense"]) == ["ML999", "nonsense"]


# --- the command -------------------------------------------------------------------------------


def test_text_output_is_one_line_per_finding_with_id_code_and_function(tmp_path, capsys):
    p = write(tmp_path, LEAKY.format(noqa=""))
    code, out, err = lint(capsys, str(p))
    assert code == 1
    lines = out.splitlines()
    assert lines and all(re.match(r".+:\d+:\d+: ML\d{3} \[[A-Z_]+\] .+", ln) for ln in lines), out
    assert f"{p}:10:5: ML101 [DATA_LEAKAGE] " in out and out.rstrip().endswith("(in main)")
    assert "finding(s) in 1 file(s)" in err and "DATA_LEAKAGE" in err


def test_clean_code_exits_zero(tmp_path, capsys):
    code, out, err = lint(capsys, str(write(tmp_path, CLEAN)))
    assert (code, out) == (0, "") and "no findings" in err


@pytest.mark.parametrize(
    ("argv", "reported"),
    [
        ([], True),
        (["--select", "ML1"], True),
        (["--select", "ML2,ML3"], False),
        (["--select", "ML5", "--select", "fit-before-split"], True),
        (["--ignore", "ML101"], False),
        (["--ignore", "fit-before-split"], False),
        (["--ignore", "DATA_LEAKAGE"], False),
        (["--select", "ML1", "--ignore", "ML102"], True),
    ],
)
def test_select_and_ignore(tmp_path, capsys, argv, reported):
    code, out, _ = lint(capsys, *argv, str(write(tmp_path, LEAKY.format(noqa=""))))
    assert ("ML101" in out) is reported
    assert code == (1 if out else 0)


@pytest.mark.parametrize(
    ("comment", "suppressed"),
    [
        ("  # noqa", True),
        ("  # noqa: ML101", True),
        ("  # NOQA:fit-before-split", True),
        ("  # noqa: ML5, ML101", True),
        ("  # noqa: ML201", False),
        ("  # noqa: stump", False),
    ],
)
def test_noqa_suppresses_all_or_the_named_rules(tmp_path, capsys, comment, suppressed):
    code, out, err = lint(capsys, str(write(tmp_path, LEAKY.format(noqa=comment))))
    assert ("ML101" not in out) is suppressed
    assert ("suppressed by noqa" in err) is suppressed


def test_noqa_on_any_line_of_the_findings_range(tmp_path, capsys):
    found = [f for f in lint_paths([write(tmp_path, LEAKY.format(noqa=""))]) if f.rule == "fit-before-split"]
    assert found and found[0].end_line > found[0].line  # the fit and the split below it
    lines = LEAKY.format(noqa="").splitlines()
    lines[found[0].end_line - 1] += "  # noqa: ML101"
    code, out, _ = lint(capsys, str(write(tmp_path, "\n".join(lines) + "\n")))
    assert "ML101" not in out


def test_min_confidence_threshold(tmp_path, capsys):
    src = textwrap.dedent("""\
        from sklearn.neighbors import KNeighborsClassifier
        from sklearn.model_selection import train_test_split
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y)
        m = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=2)).fit(X_tr, y_tr)
        print(m.score(X_te, y_te))
        """)
    p = write(tmp_path, src)
    _, default, _ = lint(capsys, "--format", "json", str(p))
    _, everything, _ = lint(capsys, "--format", "json", "--min-confidence", "0", str(p))
    _, none, _ = lint(capsys, "--format", "json", "--min-confidence", "1", str(p))
    default, everything, none = json.loads(default), json.loads(everything), json.loads(none)
    assert all(f["confidence"] >= 0.5 for f in default)
    assert any(f["confidence"] < 0.5 for f in everything) and len(everything) > len(default)
    assert all(f["confidence"] == 1.0 for f in none)
    assert main(["lint", "--min-confidence", "1.5", str(p)]) == 2


def test_json_lists_every_field_and_the_rule_id(tmp_path, capsys):
    p = write(tmp_path, LEAKY.format(noqa=""))
    code, out, _ = lint(capsys, "--format", "json", str(p))
    data = json.loads(out)
    f = next(x for x in data if x["id"] == "ML101")
    assert set(f) == {"id", "rule", "code", "file", "line", "end_line", "column", "function", "message", "fix",
                      "confidence"}  # fmt: skip
    assert (f["rule"], f["code"], f["file"], f["line"], f["function"]) == (
        "fit-before-split", "DATA_LEAKAGE", str(p), 10, "main")  # fmt: skip
    assert code == 1


def test_sarif_has_rule_metadata_help_links_and_regions(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, LEAKY.format(noqa=""))
    code, out, _ = lint(capsys, "--format", "sarif", "--docs-url", "https://example.org/docs/lint.md", "train.py")
    log = json.loads(out)
    assert log["version"] == "2.1.0" and "sarif-2.1.0" in log["$schema"]
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} == {r.id for r in R.RULES}
    ml101 = next(r for r in rules if r["id"] == "ML101")
    assert ml101["helpUri"] == "https://example.org/docs/lint.md#ml101-fit-before-split"
    assert ml101["name"] == "fit-before-split" and ml101["shortDescription"]["text"] and ml101["help"]["text"]
    res = next(r for r in run["results"] if r["ruleId"] == "ML101")
    assert rules[res["ruleIndex"]]["id"] == "ML101"
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "train.py", "uriBaseId": "%SRCROOT%"}
    assert loc["region"]["startLine"] == 10 and loc["region"]["endLine"] >= 10
    assert res["level"] in ("error", "warning") and code == 1


def test_explain_prints_the_rule_doc(capsys):
    code, out, _ = lint(capsys, "--explain", "fit-before-split")
    assert code == 0 and out.startswith("ML101 fit-before-split [DATA_LEAKAGE]")
    assert "Why it matters" in out and "Bad:" in out and "Good:" in out and "#ml101-fit-before-split" in out
    assert lint(capsys, "--explain", "ml601")[1].startswith("ML601 stump")
    assert main(["lint", "--explain", "no-such-rule"]) == 2


@pytest.mark.parametrize(
    "argv", [["missing.py"], ["--select", "ML999", "."], ["--ignore", "nonsense", "."], []]
)  # fmt: skip
def test_usage_errors_and_missing_paths_exit_2(tmp_path, monkeypatch, capsys, argv):
    monkeypatch.chdir(tmp_path)
    assert main(["lint", *argv]) == 2
    assert "mle-env:" in capsys.readouterr().err


def test_exit_zero_and_statistics(tmp_path, capsys):
    p = write(tmp_path, LEAKY.format(noqa=""))
    code, out, _ = lint(capsys, "--exit-zero", str(p))
    assert code == 0 and "ML101" in out
    code, out, _ = lint(capsys, "--statistics", str(p))
    assert code == 1 and re.search(r"^\s+1\s+ML101\s+fit-before-split\s+DATA_LEAKAGE$", out, re.M)


def test_the_pre_commit_hook_runs_the_installed_command(tmp_path):
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "mle-env-lint")
    assert (hook["entry"], hook["language"], hook["types"]) == ("mle-env lint", "python", ["python"])
    # as pre-commit runs it: the entry with the staged files appended
    exe = Path(sys.executable).with_name(hook["entry"].split()[0])
    files = [write(tmp_path, LEAKY.format(noqa=""), "a.py"), write(tmp_path, CLEAN, "b.py")]
    bad = subprocess.run([exe, *hook["entry"].split()[1:], *map(str, files)], capture_output=True, text=True,
                         timeout=120)  # fmt: skip
    assert bad.returncode == 1 and "a.py:10:5: ML101" in bad.stdout
    ok = subprocess.run([exe, *hook["entry"].split()[1:], str(files[1])], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr


def test_lint_help_imports_nothing_heavy():
    probe = (
        "import sys\nfrom mle_env.cli import main\ntry:\n    main(['lint', '--help'])\nexcept SystemExit:\n    pass\n"
        "print(any(m.startswith(('mle_env.agents', 'sklearn', 'numpy')) for m in sys.modules))"
    )
    res = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert res.stdout.splitlines()[-1] == "False"


def test_a_finding_with_an_unregistered_rule_still_prints(tmp_path, capsys, monkeypatch):
    """A rule added without docs shows as ML000 rather than crashing the linter."""
    fake = Finding("OUTLIER", "brand-new-rule", str(tmp_path / "x.py"), 1, 1, None, "m", 0.9, "f")
    monkeypatch.setattr("mle_env.cli.lint.lint_paths", lambda paths, min_confidence: [fake])
    write(tmp_path, "x = 1\n", "x.py")
    code, out, _ = lint(capsys, "--format", "sarif", str(tmp_path / "x.py"))
    assert code == 1 and json.loads(out)["runs"][0]["results"][0]["ruleId"] == "brand-new-rule"
    assert "ML000 [OUTLIER] m" in lint(capsys, str(tmp_path / "x.py"))[1]


def test_the_readme_states_how_many_rules_there_are():
    readme = (Path(__file__).parents[1] / "README.md").read_text()
    said = re.search(r"(\d+) rules with ids and docs", readme)
    assert said and int(said.group(1)) == len(R.RULES), f"README says {said and said.group(1)}, there are {len(R.RULES)}"
