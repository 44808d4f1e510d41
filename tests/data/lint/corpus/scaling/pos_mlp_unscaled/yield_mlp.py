# expect: SCALING_ERROR@14-15
import pandas as pd
from sklearn.metrics import r2_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPRegressor


def load(path="data/plots.csv"):
    plots = pd.read_csv(path)
    return plots.drop(columns="yield_t_ha"), plots["yield_t_ha"]


def fit_model(X, y):
    net = MLPRegressor(hidden_layer_sizes=(32, 16), alpha=1e-3, max_iter=2000,
                       early_stopping=True, random_state=0)
    return net.fit(X, y)


if __name__ == "__main__":
    X, y = load()
    X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.2, random_state=12)
    net = fit_model(X_a, y_a)
    print("R2 on held-out plots:", round(r2_score(y_b, net.predict(X_b)), 3))
