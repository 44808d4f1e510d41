# expect: NONE
"""Bearing fault classifier from vibration windows, evaluated per machine."""
import numpy as np
import pandas as pd
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold

rng = np.random.default_rng(0)
FEATS = ["rms", "kurtosis", "crest_factor", "peak_hz", "band_1k_2k", "band_2k_4k", "skew"]


def jitter(frame: pd.DataFrame, copies: int = 2, scale: float = 0.03) -> pd.DataFrame:
    """Noise-augment feature windows; labels and ids are carried over."""
    out = [frame]
    for _ in range(copies):
        noisy = frame.copy()
        noisy[FEATS] = noisy[FEATS] * (1 + rng.normal(0, scale, size=noisy[FEATS].shape))
        out.append(noisy)
    return pd.concat(out, ignore_index=True)


windows = pd.read_parquet("vibration_windows.parquet")
X, y, machine = windows[FEATS], windows["fault"], windows["machine_id"]

scores = []
for fold, (tr, va) in enumerate(GroupKFold(n_splits=5).split(X, y, groups=machine)):
    train_fold = jitter(windows.iloc[tr])
    valid_fold = windows.iloc[va]
    model = ExtraTreesClassifier(
        n_estimators=500, min_samples_leaf=3, max_features="sqrt", class_weight="balanced",
        random_state=fold, n_jobs=-1,
    )
    model.fit(train_fold[FEATS], train_fold["fault"])
    f1 = f1_score(valid_fold["fault"], model.predict(valid_fold[FEATS]), average="macro")
    scores.append(f1)
    print(f"fold {fold}: machines held out={valid_fold.machine_id.nunique()} macro-F1={f1:.3f}")

print("mean macro-F1:", round(float(np.mean(scores)), 3))
