# expect: DATA_LEAKAGE fit-on-train-and-test
import numpy as np
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.metrics import f1_score
def run(X_train, X_test, y_train, y_test):
    scaler = StandardScaler().fit(np.vstack([X_train, X_test]))
    m = SVC().fit(scaler.transform(X_train), y_train)
    return f1_score(y_test, m.predict(scaler.transform(X_test)))
