# expect: no ENCODING_ERROR
import pandas as pd
from sklearn.preprocessing import OneHotEncoder

train = pd.read_csv("train.csv")
test = pd.read_csv("test.csv")
enc = OneHotEncoder(handle_unknown="ignore").fit(train[["colour"]])
encoded = []
for df in [train, test]:
    encoded.append(enc.transform(df[["colour"]]))
