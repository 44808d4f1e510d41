# expect: NONE
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OrdinalEncoder

bookings = pd.read_csv("hotel_bookings.csv")
y = bookings.pop("is_canceled")

nominal = ["hotel", "market_segment", "distribution_channel", "country", "room_type"]
numeric = ["lead_time", "adr", "stays_weekend", "stays_week", "previous_cancellations"]

prep = ColumnTransformer(
    [("cat", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1,
                            encoded_missing_value=-1), nominal)],
    remainder="passthrough",
    verbose_feature_names_out=False,
)
model = Pipeline([
    ("prep", prep),
    ("hgb", HistGradientBoostingClassifier(categorical_features=list(range(len(nominal))),
                                           max_iter=300, learning_rate=0.06)),
])

X_tr, X_te, y_tr, y_te = train_test_split(bookings[nominal + numeric], y, test_size=0.2,
                                          stratify=y, random_state=1)
model.fit(X_tr, y_tr)
print("AUC:", roc_auc_score(y_te, model.predict_proba(X_te)[:, 1]))
