# expect: clean (no finding at or above 0.5)
import joblib
import pandas as pd
from sklearn.preprocessing import MinMaxScaler
from sklearn.svm import SVC
from sklearn.model_selection import train_test_split
from sklearn.metrics import balanced_accuracy_score

def predict(model, scaler, X):
    return model.predict(scaler.transform(X))

def main():
    df = pd.read_csv("d.csv")
    X, y = df.drop(columns="y"), df["y"]
    X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=1)
    scaler = MinMaxScaler().fit(X_train)
    model = SVC(C=3.0, gamma="scale").fit(scaler.transform(X_train), y_train)
    print(balanced_accuracy_score(y_test, predict(model, scaler, X_test)))
    joblib.dump((scaler, model), "model.joblib")

main()
