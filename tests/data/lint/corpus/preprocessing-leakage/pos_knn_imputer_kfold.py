# expect: DATA_LEAKAGE@11
import numpy as np
import pandas as pd
from sklearn.impute import KNNImputer
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold
from sklearn.metrics import r2_score

soil = pd.read_csv("soil_samples.csv")
cols = ["ph", "organic_c", "clay", "silt", "sand", "cec", "n_total"]
filled = KNNImputer(n_neighbors=5).fit_transform(soil[cols])
target = soil["yield"].to_numpy()

kf = KFold(n_splits=5, shuffle=True, random_state=13)
scores = []
for a, b in kf.split(filled):
    model = Ridge(alpha=0.5).fit(filled[a], target[a])
    scores.append(r2_score(target[b], model.predict(filled[b])))
print("R2 by fold:", np.round(scores, 3))
print("mean R2:", np.mean(scores))
