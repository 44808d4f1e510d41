"""Does a task's prompt point at its own answer? (issue 13)

Two patterns gave the bug away in the bundled suite, and ``prompt_problems`` names both:

- **The deliverables example names a project file.** The ``report.json`` example in the
  deliverables block showed ``"file": "src/data.py"`` — in every multi-file task whose
  example was not the entry point, the buggy file. Any path of ``task_files`` (or its
  basename) inside a code block of the deliverables section is flagged, and so is a
  conditional such as "if the error is in `src/tuning.py`".
- **A "keep … unchanged" list leaves out the component at fault.** "keep everything that is
  not part of the error unchanged (features, split, seed)" on a task whose bug is the model's
  capacity says where to look. A keep clause ("unchanged", "do not modify", "must stay", …)
  is compared with the bug (``mle_env.bug_locations`` and the expected error type) kind by
  kind: code files, functions, data columns and pipeline steps. A clause is flagged when it
  names enough components of a kind (one code file of a multi-file project; two functions,
  columns or steps) and none of the bug's components of that kind.

Steps are read off prose with a small vocabulary (``STEP_WORDS``); the bug's steps are those
its error type implies (``CODE_STEPS``), narrowed by what its lines show (``STEP_CODE``) when
they show any. It is a lint: it errs towards flagging, and the suite is kept clean of it.
"""

from __future__ import annotations

import ast
import posixpath
import re

from mle_env.task.model import Task

STEP_WORDS: dict[str, str] = {
    "scaling": r"scal|standardi[sz]|normali[sz]|preprocess",
    "encoding": r"encod|one-hot|categor|dummies|preprocess",
    "outliers": r"outlier|anomal|filter|clean|winsori|clip|\bcaps?\b|trim",
    "features": r"feature|variables|columns|genes|inputs|predictors",
    "model": r"model|classifier|regressor|estimator|\btree|forest|\bsvm|\bsvr|\bsvc|k-nn|nearest.neighbou?r|network|boost|ridge|lasso|logistic|pipeline",
    "capacity": r"settings|parameters|hyper|\balpha\b|\bc\b|\bk\b(?!-)|neighbou?rs|architecture|depth|estimators|learning.rate|grid|components|degree|regulari[sz]",
    "split": r"split|test share|test period|hold.?out|cut-?off|periods?\b|months|back-?test|test set",
    "cv": r"\bcv\b|folds?\b|cross.valid",
    "weighting": r"weight|balanc|sampl|ratio",
    "threshold": r"threshold|tolerance",
    "scoring": r"scoring|metrics?\b",
    "seed": r"\bseeds?\b|random.state",
}  # fmt: skip
"""Words that name a pipeline step in a keep clause (lower-cased, backticked spans removed)."""

STEP_CODE: dict[str, str] = {
    "scaling": r"Scaler|Normalizer|normalize\(|\bscale\b",
    "encoding": r"Encoder|get_dummies|cat\.codes|factorize|\.map\(",
    "outliers": r"IsolationForest|quantile|clip|Winsor|\.std\(|outlier|anomal",
    "features": r"SelectKBest|SelectFrom|feature|FEATURES|NUMERIC|CATEGORICAL|\bnumeric\b|columns",
    "model": r"Classifier\(|Regressor\(|Regression\(|\bSV[CR]\(|Ridge\(|Lasso\(|MLP",
    "capacity": r"n_estimators|max_depth|learning_rate|n_neighbou?rs|neighbours|n_components|alpha|\bC\b|degree|hidden_layer",
    "split": r"train_test_split|\bsplit\b|test_size|cutoff",
    "cv": r"cross_val|KFold|GridSearch|\bcv\b|folds|train_score",
    "weighting": r"class_weight|sample_weight|resample|downsample|balance|bincount|oversampl",
    "threshold": r"threshold",
    "scoring": r"scoring=",
}  # fmt: skip
"""What a step looks like in code (the bug's lines)."""

CODE_STEPS: dict[str, set[str]] = {
    "SCALING_ERROR": {"scaling"},
    "ENCODING_ERROR": {"encoding"},
    "OUTLIER": {"outliers"},
    "IMBALANCE": {"weighting", "threshold", "scoring"},
    "OVERFITTING": {"capacity", "cv"},
    "UNDERFITTING": {"capacity"},
    "DATA_LEAKAGE": {"split", "features", "scaling", "encoding", "cv", "weighting", "outliers"},
}
"""The steps an error of each type can sit in."""

