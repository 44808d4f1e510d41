# expect: NONE
import numpy as np
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import log_loss

X_train = np.load("ctr_train_hashed.npy")
y_train = np.load("ctr_train_labels.npy")
X_valid = np.load("ctr_valid_hashed.npy")
y_valid = np.load("ctr_valid_labels.npy")

clf = SGDClassifier(loss="log_loss", alpha=1e-6, max_iter=1, tol=None, learning_rate="optimal", random_state=0)
classes = np.unique(y_train)
rng = np.random.default_rng(0)
best, patience = np.inf, 0
for epoch in range(50):
    order = rng.permutation(len(X_train))
    for batch in np.array_split(order, 100):
        clf.partial_fit(X_train[batch], y_train[batch], classes=classes)
    loss = log_loss(y_valid, clf.predict_proba(X_valid))
    print(f"epoch {epoch}: valid log loss {loss:.4f}")
    if loss < best - 1e-4:
        best, patience = loss, 0
    else:
        patience += 1
        if patience >= 3:
            break
