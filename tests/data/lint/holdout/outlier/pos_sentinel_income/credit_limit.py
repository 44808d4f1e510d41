# expect: OUTLIER@9-10
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import cross_val_score, KFold, train_test_split
from sklearn.metrics import mean_absolute_error

apps = pd.read_csv("data/applicants.csv")
apps = apps.fillna(apps.median(numeric_only=True))

apps["start_age"] = apps["age"] - apps["years_employed"]
features = ["age", "income", "years_employed", "existing_debt", "start_age"]
X = apps[features]
y = apps["credit_limit"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=13)

model = make_pipeline(StandardScaler(), Ridge(alpha=1.0))
cv = KFold(n_splits=5, shuffle=True, random_state=13)
mae_cv = -cross_val_score(model, X_train, y_train, cv=cv, scoring="neg_mean_absolute_error")
print("CV MAE: %.1f +/- %.1f" % (mae_cv.mean(), mae_cv.std()))

model.fit(X_train, y_train)
print("test MAE: %.1f" % mean_absolute_error(y_test, model.predict(X_test)))
coefs = dict(zip(features, model[-1].coef_.round(2)))
print(coefs)
