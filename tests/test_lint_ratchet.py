"""The lint ratchet (tools/lint_ratchet.py): ruff and mypy findings per file never go up.

The last test runs both linters on src (mypy's first run in a fresh checkout takes a minute or two;
later runs reuse .mypy_cache). The others check the ratchet's own logic on made-up counts.
"""

import importlib.util
import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tools" / "lint_ratchet.py"


def _load():
    spec = importlib.util.spec_from_file_location("lint_ratchet", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["lint_ratchet"] = mod  # dataclasses look their module up by name
    spec.loader.exec_module(mod)
    return mod


lr = _load()


def test_more_findings_in_a_file_fail_fewer_pass():
    base = {"ruff": {"a.py": 2, "b.py": 1}, "mypy": {"a.py": 3}}
    same = lr.compare(base, {"ruff": {"a.py": 2, "b.py": 1}, "mypy": {"a.py": 3}})
    assert same.ok and not same.better
    # b.py is fixed, a.py got one more mypy error, c.py is new: two regressions, one improvement.
    cmp = lr.compare(base, {"ruff": {"a.py": 2}, "mypy": {"a.py": 4, "c.py": 1}})
    assert not cmp.ok
    assert cmp.worse == [("mypy", "a.py", 3, 4), ("mypy", "c.py", 0, 1)]
    assert cmp.better == [("ruff", "b.py", 1, 0)]
    # Moving a finding from one file to another is still a regression in that file.
    assert not lr.compare(base, {"ruff": {"a.py": 1, "b.py": 2}, "mypy": {"a.py": 3}}).ok


def test_the_report_names_the_new_findings(capsys):
    findings = [lr.Finding("mypy", "a.py", 7, 'Name "x" is not defined  [name-defined]')]
    lr.report(lr.compare({"ruff": {}, "mypy": {}}, lr.count(findings)), findings)
    out = capsys.readouterr().out
    assert "FAILED" in out and "a.py:7: Name \"x\" is not defined" in out


def test_update_lowers_and_drops_but_refuses_to_raise(tmp_path, monkeypatch, capsys):
    path = tmp_path / "lint-baseline.json"
    monkeypatch.setattr(lr, "BASELINE", path)
    lr.write_baseline({"ruff": {"a.py": 2, "b.py": 1}, "mypy": {"a.py": 3}}, path)

    lower = [
        lr.Finding("ruff", "a.py", 1, "E501 Line too long"),
        lr.Finding("mypy", "a.py", 2, "x"),
        lr.Finding("mypy", "a.py", 3, "y"),
    ]
    monkeypatch.setattr(lr, "run_ruff", lambda: [f for f in lower if f.tool == "ruff"])
    monkeypatch.setattr(lr, "run_mypy", lambda: [f for f in lower if f.tool == "mypy"])
    assert lr.main([]) == 0  # fewer findings: passes, and says to lower the baseline
    assert "--update" in capsys.readouterr().out
    assert lr.main(["--strict"]) == 1
    assert lr.main(["--update"]) == 0
    data = json.loads(path.read_text())
    assert data["ruff"] == {"a.py": 1} and data["mypy"] == {"a.py": 2}  # b.py, clean now, is dropped

    higher = lower + [lr.Finding("ruff", "b.py", 9, "F401 unused")]
    monkeypatch.setattr(lr, "run_ruff", lambda: [f for f in higher if f.tool == "ruff"])
    assert lr.main(["--update"]) == 1
    assert "refuses" in capsys.readouterr().out
    assert json.loads(path.read_text()) == data  # unchanged
    assert lr.main([]) == 1


def test_a_linter_that_does_not_run_fails(monkeypatch):
    def broken():
        raise lr.ToolError("mypy exited 2")

    monkeypatch.setattr(lr, "run_ruff", lambda: [])
    monkeypatch.setattr(lr, "run_mypy", broken)
    assert lr.main([]) == 2


def test_the_mypy_error_line_is_parsed():
    line = 'src/mle_env/x.py:12:5: error: Item "None" of "int | None" has no attribute "y"  [union-attr]'
    m = lr.MYPY_ERROR.match(line)
    assert m and m["path"] == "src/mle_env/x.py" and m["line"] == "12"
    assert lr.MYPY_ERROR.match("src/mle_env/x.py:12: note: see above") is None


@pytest.mark.timeout(900)
def test_src_has_no_more_lint_findings_than_the_baseline():
    proc = subprocess.run([sys.executable, str(SCRIPT)], cwd=ROOT, capture_output=True, text=True, timeout=850)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    if "--update" in out:  # counts went down: passes, but the baseline should follow
        warnings.warn(out.strip(), UserWarning, stacklevel=1)
