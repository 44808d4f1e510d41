"""IMBALANCE: a skewed classification problem treated as if the classes were balanced.

Statically, skew is only *evidence*: a literal like ``weights=[0.95, 0.05]``,
``p=[0.97, 0.03]`` or ``rng.random(n) < 0.05`` is strong; words such as "fraud", "rare" or
"imbalanced" in comments, or code that looks at ``value_counts()``, are weak.

Rules
    accuracy-on-imbalanced  accuracy is the only metric, nothing handles the skew (no
                            class_weight, resampling, sample weights); confident only with
                            evidence of skew
    imbalance-unhandled     strong evidence of skew, other metrics, but no handling at all
    split-not-stratified    ``train_test_split`` without ``stratify=`` on skewed classes
    resample-test-set       SMOTE/undersampling applied to the test rows, so the evaluation no
                            longer has the real class balance
"""

from __future__ import annotations

import ast
import re

from . import catalog as C
from .base import Finding, call_tail, finding, kwarg, literal, number
from .data import Evidence
from .leakage import on_test_rows
from .program import Analysis

CODE = "IMBALANCE"
ACCURACY = {"accuracy_score", "score", "accuracy"}
HANDLING = {
    "compute_class_weight",
    "compute_sample_weight",
    "BalancedRandomForestClassifier",
    "EasyEnsembleClassifier",
    "BalancedBaggingClassifier",
    "TunedThresholdClassifierCV",
    "resample",
} | C.RESAMPLERS
RANKING = {"roc_auc_score", "average_precision_score", "log_loss", "brier_score_loss", "roc_auc", "average_precision"}
WEAK_WORDS = re.compile(r"imbalanc|unbalanc|\brare\b|fraud|minority|skewed|class ratio", re.IGNORECASE)


def skew_evidence(an: Analysis) -> tuple[str | None, ast.AST | None]:
    """("strong" | "weak" | None, the node that shows it)."""
    for src in an.sources:
        for node in ast.walk(src.tree):
            if isinstance(node, ast.Call):
                for k in ("weights", "p"):
                    v = literal(kwarg(node, k), src.consts)
                    if isinstance(v, (tuple, list)) and len(v) >= 2 and all(isinstance(x, (int, float)) for x in v):
                        if min(v) <= 0.2 * max(sum(v), 1e-9) and (k == "weights" or call_tail(node) == "choice"):
                            return "strong", node
                if call_tail(node) == "binomial" and len(node.args) >= 2:
                    p = number(node.args[1], src.consts)
                    if p is not None and (p <= 0.15 or p >= 0.85):
                        return "strong", node
            if isinstance(node, ast.Compare) and len(node.comparators) == 1:
                left, right = node.left, node.comparators[0]
                if isinstance(left, ast.Call) and call_tail(left) in ("random", "rand", "uniform", "random_sample"):
                    p = number(right, src.consts)
                    if p is not None and (p <= 0.15 or p >= 0.85):
                        return "strong", node
    for src in an.sources:
        if WEAK_WORDS.search(src.text) or "value_counts" in src.text or "bincount" in src.text:
            return "weak", None
    return None, None


def metrics_used(an: Analysis) -> tuple[set[str], list[tuple[object, ast.AST]]]:
    names: set[str] = set()
    acc_nodes = []
    for src in an.sources:
        for call in src.calls():
            name = src.cls(call.func)
            if name in C.METRICS or (name == "score" and call.args and len(call.args) >= 2):
                names.add(name)
                if name in ACCURACY:
                    acc_nodes.append((src, call))
            if name in C.CV_FUNCS | C.SEARCHES:
                scoring = literal(kwarg(call, "scoring"), src.consts)
                vals = (
                    {scoring}
                    if isinstance(scoring, str)
                    else set(scoring)
                    if isinstance(scoring, (tuple, list, dict))
                    else set()
                )
                if kwarg(call, "scoring") is None and name != "cross_val_predict":
                    vals = {"accuracy"}
                names |= {v for v in vals if isinstance(v, str)}
                if "accuracy" in vals:
                    acc_nodes.append((src, call))
    return names, acc_nodes


def handled(an: Analysis) -> bool:
    if an.uses(*HANDLING):
        return True
    for src in an.sources:
        for call in src.calls():
            for k in call.keywords:
                if k.arg in ("class_weight", "sample_weight", "scale_pos_weight", "is_unbalance", "auto_class_weights"):
                    if not (isinstance(k.value, ast.Constant) and k.value.value is None):
                        return True
    return False


