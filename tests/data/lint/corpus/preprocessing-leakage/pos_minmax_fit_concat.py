# expect: DATA_LEAKAGE@12
import pandas as pd
from sklearn.neural_network import MLPRegressor
from sklearn.preprocessing import MinMaxScaler
from sklearn.metrics import mean_absolute_error

train = pd.read_csv("concrete_train.csv")
test = pd.read_csv("concrete_test.csv")
cols = ["cement", "slag", "ash", "water", "superplastic", "coarse_agg", "fine_agg", "age"]

mm = MinMaxScaler()
mm.fit(pd.concat([train[cols], test[cols]]))
tr_x, te_x = mm.transform(train[cols]), mm.transform(test[cols])

mlp = MLPRegressor(hidden_layer_sizes=(64, 32), alpha=1e-3, max_iter=3000, random_state=3)
mlp.fit(tr_x, train["strength"])
print("MAE MPa:", mean_absolute_error(test["strength"], mlp.predict(te_x)))
