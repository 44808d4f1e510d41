"""DATA_LEAKAGE: information from the evaluation rows reaches the model or its preprocessing.

Rules
    fit-before-split       a transformer (scaler, imputer, selector, PCA, vectoriser, …) is
                           fitted on rows that are split into train/test only afterwards —
                           also through helper functions (``preprocess(X, y)`` in ``main``)
    fit-outside-cv         the same, before cross-validation / a grid search
    resample-before-split  SMOTE / RandomOverSampler / ``resample`` before the split
    stats-before-split     ``df.mean()`` … of all rows used to fill or scale before the split
    target-stats-before-split  ``df.groupby(c)[target].transform("mean")`` (mean/target
                           encoding by hand) on all rows before the split — also in helpers
                           and other files, and when the helper changes ``df`` in place
    fit-on-test            an imputer / selector / PCA (or a scaler never fitted on train)
                           fitted on the test rows
    fit-on-train-and-test  a transformer fitted on train and test concatenated
    model-fit-on-test      the model itself trained on the test rows
    overlapping-split      hand-made train and test parts of the same rows that overlap: slices,
                           range masks, head/tail, two samples, Subset ranges, a CV loop
                           training on every fold (``splits``)
    model-fit-on-all-rows  the model fitted on every row, then scored on a subset of them
    model-fit-on-test      also: refitted on train and test rows stacked, then scored on the
                           test rows (``splits``)

The target column left among the features is ``target_leak``'s rule.
"""

from __future__ import annotations

from .base import Finding, Loc, finding
from .catalog import CV_FUNCS, CV_SPLITTERS, LEAK_KINDS, SEARCHES
from .flow import Event, Trace
from .program import Analysis
from .splits import folds_all_rows, overlapping_split, subset_overlap, test_rows_in_training

CODE = "DATA_LEAKAGE"


KIND_CONF = {**LEAK_KINDS, "target_stat": 0.85}  # + per-group target statistics computed by hand


def leaky(ev: Event) -> bool:
    """A fit on rows not known to be training rows only."""
    return ev.kind == "fit" and ev.est_kind in KIND_CONF and not ev.target_like and bool(ev.roles & {"full", "param"})


def on_test_rows(ev: Event) -> bool:
    r = ev.roles
    return ("test" in r and not r & {"train", "full", "param"}) or "each" in r


def check(an: Analysis) -> list[Finding]:
    out: list[Finding] = []
    for trace in an.traces:
        out += fit_before_split(trace)
    for ev in an.events("fit"):
        out += fit_on_test(an, ev)
    out += combined_fits(an)
    out += overlapping_split(an)
    out += fit_on_all_rows(an)
    out += test_rows_in_training(an) + folds_all_rows(an) + subset_overlap(an)
    return out


def fit_on_all_rows(an: Analysis) -> list[Finding]:
    """The model is fitted on every row and then scored on a subset of those same rows."""
    out = []
    for f, p in an.parts.seen:
        if not any(m.order > p.order and m.loc.function == p.loc.function for m in an.events("metric")):
            continue
        out.append(
            finding(
                CODE,
                "model-fit-on-all-rows",
                f.loc,
                f"{f.name} is fitted on all rows, and then scored on a subset of them (line {p.loc.line}): "
                "those rows were seen in training, so the score is not a held-out estimate.",
                0.8,
                "Set the evaluation rows aside before fitting and train on the remaining rows only.",
            )
        )
        break
    return out


def used_after(trace: Trace, fit: Event, split: Event) -> bool:
    return fit.obj is not None and any(
        e.obj is fit.obj and e.kind in ("transform", "predict") and e.order > split.order for e in trace.events
    )