_KEEP = re.compile(
    r"\bunchanged\b|\buntouched\b|\bintact\b"
    r"|\b(?:do not|don't|must not|should not|never)\s+(?:change|modify|edit|alter|touch)\b"
    r"|\b(?:must|should)\s+(?:stay|remain)\b|\b(?:stays?|remains?)\s+(?:the same|as (?:it )?is|fixed)\b"
    r"|\b(?:keep|leave)\b.*\b(?:the same|as (?:it )?is|alone|fixed)\b",
    re.IGNORECASE,
)
_IF_IN = re.compile(r"\bif (?:the )?(?:error|bug|problem|mistake)\b[^.;]*\b(?:is|lies|sits) in\b", re.IGNORECASE)
_PAREN = re.compile(r"\([^()]*\)")
_FENCE = re.compile(r"```.*?```", re.DOTALL)
_BACKTICK = re.compile(r"`([^`]+)`")
_TOKEN = re.compile(r"[\w./-]+")
_CLAUSE = re.compile(r"(?<=[.!?])\s+(?=[A-Z`*(\d])|\n\s*\n|\n(?=\s*\d+\.\s)|;")


def prompt_problems(task: Task) -> list[str]:
    """What in the prompt points at the answer; ``[]`` when nothing does."""
    text = task.prompt_text
    problems = [f"the deliverables example names {f}, a file of the project" for f in _example_files(task, text)]
    for clause in _clauses(_FENCE.sub(" ", text)):
        if _IF_IN.search(clause) and (named := _files_named(task, clause, code_only=False)):
            problems.append(f"a conditional names a file as the error's possible place: {', '.join(sorted(named))}")
        if m := _KEEP.search(clause):
            problems += _keep_problems(task, _scope(clause, m.start()))
    return problems


def _example_files(task: Task, text: str) -> list[str]:
    start = text.find("Deliverables")
    blocks = _FENCE.findall(text[start if start >= 0 else 0 :])
    return sorted({f for b in blocks for f in _files_named(task, b, code_only=False)})


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSE.split(text) if c and c.strip()]


def _scope(clause: str, at: int) -> str:
    """The parenthesis the keep phrase sits in ("…(so it should stay one tree)…"), else the clause."""
    for m in _PAREN.finditer(clause):
        if m.start() < at < m.end():
            return m.group(0)
    return clause


def _files_named(task: Task, text: str, code_only: bool) -> set[str]:
    """Project paths ``text`` names, as the path itself or its basename."""
    paths = [p for p in task.task_files if not code_only or p.endswith(".py")]
    by_name: dict[str, list[str]] = {}
    for p in paths:
        by_name.setdefault(posixpath.basename(p), []).append(p)
    named = set()
    for tok in _TOKEN.findall(text):
        tok = tok.strip("./").removeprefix("app/")
        if tok in paths:
            named.add(tok)
        elif tok in by_name:
            named.update(by_name[tok])
    return named


def _functions(task: Task) -> set[str]:
    names = set()
    for path, src in task.task_files.items():
        if path.endswith(".py"):
            try:
                tree = ast.parse(src)
            except SyntaxError:
                continue
            names |= {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    return names


def _columns(task: Task) -> set[str]:
    cols = set()
    for path, content in task.task_files.items():
        if path.endswith(".csv") and not content.startswith("data:"):
            cols |= {c.strip().strip('"') for c in content.split("\n", 1)[0].split(",") if c.strip()}
    return cols


def _bug_lines(task: Task) -> str:
    out = []
    for loc in task.ext.bug_locations:
        lines = task.task_files.get(loc.file, "").splitlines()
        lo, hi = loc.lines or (1, len(lines))
        out += lines[lo - 1 : hi]
    return "\n".join(out)


def _bug_steps(task: Task, code: str) -> set[str]:
    seen = {k for k, rx in STEP_CODE.items() if re.search(rx, code)}
    implied = set().union(*(CODE_STEPS.get(c, set()) for c in task.ext.expected_error_types))
    if not implied:
        return seen
    return (implied & seen) or implied


def _keep_problems(task: Task, clause: str) -> list[str]:
    locs = task.ext.bug_locations
    if not locs:
        return []
    quoted = {q.strip().removesuffix("()") for q in _BACKTICK.findall(clause)}
    prose = _BACKTICK.sub(" ", clause).lower()
    code = _bug_lines(task)
    columns = _columns(task)
    several_files = sum(p.endswith(".py") for p in task.task_files) > 1
    kinds = {  # kind: (named in the clause, at the bug, how many named make a list)
        "file": (_files_named(task, clause, code_only=True), {loc.file for loc in locs}, 1 if several_files else 99),
        "function": (quoted & _functions(task), {loc.function for loc in locs if loc.function}, 2),
        "column": (quoted & columns, {c for c in columns if re.search(rf"[\"']{re.escape(c)}[\"']", code)}, 2),
        "step": ({k for k, rx in STEP_WORDS.items() if re.search(rx, prose)}, _bug_steps(task, code), 2),
    }
    short = clause if len(clause) <= 160 else clause[:157] + "…"
    return [
        f"a keep-unchanged clause names {kind}{'s' * (len(named) > 1)} {', '.join(sorted(named))} "
        f"but none of the bug's ({', '.join(sorted(bug))}): {short!r}"
        for kind, (named, bug, enough) in kinds.items()
        if bug and len(named) >= enough and not named & bug
    ]
