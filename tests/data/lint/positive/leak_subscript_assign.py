# expect: DATA_LEAKAGE fit-before-split
import pandas as pd
from sklearn.preprocessing import MinMaxScaler
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
NUM = ["a", "b", "c"]
df = pd.read_csv("a.csv")
df[NUM] = MinMaxScaler().fit_transform(df[NUM])
train, test = train_test_split(df, test_size=0.2, random_state=0)
knn = KNeighborsClassifier(n_neighbors=7).fit(train[NUM], train["t"])
print(knn.score(test[NUM], test["t"]))