def check(an: Analysis, data: Evidence | None = None) -> list[Finding]:
    out: list[Finding] = []
    for ev in an.events("fit"):
        if ev.est_kind == "resampler" and on_test_rows(ev):
            out.append(
                finding(
                    CODE,
                    "resample-test-set",
                    ev.loc,
                    f"{ev.name} resamples the test rows: the evaluation no longer has the real class "
                    "balance, so its scores say little about the rare class in practice.",
                    0.75,
                    "Resample only the training rows; evaluate on the untouched test split.",
                )
            )
    if not any(C.is_classifier(c) for c in an.classes):
        return out
    evidence, _ = skew_evidence(an)
    ratio = data.target.class_ratio if data is not None and data.target is not None else None
    share = data.target.minority_share if data is not None and data.target is not None else None
    if ratio is not None and share is not None:  # the data decides: rarest vs most common class
        evidence = "strong" if ratio <= 0.12 else "weak" if ratio <= 0.25 else None
    if ratio is not None and share is not None and ratio <= 0.12:
        out += selected_by_accuracy(an, share) + downsampled_before_split(an, data, share)
    names, acc_nodes = metrics_used(an)
    fixed = handled(an)
    only_acc = bool(names) and names <= ACCURACY
    if only_acc and acc_nodes:
        conf = {"strong": 0.75, "weak": 0.45, None: 0.3}[evidence] - (0.35 if fixed else 0.0)
        src, node = acc_nodes[0]
        out.append(
            finding(
                CODE,
                "accuracy-on-imbalanced",
                src.loc(node),
                "accuracy is the only metric"
                + (", on classes that look skewed" if evidence else "")
                + ": a model that always predicts the majority class scores high while missing the "
                "minority class.",
                conf,
                "Report balanced accuracy, per-class recall/F1 or PR-AUC, and weight the classes "
                "(class_weight='balanced') or resample the training rows.",
            )
        )
    elif evidence == "strong" and not fixed and not names <= RANKING:
        clfs = sorted(
            ((src, call) for c in an.classes if C.is_classifier(c) for src, call in an.classes[c]),
            key=lambda sc: (sc[0].file, sc[1].lineno),
        )
        src, node = clfs[0]
        out.append(
            finding(
                CODE,
                "imbalance-unhandled",
                src.loc(node),
                "the classes are strongly skewed but nothing handles it (no class_weight, resampling "
                "or sample weights): the model is pulled towards the majority class.",
                0.5,
                "Use class_weight='balanced' (or resample the training rows) and report per-class metrics.",
            )
        )
    if evidence:
        for src in an.sources:
            for call in src.calls():
                strat = kwarg(call, "stratify")
                if (
                    src.cls(call.func) == "train_test_split"
                    and (strat is None or literal(strat) is None)
                    and not (isinstance(kwarg(call, "shuffle"), ast.Constant) and kwarg(call, "shuffle").value is False)
                ):
                    conf = (0.55 if evidence == "strong" else 0.35) - (0.1 if fixed else 0.0)
                    out.append(
                        finding(
                            CODE,
                            "split-not-stratified",
                            src.loc(call),
                            "train_test_split is not stratified on skewed classes: the few minority "
                            "rows may land unevenly in train and test.",
                            conf,
                            "Pass stratify=y to train_test_split.",
                        )
                    )
    return out


def selected_by_accuracy(an: Analysis, share: float) -> list[Finding]:
    """Accuracy as the criterion a search or a threshold/parameter loop maximises."""
    out = []
    for src in an.sources:
        for call in src.calls():
            name = src.cls(call.func)
            hit = None
            if name in C.SEARCHES and literal(kwarg(call, "scoring"), src.consts) in ("accuracy", ...):
                hit = "the search ranks its candidates by accuracy" if kwarg(call, "scoring") else None
            elif name == "accuracy_score":
                parent = src.parent(call)
                if isinstance(parent, (ast.ListComp, ast.GeneratorExp)) or (
                    parent is not None and isinstance(src.parent(parent), ast.For)
                ):
                    hit = "the threshold/parameter is chosen where accuracy peaks"
            if hit:
                out.append(
                    finding(
                        CODE,
                        "accuracy-selects",
                        src.loc(call),
                        f"{hit}, but only {share:.1%} of the rows are in the rare class: accuracy is highest "
                        "when the model (nearly) never predicts it, so the choice favours missing it.",
                        0.7,
                        "Select by a measure of the rare class: F1/F-beta, recall at a precision floor, "
                        "balanced accuracy or average precision.",
                    )
                )
    return out[:2]


def downsampled_before_split(an: Analysis, data: Evidence | None, share: float) -> list[Finding]:
    """``df[df[label] == 0].sample(n=...)`` before the split: the test rows get an invented class ratio."""
    labels = {data.target.name} if data is not None and data.target is not None else set()
    labels |= set(an.target_keys)
    splits = [(s.file, c.lineno) for s in an.sources for c in s.calls() if s.cls(c.func) in C.SPLIT_FUNCS]
    out = []
    for src in an.sources:
        for call in src.calls():
            if call_tail(call) != "sample" or not isinstance(call.func, ast.Attribute) or kwarg(call, "frac"):
                continue
            recv = call.func.value
            masks = [
                n
                for n in ast.walk(recv)
                if isinstance(n, ast.Compare)
                and any(literal(getattr(x, "slice", None), src.consts) in labels for x in ast.walk(n))
            ]
            if masks and splits:
                out.append(
                    finding(
                        CODE,
                        "resample-before-split",
                        src.loc(call),
                        f"one class is down-sampled before the train/test split, so the test rows no longer "
                        f"have the real class ratio (the rare class is {share:.1%} of the data): the "
                        "reported precision and alert counts are far better than in practice.",
                        0.65,
                        "Split first; resample only the training rows and evaluate on the untouched test split.",
                    )
                )
    return out[:1]
