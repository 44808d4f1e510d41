# expect: SCALING_ERROR scaler-refit-on-test
from sklearn.preprocessing import MinMaxScaler
from sklearn.svm import SVC
from sklearn.model_selection import train_test_split
from sklearn.metrics import f1_score
def scale(X):
    return MinMaxScaler().fit_transform(X)
def main(X, y):
    X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
    X_train, X_test = scale(X_train), scale(X_test)
    print(f1_score(y_test, SVC().fit(X_train, y_train).predict(X_test)))
