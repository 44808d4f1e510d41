"""Small CV helpers so we do not depend on a specific sklearn version on the cluster."""
# expect: DATA_LEAKAGE@15
import numpy as np


def kfold_indices(n_rows, n_folds=5, seed=0):
    """Yield (train_idx, test_idx) pairs for a shuffled k-fold."""
    rng = np.random.default_rng(seed)
    perm = rng.permutation(n_rows)
    fold_size = n_rows // n_folds
    for k in range(n_folds):
        start = k * fold_size
        stop = n_rows if k == n_folds - 1 else start + fold_size
        test_idx = perm[start:stop]
        train_idx = np.r_[0:start, stop:n_rows]
        yield train_idx, test_idx


def cross_validate(make_model, X, y, metric, n_folds=5, seed=0):
    scores = []
    for train_idx, test_idx in kfold_indices(len(X), n_folds, seed):
        model = make_model()
        model.fit(X[train_idx], y[train_idx])
        scores.append(metric(y[test_idx], model.predict(X[test_idx])))
    return np.array(scores)


def summarize(scores, name="score"):
    return f"{name}: {scores.mean():.4f} +/- {scores.std(ddof=1):.4f} over {len(scores)} folds"
