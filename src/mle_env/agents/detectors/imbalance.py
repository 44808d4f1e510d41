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
        for node in src.nodes:
            if isinstance(node, ast.Call):
                for k in ("weights", "p"):
                    v = literal(kwarg(node, k), src.consts)
                    if isinstance(v, (tuple, list)) and len(v) == 1 and k == "weights" and isinstance(v[0], float):
                        v = [v[0], 1 - v[0]]  # make_classification(weights=[0.985]): the rest is the other class
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
        for line in notes(src):
            m = PERCENT.search(line)
            if m and 0 < float(m.group(1)) <= 10 and not NOT_SHARE.search(line):
                return "strong", None
    for src in an.sources:
        if WEAK_WORDS.search(src.text) or "value_counts" in src.text or "bincount" in src.text:
            return "weak", None
    return None, None


PERCENT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*%\s+of\b")
NOT_SHARE = re.compile(r"test|split|hold|valid|signific|confiden|outlier|missing|noise|contamin|quantile|percentile|"
                       r"sample|rows? (are|is) (dropped|removed)|budget|discount|growth|increase|decrease", re.I)
DETECTORS = {"IsolationForest", "OneClassSVM", "LocalOutlierFactor", "EllipticEnvelope"}
SHOWN = {"confusion_matrix", "ConfusionMatrixDisplay"}  # printed, but no number anyone reports


def notes(src) -> list[str]:
    """Comment and docstring lines of a file."""
    out = [ln.split("#", 1)[1] for ln in src.text.splitlines() if "#" in ln]
    for node in src.nodes:
        doc = ast.get_docstring(node) if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) else None
        out += doc.splitlines() if doc else []
    return out


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
    detector = any(c in DETECTORS for c in an.classes) and not any(  # anomaly detection: rare positives
        C.is_regressor(c) for c in an.classes if c not in DETECTORS
    )
    if not any(C.is_classifier(c) for c in an.classes) and not detector:
        return out
    evidence, _ = skew_evidence(an)
    evidence = "strong" if detector else evidence
    ratio = data.target.class_ratio if data is not None and data.target is not None else None
    share = data.target.minority_share if data is not None and data.target is not None else None
    if ratio is not None and share is not None:  # the data decides: rarest vs most common class
        evidence = "strong" if ratio <= 0.12 else "weak" if ratio <= 0.25 else None
    if ratio is not None and share is not None and ratio <= 0.12:
        out += selected_by_accuracy(an, share) + downsampled_before_split(an, data, share)
    elif evidence == "strong" and ratio is None:
        out += selected_by_accuracy(an, None)
    out += downsampled_eval(an)
    names, acc_nodes = metrics_used(an)
    names -= SHOWN
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
    elif evidence == "strong" and not fixed and not names - ACCURACY and any(C.is_classifier(c) for c in an.classes):
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
                    conf = 0.6 if ratio is not None and ratio <= 0.12 else conf  # measured: few rare rows
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
    if evidence == "strong":
        out += unstratified_folds(an)
    return out


def unstratified_folds(an: Analysis) -> list[Finding]:
    """``KFold``/``ShuffleSplit`` (not the stratified kinds) on a rare class: some folds get a
    handful of positives or none, and their scores are noise or undefined."""
    for src in an.sources:
        for call in src.calls():
            name = src.cls(call.func)
            if name in ("KFold", "ShuffleSplit", "RepeatedKFold"):
                return [
                    finding(
                        CODE,
                        "split-not-stratified",
                        src.loc(call),
                        f"{name} does not stratify on the skewed classes: some folds hold a handful of "
                        "minority rows (or none), so their scores are noise or undefined.",
                        0.55,
                        f"Use Stratified{name} (or StratifiedGroupKFold with groups).",
                    )
                ]
    return []


def downsampled_eval(an: Analysis) -> list[Finding]:
    """One class sampled down (``df[df[y] == 0].sample(n=...)``) into rows the model only predicts
    on: the evaluation gets an invented class ratio."""
    out = []
    for src in an.sources:
        sampled = set()
        for st in src.nodes:
            if isinstance(st, ast.Assign) and isinstance(st.targets[0], ast.Name):
                for c in ast.walk(st.value):
                    if (
                        isinstance(c, ast.Call) and call_tail(c) == "sample" and isinstance(c.func, ast.Attribute)
                        and kwarg(c, "frac") is None
                        and any(isinstance(n, ast.Compare) for n in ast.walk(c.func.value))
                    ):  # fmt: skip
                        sampled.add(st.targets[0].id)
                        node = c
        if not sampled:
            continue
        names = set(sampled)
        for _ in range(3):  # names computed from the sampled rows
            for st in src.nodes:
                if isinstance(st, ast.Assign) and {n.id for n in ast.walk(st.value) if isinstance(n, ast.Name)} & names:
                    names |= {t.id for t in st.targets if isinstance(t, ast.Name)}
        fits, preds = set(), set()
        for c in src.calls():
            used = {n.id for a in c.args for n in ast.walk(a) if isinstance(n, ast.Name)} & names
            if call_tail(c) in ("fit", "fit_resample", "train_test_split", "split") and used:
                fits |= used
            elif call_tail(c) in ("predict", "predict_proba", "decision_function", "score") and used:
                preds |= used
        if preds and not fits:
            out.append(
                finding(
                    CODE,
                    "resample-test-set",
                    src.loc(node),
                    "one class is sampled down in the rows the model is evaluated on: the evaluation gets an "
                    "invented class ratio, so precision and alert counts look far better than in practice.",
                    0.65,
                    "Evaluate on rows with the real class ratio; resample only training rows.",
                )
            )
    return out[:1]


def selected_by_accuracy(an: Analysis, share: float | None) -> list[Finding]:
    """Accuracy as the criterion a search or a threshold/parameter loop maximises."""
    out = []
    for src in an.sources:
        for call in src.calls():
            name = src.cls(call.func)
            hit = None
            if name in C.SEARCHES and literal(kwarg(call, "scoring"), src.consts) in ("accuracy", ...):
                est = call.args[0] if call.args else kwarg(call, "estimator")
                est_cls = src.cls(est.func) if isinstance(est, ast.Call) else None
                default = kwarg(call, "scoring") is None and est_cls is not None and C.is_classifier(est_cls)
                hit = "the search ranks its candidates by accuracy" if kwarg(call, "scoring") or default else None
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
                        if share is not None
                        else f"{hit} (its default for a classifier) on skewed classes: accuracy is highest "
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
