"""``mle-env lint``: the static ML-bug detectors as a ruff-style linter.

Output formats (``--format``): ``text`` (``path:line:col: ML101 [CODE] message (in func)``, one per
line, a summary on stderr), ``json`` (a list of findings, every field), ``sarif`` (SARIF 2.1.0 for
code-review tools). ``# noqa`` on any line of a finding's range suppresses it; ``# noqa: ML101``
(or ``fit-before-split``, ``ML1``, ``DATA_LEAKAGE``) only that rule. Exit status: 0 no findings,
1 findings (0 with ``--exit-zero``), 2 usage error or unreadable path. Rules: docs/lint.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from mle_env import __version__
from mle_env.agents.detectors import Finding, lint_paths
from mle_env.agents.detectors import rules as R
from mle_env.errors import RunError

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[\w\-]+(?:\s*,\s*[\w\-]+)*))?", re.IGNORECASE)


def cmd_lint(args: argparse.Namespace) -> int:
    if args.explain:
        rule = R.lookup(args.explain)
        if rule is None:
            raise RunError(f"unknown rule {args.explain!r} (an id like ML101 or a slug like fit-before-split)")
        print(R.explain(rule) + f"\nDocs: {help_uri(rule, args.docs_url)}")
        return 0
    if not args.paths:
        raise RunError("lint: give files or directories to lint (or --explain RULE)")
    if not 0.0 <= args.min_confidence <= 1.0:
        raise RunError(f"--min-confidence must be in [0, 1], got {args.min_confidence}")
    select, ignore = split_tokens(args.select) or ["ALL"], split_tokens(args.ignore)
    bad = R.unknown_tokens(select + ignore)
    if bad:
        raise RunError(f"unknown rule selector(s): {', '.join(bad)} (ids like ML101, prefixes like ML1, slugs, codes)")
    unreadable = [p for p in args.paths if not Path(p).exists() or not os.access(p, os.R_OK)]
    if unreadable:
        raise RunError(f"no such file or directory, or not readable: {', '.join(unreadable)}")

    found = lint_paths(args.paths, min_confidence=args.min_confidence)
    chosen = [f for f in found if selected(f.rule, f.code, select, ignore)]
    lines = SourceLines()
    kept = [f for f in chosen if not suppressed(f, lines)]
    if args.statistics:
        print_statistics(kept)
    elif args.format == "json":
        print(json.dumps([as_json(f, lines) for f in kept], indent=2))
    elif args.format == "sarif":
        print(json.dumps(sarif(kept, select, ignore, lines, args.docs_url), indent=2))
    else:
        for f in kept:
            print(text_line(f, lines))
    summary(kept, len(chosen) - len(kept))
    return 1 if kept and not args.exit_zero else 0


# --- selection and suppression ---------------------------------------------------------------


def split_tokens(values: list[str]) -> list[str]:
    return [t.strip() for v in values for t in v.split(",") if t.strip()]


def selected(slug: str, code: str, select: list[str], ignore: list[str]) -> bool:
    return any(R.matches(t, slug, code) for t in select) and not any(R.matches(t, slug, code) for t in ignore)


class SourceLines:
    """The lines of the files findings point to, read once each."""

    def __init__(self) -> None:
        self._files: dict[str, list[str]] = {}

    def __call__(self, file: str) -> list[str]:
        if file not in self._files:
            try:
                self._files[file] = Path(file).read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                self._files[file] = []
        return self._files[file]

    def column(self, f: Finding) -> int:
        """1-based column of the first code character on the finding's first line."""
        text = self(f.file)
        line = text[f.line - 1] if 0 < f.line <= len(text) else ""
        return len(line) - len(line.lstrip()) + 1


def suppressed(f: Finding, lines: SourceLines) -> bool:
    """``# noqa`` (all rules) or ``# noqa: ML101, fit-outside-cv`` on a line of the finding's range."""
    text = lines(f.file)
    for n in range(f.line, min(f.end_line, len(text)) + 1):
        for m in _NOQA.finditer(text[n - 1]):
            codes = m["codes"]
            if codes is None or any(R.matches(t, f.rule, f.code) for t in split_tokens([codes])):
                return True
    return False


# --- output ----------------------------------------------------------------------------------


def text_line(f: Finding, lines: SourceLines) -> str:
    where = f" (in {f.function})" if f.function else ""
    return f"{f.file}:{f.line}:{lines.column(f)}: {R.rule_id(f.rule, f.code)} [{f.code}] {f.message}{where}"


