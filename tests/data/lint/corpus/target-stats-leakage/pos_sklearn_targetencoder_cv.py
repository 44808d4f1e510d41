# expect: DATA_LEAKAGE@13
import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold, cross_val_score
from sklearn.preprocessing import TargetEncoder

salaries = pd.read_csv("job_postings.csv")
cats = ["company", "title", "location", "industry"]
y = np.log(salaries["salary"])

te = TargetEncoder(target_type="continuous", smooth="auto", random_state=0)
encoded = te.fit_transform(salaries[cats], y)
X = np.hstack([encoded, salaries[["years_exp", "remote"]].to_numpy()])

cv = KFold(n_splits=5, shuffle=True, random_state=0)
r2 = cross_val_score(Ridge(alpha=1.0), X, y, cv=cv, scoring="r2")
print("CV R2: %.3f" % r2.mean())
