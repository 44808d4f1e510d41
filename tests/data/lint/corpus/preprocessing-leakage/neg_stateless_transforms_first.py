# expect: NONE
import numpy as np
import pandas as pd
from sklearn.linear_model import RidgeCV
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, PolynomialFeatures, StandardScaler

plants = pd.read_csv("power_plant.csv")
raw = plants[["AT", "V", "AP", "RH"]]
y = plants["PE"]

log_tf = FunctionTransformer(np.log1p)
poly = PolynomialFeatures(degree=2, include_bias=False)
expanded = poly.fit_transform(log_tf.fit_transform(raw))

e_tr, e_te, y_tr, y_te = train_test_split(expanded, y, test_size=0.2, random_state=6)
model = make_pipeline(StandardScaler(), RidgeCV(alphas=np.logspace(-3, 3, 13)))
model.fit(e_tr, y_tr)
print("test R2:", round(model.score(e_te, y_te), 4))
print("n features:", poly.n_output_features_)
