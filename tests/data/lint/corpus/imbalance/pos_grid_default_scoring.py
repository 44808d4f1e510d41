# expect: IMBALANCE@11-15
import lightgbm as lgb
from sklearn.datasets import make_classification
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GridSearchCV, train_test_split

X, y = make_classification(n_samples=6000, n_features=25, n_informative=8,
                           weights=[0.985], random_state=4)
X_dev, X_test, y_dev, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=4)

grid = GridSearchCV(
    lgb.LGBMClassifier(n_estimators=300, verbose=-1),
    {"num_leaves": [15, 31, 63], "learning_rate": [0.03, 0.1]},
    cv=4,
)
grid.fit(X_dev, y_dev)
print("chosen:", grid.best_params_)
print("test AUC:", roc_auc_score(y_test, grid.predict_proba(X_test)[:, 1]))
