# expect: ENCODING_ERROR encoder-refit-on-test
import pandas as pd
from sklearn.preprocessing import LabelEncoder
train = pd.read_csv("train.csv")
test = pd.read_csv("test.csv")
le = LabelEncoder()
for df in [train, test]:
    df["colour"] = le.fit_transform(df["colour"])
