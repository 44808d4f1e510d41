# expect: UNDERFITTING linear-on-nonlinear
from sklearn.datasets import make_moons
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
X, y = make_moons(n_samples=500, noise=0.2, random_state=0)
print(cross_val_score(LogisticRegression(), X, y, scoring="f1").mean())
