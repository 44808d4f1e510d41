import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import accuracy_score, f1_score

import config

cfg = config.RunConfig()
df = pd.read_csv(config.DATA_PATH)
y = df[config.TARGET]
X = df.drop(columns=[config.TARGET] + config.ID_COLS)
print(X.shape, "classes:", sorted(y.unique()))

X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=cfg.test_size, stratify=y, random_state=cfg.seed
)

forest = RandomForestClassifier(**cfg.forest.as_kwargs())
forest.fit(X_train, y_train)

pred = forest.predict(X_test)
print("accuracy :", round(accuracy_score(y_test, pred), 4))
print("macro F1 :", round(f1_score(y_test, pred, average="macro"), 4))
top = pd.Series(forest.feature_importances_, index=X.columns).nlargest(10)
print(top)
