# expect: ENCODING_ERROR@18
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OrdinalEncoder, StandardScaler
from sklearn.svm import SVC

cars = pd.read_csv("used_cars.csv")
X = cars.drop(columns=["price_band"])
y = cars["price_band"]

nominal = ["make", "body_style", "colour", "fuel_type", "seller_country"]
numeric = ["mileage_km", "engine_cc", "age_years", "owners"]

prep = ColumnTransformer([
    ("cat", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1), nominal),
    ("num", StandardScaler(), numeric),
])
svm = Pipeline([("prep", prep), ("svc", SVC(C=3.0, gamma="scale"))])

X_fit, X_eval, y_fit, y_eval = train_test_split(X, y, test_size=0.2, stratify=y, random_state=21)
svm.fit(X_fit, y_fit)
print("balanced accuracy:", balanced_accuracy_score(y_eval, svm.predict(X_eval)))
