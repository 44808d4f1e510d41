# expect: NONE
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler, TargetEncoder

salaries = pd.read_csv("job_postings.csv")
cats = ["company", "title", "location", "industry"]
nums = ["years_exp", "remote"]
y = np.log(salaries["salary"])

pre = ColumnTransformer([
    ("te", TargetEncoder(target_type="continuous", random_state=0), cats),
    ("num", StandardScaler(), nums),
])
model = Pipeline([("pre", pre), ("ridge", Ridge(alpha=1.0))])
cv = KFold(n_splits=5, shuffle=True, random_state=0)
r2 = cross_val_score(model, salaries[cats + nums], y, cv=cv, scoring="r2")
print("CV R2: %.3f" % r2.mean())
