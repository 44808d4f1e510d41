# expect: SCALING_ERROR inconsistent-scaling
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.model_selection import train_test_split
from sklearn.metrics import f1_score
import pandas as pd
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
sc = StandardScaler().fit(X_train)
model = SVC().fit(sc.transform(X_train), y_train)
print(f1_score(y_test, model.predict(X_test)))
