"""Deterministic checks of what ``revised_code.py`` changed against the project's original script.

They decide the rubric lines "the proposal keeps the rest of the method unchanged" (buggy tasks)
and "keeps the original method" / "says no change is needed" (``NONE`` tasks). The comparison is
by statements (parsed, so formatting, comments and docstrings do not count; a compound statement
by its header line): the original's statements outside the bug's ranges must all still be in the
revised script, give or take a small budget (a changed print, an inlined import). Lines the revised
script *adds* are not judged here: a bundled extra
step that changes the numbers is what the hidden verifier's bands and the judge are for.
Like the other checks, each returns ``(passed, reasoning)`` and fails, never raises, on whatever
the agent's files hold.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mle_env.grading.checks import _report, read_text
from mle_env.grading.form_checks import Project, project_text

_COMPOUND = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.For, ast.AsyncFor, ast.While, ast.With,
             ast.AsyncWith, ast.Try, ast.Match) + ((ast.TryStar,) if hasattr(ast, "TryStar") else ())  # fmt: skip


def _header(node: ast.stmt) -> str:
    """A compound statement's first line, normalised (``def f(a, b=1)``, ``if x > 0``, ``for i in y``)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        a = node.args
        names = [x.arg for x in (*a.posonlyargs, *a.args, *a.kwonlyargs)]
        names += [f"*{a.vararg.arg}"] if a.vararg else []
        names += [f"**{a.kwarg.arg}"] if a.kwarg else []
        return f"def {node.name}({', '.join(names)})"  # names only: an annotation or a default is no change of method
    if isinstance(node, ast.ClassDef):
        return f"class {node.name}({', '.join(ast.unparse(b) for b in node.bases)})"
    if isinstance(node, (ast.If, ast.While)):
        return f"{type(node).__name__.lower()} {ast.unparse(node.test)}"
    if isinstance(node, (ast.For, ast.AsyncFor)):
        return f"for {ast.unparse(node.target)} in {ast.unparse(node.iter)}"
    if isinstance(node, (ast.With, ast.AsyncWith)):
        return "with " + ", ".join(ast.unparse(i) for i in node.items)
    if isinstance(node, ast.Match):
        return f"match {ast.unparse(node.subject)}"
    return type(node).__name__.lower()


