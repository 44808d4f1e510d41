"""Small CV helpers so we do not depend on a specific sklearn version on the cluster."""
import numpy as np


def kfold_indices(n_rows, n_folds=5, seed=0):
    """Yield (train_idx, test_idx) pairs for a shuffled k-fold."""
    rng = np.random.default_rng(seed)
    perm = rng.permutation(n_rows)
    folds = np.array_split(perm, n_folds)
    for k in range(n_folds):
        test_idx = folds[k]
        train_idx = np.concatenate([folds[j] for j in range(n_folds) if j != k])
        assert np.intersect1d(train_idx, test_idx).size == 0
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
