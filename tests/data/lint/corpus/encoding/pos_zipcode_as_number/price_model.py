# expect: ENCODING_ERROR@10
"""Baseline asking-price model for the listings feed."""
import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split

listings = pd.read_csv("data/listings.csv")

features = ["zipcode", "sqft", "bedrooms", "year_built"]
X = listings[features]
y = listings["price"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=5)

reg = LinearRegression()
reg.fit(X_train, y_train)
pred = reg.predict(X_test)

print(f"MAE: {mean_absolute_error(y_test, pred):,.0f}")
print(f"R2:  {r2_score(y_test, pred):.3f}")
for name, coef in zip(features, reg.coef_):
    print(f"{name:>12}: {coef:,.1f}")