def as_json(f: Finding, lines: SourceLines) -> dict[str, Any]:
    return {
        "id": R.rule_id(f.rule, f.code),
        "rule": f.rule,
        "code": f.code,
        "file": f.file,
        "line": f.line,
        "end_line": f.end_line,
        "column": lines.column(f),
        "function": f.function,
        "message": f.message,
        "fix": f.fix,
        "confidence": f.confidence,
    }


def print_statistics(found: list[Finding]) -> None:
    for (slug, code), n in sorted(Counter((f.rule, f.code) for f in found).items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{n:>5}  {R.rule_id(slug, code)}  {slug:<28} {code}")


def summary(found: list[Finding], hidden: int) -> None:
    noqa = f"; {hidden} suppressed by noqa" if hidden else ""
    if not found:
        print(f"no findings{noqa}", file=sys.stderr)
        return
    per_code = ", ".join(f"{n} {c}" for c, n in Counter(f.code for f in found).most_common())
    files = len({f.file for f in found})
    print(f"{len(found)} finding(s) in {files} file(s): {per_code}{noqa}", file=sys.stderr)


def help_uri(rule: R.Rule, base: str | None) -> str:
    if base:
        return f"{base.rstrip('#')}#{rule.anchor}"
    local = Path(__file__).resolve().parents[3] / R.DOCS_PAGE
    return f"{local.as_uri()}#{rule.anchor}"


def artifact_uri(file: str) -> dict[str, str]:
    p = Path(file).resolve()
    try:
        return {"uri": p.relative_to(Path.cwd()).as_posix(), "uriBaseId": "%SRCROOT%"}
    except ValueError:
        return {"uri": p.as_uri()}


def level(confidence: float) -> str:
    return "error" if confidence >= 0.7 else "warning" if confidence >= 0.5 else "note"


def sarif(found: list[Finding], select: list[str], ignore: list[str], lines: SourceLines,
          docs: str | None) -> dict[str, Any]:  # fmt: skip
    """A SARIF 2.1.0 log: the selected rules' metadata and one result per finding."""
    rules = [r for r in R.RULES if selected(r.slug, r.code, select, ignore)]
    known = {(r.slug, r.code) for r in rules}
    extra = sorted({(f.rule, f.code) for f in found} - known)  # unregistered rules
    rules += [R.Rule("ML000", s, c, s, "", "", "", "") for s, c in extra]
    index = {(r.slug, r.code): i for i, r in enumerate(rules)}
    descriptors = [
        {
            "id": r.id if r.id != "ML000" else r.slug,
            "name": r.slug,
            "shortDescription": {"text": r.title},
            "fullDescription": {"text": r.why or r.title},
            "help": {"text": R.explain(r), "markdown": help_markdown(r)},
            **({"helpUri": help_uri(r, docs)} if r.id != "ML000" else {}),
            "defaultConfiguration": {"level": "warning"},
            "properties": {"tags": ["ml", r.code]},
        }
        for r in rules
    ]
    results = [
        {
            "ruleId": descriptors[index[f.rule, f.code]]["id"],
            "ruleIndex": index[f.rule, f.code],
            "level": level(f.confidence),
            "message": {"text": f"{f.message} Fix: {f.fix}" if f.fix else f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact_uri(f.file),
                        "region": {"startLine": f.line, "endLine": f.end_line, "startColumn": lines.column(f)},
                    },
                    **({"logicalLocations": [{"name": f.function, "kind": "function"}]} if f.function else {}),
                }
            ],
            "properties": {"confidence": f.confidence, "code": f.code, "rule": f.rule},
        }
        for f in found
    ]
    home = help_uri(R.RULES[0], docs).split("#")[0]
    driver = {"name": "mle-env-lint", "version": __version__, "informationUri": home, "rules": descriptors}
    run = {"tool": {"driver": driver}, "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
           "results": results}  # fmt: skip
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def help_markdown(r: R.Rule) -> str:
    if not r.why:
        return r.title
    return (f"**{r.id} {r.slug}** ({r.code}): {r.title}.\n\n{r.why}\n\n**Fix:** {r.fix}\n\n"
            f"Bad:\n```python\n{r.bad}\n```\nGood:\n```python\n{r.good}\n```")  # fmt: skip
