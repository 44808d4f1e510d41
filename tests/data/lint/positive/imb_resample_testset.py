# expect: IMBALANCE resample-test-set
from imblearn.under_sampling import RandomUnderSampler
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
def run(X, y):
    X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
    rus = RandomUnderSampler(random_state=0)
    X_train, y_train = rus.fit_resample(X_train, y_train)
    X_test, y_test = rus.fit_resample(X_test, y_test)
    clf = RandomForestClassifier(max_depth=5).fit(X_train, y_train)
    return f1_score(y_test, clf.predict(X_test))