def fit_before_split(trace: Trace) -> list[Finding]:
    out: list[Finding] = []
    reported: set[int] = set()
    fits = [e for e in trace.events if leaky(e)]
    for split in trace.of("split"):
        culprits = {f for f in split.data.fits if leaky(f) and f.order < split.order}
        culprits |= {
            f
            for f in fits
            if f.order < split.order
            and f.est_kind != "stat"
            and f.data.roots & split.data.roots
            and used_after(trace, f, split)
        }
        culprits = sorted((f for f in culprits if id(f) not in reported), key=lambda f: f.order)
        if not culprits:
            continue
        reported |= {id(f) for f in culprits}
        cv = split.name in CV_FUNCS | SEARCHES | CV_SPLITTERS
        best, first_rule = 0.0, None
        for group in groups(culprits):
            rule, conf, msg, fix = describe(group, split, cv)
            best, first_rule = max(best, conf), first_rule or rule
            loc = Loc(group[0].loc.file, group[0].loc.line, group[-1].loc.end_line, group[0].loc.function)
            out.append(finding(CODE, rule, loc, msg, conf, fix))
        out += split_site(culprits, split, first_rule, best)
    return out


def groups(fits: list[Event]) -> list[list[Event]]:
    """Fits of one kind of rule in one function on nearby lines form one step."""
    out: list[list[Event]] = []
    for f in sorted(fits, key=lambda f: (f.loc.file, f.loc.function or "", f.loc.line)):
        last = out[-1][-1] if out else None
        if (
            last is not None
            and (last.loc.file, last.loc.function) == (f.loc.file, f.loc.function)
            and rule_family(last) == rule_family(f)
            and f.loc.line - last.loc.end_line <= 3
        ):
            out[-1].append(f)
        else:
            out.append([f])
    return out


def rule_family(f: Event) -> str:
    return f.est_kind if f.est_kind in ("resampler", "stat", "target_stat") else "fit"


def what(f: Event) -> str:
    name = f"{f.name}.{f.method}()" if f.obj is not None else f"{f.name}()"
    if f.est_kind in ("selector", "target_encoder") and f.extra.is_data:
        name += " (using the labels)"
    return name


def describe(group: list[Event], split: Event, cv: bool) -> tuple[str, float, str, str]:
    where = f"{'cross-validation' if cv else 'the train/test split'} (line {split.loc.line})"
    conf = max(0.5 if f.name == "VarianceThreshold" else KIND_CONF[f.est_kind] for f in group)
    whats = " and ".join(dict.fromkeys(what(f) for f in group))
    names = " and ".join(dict.fromkeys(f.name for f in group))
    verb = "are" if len(group) > 1 else "is"
    if group[0].est_kind == "resampler":
        return (
            "resample-before-split",
            conf,
            f"{whats} resamples all rows before {where}: synthetic or duplicated copies of the evaluation "
            "rows end up in the training data, so the reported scores are optimistic.",
            "Split first and resample only the training rows (inside CV, use an imblearn Pipeline).",
        )
    if group[0].est_kind == "target_stat":
        return (
            "target-stats-before-split",
            conf,
            f"{whats} computes a per-group statistic of the target on all rows before {where}: each "
            "row's encoded feature already contains its own label and the evaluation rows' labels, so "
            "the scores are optimistic.",
            "Compute the per-group target statistic on the training rows only (inside each CV fold), "
            "map it onto the other rows, or use sklearn's TargetEncoder inside a Pipeline.",
        )
    if group[0].est_kind == "stat":
        return (
            "stats-before-split",
            conf,
            f"{whats} of all rows (test rows included) {verb} used to transform the data before {where}, "
            "so statistics of the evaluation rows leak into the training data.",
            "Compute the statistic on the training rows only (e.g. a SimpleImputer/StandardScaler fitted "
            "on train) and apply it to the test rows.",
        )
    if cv:
        return (
            "fit-outside-cv",
            conf,
            f"{whats} {verb} fitted on all rows before {where}: every validation fold has already shaped "
            "the preprocessing, so the cross-validated score is optimistic.",
            f"Put {names} and the model in one sklearn Pipeline and cross-validate the pipeline, so the "
            "preprocessing is refitted inside every training fold.",
        )
    return (
        "fit-before-split",
        conf,
        f"{whats} {verb} fitted on all rows, and the data is split into train and test only afterwards, at "
        f"{where}: the test rows shape the preprocessing, so the held-out scores are optimistic.",
        f"Split first, fit {names} on the training rows only and apply transform() to the test rows "
        "(or put the preprocessing in a sklearn Pipeline with the model so CV refits it per fold).",
    )


