# expect: no OVERFITTING
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
def main(X, y):
    X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
    clf = RandomForestClassifier(n_estimators=200, random_state=0).fit(X_train, y_train)
    print("train f1:", f1_score(y_train, clf.predict(X_train)))
    print("test f1:", f1_score(y_test, clf.predict(X_test)))