def _statements(text: str) -> list[tuple[int, str]] | None:
    """Every statement of ``text`` as (first line, normalised source), compound statements by their
    header; imports, docstrings and other bare string expressions left out. None if it does not parse."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.stmt):
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            continue  # what a fix imports is not its method (a new scaler, an inlined module)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            continue
        try:
            out.append((node.lineno, _header(node) if isinstance(node, _COMPOUND) else ast.unparse(node)))
        except (ValueError, RecursionError):
            out.append((node.lineno, type(node).__name__))
    return out


def _program(text: str | None) -> str | None:
    """``text`` as a program: its syntax tree without docstrings (formatting and comments gone)."""
    if text is None:
        return None
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        head = body[0] if isinstance(body, list) and body else None
        if body and isinstance(head, ast.Expr) and isinstance(head.value, ast.Constant):
            node.body = body[1:] or [ast.Pass()]  # type: ignore[attr-defined]
    return ast.dump(tree)


def _outside(stmts: list[tuple[int, str]], file: str, bugs: Sequence[dict], slack: int) -> list[str]:
    """The statements that start outside every bug range (± ``slack``) of ``file``."""
    ranges = [b["lines"] for b in bugs if _norm(str(b.get("file", ""))) == _norm(file) and b.get("lines")]
    return [src for n, src in stmts if not any(a - slack <= n <= b + slack for a, b in ranges)]


def _norm(file: str) -> str:
    while file.startswith("./"):
        file = file[2:]
    return file


def _kept(workspace: Path, project: Project, path: str, original: str, bugs: Sequence[dict], slack: int,
          budget: int | None) -> tuple[bool, str, str | None, str | None]:  # fmt: skip
    """Whether ``path`` keeps ``original``'s statements outside the bug; with both texts."""
    revised, source = read_text(workspace, path), project_text(workspace, project, original)
    if revised is None:
        return False, f"{path} does not exist (or is not a regular file)", None, None
    if source is None:
        return False, f"the original {original} is unreadable", None, None
    mine, theirs = _statements(revised), _statements(source)
    if mine is None:
        return False, f"{path} does not parse as Python", None, None
    if theirs is None:
        return False, f"the original {original} does not parse as Python", None, None
    want = _outside(theirs, original, bugs, slack)
    have = Counter(src for _, src in mine)
    missing = []
    for st in want:
        if have[st] > 0:
            have[st] -= 1
        else:
            missing.append(st)
    allowed = budget if budget is not None else max(3, len(want) // 20)
    if len(missing) > allowed:
        shown = "; ".join(m.splitlines()[0][:60] for m in missing[:3])
        return False, (f"{path} changes or drops {len(missing)} of the {len(want)} statements of {original} outside "
                       f"the bug (at most {allowed}), e.g. {shown}"), revised, source  # fmt: skip
    kept = len(want) - len(missing)
    return True, f"{path} keeps {kept} of the {len(want)} statements of {original} outside the bug", revised, source


def revised_keeps_method(
    workspace: Path, path: str, original: str, bugs: Sequence[dict] = (), slack: int = 3,
    budget: int | None = None, must_change: bool = True, project: Project = None, **_: Any,
) -> tuple[bool, str]:  # fmt: skip
    """``path`` keeps ``original``'s method outside the bug: at most ``budget`` (default 5 %, at
    least 3) of the original's statements outside ``bugs`` (± ``slack``) are changed or dropped.
    With ``must_change`` (a buggy task) a copy of the original fails: it keeps everything because it
    fixes nothing."""
    ok, why, revised, source = _kept(workspace, project, path, original, bugs, slack, budget)
    if ok and must_change and _program(revised) == _program(source):
        return False, f"{path} is {original} unchanged: it keeps the method by fixing nothing"
    return ok, why


_NO_CHANGE = re.compile(
    r"\b(no (code |method |modelling |modeling )?(change|changes|fix|modification)s? "
    r"(is |are )?(needed|required|necessary)"
    r"|nothing (needs|has) to (be )?(change|changed|fix|fixed)|nothing to (fix|change)"
    r"|(keep|leave|kept|left) (it|the \w+( \w+)?|everything|the code|the pipeline|the method) "
    r"(as it is|as is|unchanged)"
    r"|(does not|doesn't|do not|don't) need (to be )?(any )?(change|changing|fix|fixing|modification)"
    r"|should (be kept|stay|remain) (as it is|as is|unchanged))",
    re.IGNORECASE,
)


def no_change_proposed(
    workspace: Path, path: str, revised: str = "response/revised_code.py", original: str = "", budget: int = 2,
    project: Project = None, **_: Any,
) -> tuple[bool, str]:  # fmt: skip
    """On a task without a bug: ``proposed_fix`` says no change is needed (a phrase such as "no
    change is needed", "keep the pipeline as it is"), ``error_type`` is ``NONE``, and ``revised``
    is the original method (at most ``budget`` code lines changed). Proposing a change in words
    while saying none is needed is left to the judge's other criteria."""
    data, why = _report(workspace, path)
    if data is None:
        return False, why
    if data.get("error_type") != "NONE":
        return False, f"error_type is {str(data.get('error_type'))[:40]!r}, so a change is implied"
    fix = data.get("proposed_fix")
    if not isinstance(fix, str) or not _NO_CHANGE.search(fix):
        return False, "proposed_fix does not say that no change is needed"
    ok, kept_why, *_texts = _kept(workspace, project, revised, original, (), 0, budget)
    if not ok:
        return False, kept_why
    return True, "proposed_fix says no change is needed and revised_code.py keeps the method"