def split_site(fits: list[Event], split: Event, rule: str, conf: float) -> list[Finding]:
    """The place in the caller where the order goes wrong: the call that fits, then the split."""
    f = fits[0]
    k = 0
    while k < min(len(f.via), len(split.via)) and f.via[k] == split.via[k]:
        k += 1
    start = f.via[k] if len(f.via) > k else None
    loc, cv = split.loc, rule == "fit-outside-cv"
    step = "cross-validation" if cv else "the train/test split"
    names = ", ".join(dict.fromkeys(x.name for x in fits))
    if start is None:
        return [
            finding(
                CODE,
                rule,
                loc,
                f"{step} runs on data already transformed by {names} fitted on all rows (line {f.loc.line}).",
                conf - 0.1,
                "Move the split before any fitting.",
            )
        ]
    callee = f.loc.function if len(f.via) == k + 1 else None
    call = f"the call at line {start.line}" + (f" runs {callee}(), which" if callee else "")
    msg = f"{call} fits {names} on all rows; {step} (line {loc.line}) only comes afterwards."
    if start.function == loc.function and start.file == loc.file and 0 <= loc.line - start.end_line <= 3:
        loc = Loc(loc.file, start.line, loc.end_line, loc.function)
        return [
            finding(
                CODE, rule, loc, msg, conf - 0.05, "Split first and pass only the training rows to the fitting step."
            )
        ]
    return [
        finding(CODE, rule, start, msg, conf - 0.05, "Split first and pass only the training rows to the fitting step.")
    ]


def fit_on_test(an: Analysis, ev: Event) -> list[Finding]:
    if not on_test_rows(ev) or ev.target_like:
        return []
    kind = ev.est_kind
    if kind == "model" and "each" not in ev.roles:
        return [
            finding(
                CODE,
                "model-fit-on-test",
                ev.loc,
                f"the model {ev.name} is trained on the test rows, so the score measured on them is not "
                "a held-out estimate.",
                0.85,
                "Fit the model on the training rows only.",
            )
        ]
    trained = [e for e in an.events("fit") if e.est_kind == kind and e is not ev and "train" in e.roles]
    if kind in ("imputer", "selector", "decomp", "binner") or (
        kind == "scaler" and not trained and "each" not in ev.roles
    ):
        return [
            finding(
                CODE,
                "fit-on-test",
                ev.loc,
                f"{ev.name}.{ev.method}() is fitted on the test rows: their statistics decide how they "
                "are transformed, which a model in production never gets to do.",
                0.7,
                f"Fit {ev.name} on the training rows and only call transform() on the test rows.",
            )
        ]
    return []


def combined_fits(an: Analysis) -> list[Finding]:
    out = []
    for ev in an.events("fit"):
        r = ev.roles
        if not ({"train", "test"} <= r and "each" not in r):
            continue
        if ev.est_kind == "target_stat":  # ``y.groupby(keys).mean()`` over train and test stacked
            out.append(
                finding(
                    CODE,
                    "fit-on-train-and-test",
                    ev.loc,
                    f"a per-group statistic of the target ({ev.name}) is computed on train and test rows "
                    "together: the test labels leak into the encoding the model trains on.",
                    0.8,
                    "Compute the per-group target statistics on the training rows only (out of fold within "
                    "them) and map the test rows with them.",
                )
            )
        elif ev.est_kind in LEAK_KINDS and ev.est_kind != "stat":
            conf = {"resampler": 0.85, "selector": 0.8, "target_encoder": 0.8}.get(ev.est_kind, 0.6)
            out.append(
                finding(
                    CODE,
                    "fit-on-train-and-test",
                    ev.loc,
                    f"{ev.name}.{ev.method}() is fitted on train and test rows together, so test "
                    "statistics leak into the training features.",
                    conf,
                    f"Fit {ev.name} on the training rows only; transform the test rows with it.",
                )
            )
    return out
