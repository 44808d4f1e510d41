# expect: DATA_LEAKAGE@28
import pandas as pd
from sklearn.ensemble import RandomForestClassifier, GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import SVC
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.metrics import f1_score

wine = pd.read_csv("data/wine.csv")
X = wine.drop(columns="good")
y = wine["good"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=4)

candidates = {
    "logreg": make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)),
    "knn": make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=15)),
    "svm": make_pipeline(StandardScaler(), SVC(C=2.0)),
    "rf": RandomForestClassifier(n_estimators=300, min_samples_leaf=3, random_state=4),
    "gbm": GradientBoostingClassifier(n_estimators=200, max_depth=3, random_state=4),
}

leaderboard = {}
for name, est in candidates.items():
    est.fit(X_train, y_train)
    leaderboard[name] = f1_score(y_test, est.predict(X_test))

board = pd.Series(leaderboard).sort_values(ascending=False)
print(board)
winner = board.index[0]
print(f"Selected model: {winner}  (test F1 = {board.iloc[0]:.3f})")

pd.to_pickle(candidates[winner], "models/wine_quality.pkl")
