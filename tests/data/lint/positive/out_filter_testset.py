# expect: OUTLIER outlier-filter-on-test
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_squared_error
df = pd.read_csv("d.csv")
train, test = train_test_split(df, random_state=0)
z = (test["price"] - test["price"].mean()) / test["price"].std()
test = test[z.abs() < 3]
m = Ridge().fit(train[["a"]], train["price"])
print(mean_squared_error(test["price"], m.predict(test[["a"]])))
