# expect: NONE
import numpy as np
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import cross_val_score, KFold, train_test_split
from sklearn.metrics import mean_absolute_error

apps = pd.read_csv("data/applicants.csv", na_values=[-999, "-999"])
print(apps.isna().mean().round(3))

features = ["age", "income", "years_employed", "existing_debt"]
X = apps[features].copy()
X["income_missing"] = X["income"].isna().astype(int)
y = apps["credit_limit"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=13)

model = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), Ridge(alpha=1.0))
cv = KFold(n_splits=5, shuffle=True, random_state=13)
mae_cv = -cross_val_score(model, X_train, y_train, cv=cv, scoring="neg_mean_absolute_error")
print("CV MAE: %.1f +/- %.1f" % (mae_cv.mean(), mae_cv.std()))

model.fit(X_train, y_train)
print("test MAE: %.1f" % mean_absolute_error(y_test, model.predict(X_test)))
coefs = dict(zip(X.columns, np.round(model[-1].coef_, 2)))
print(coefs)
