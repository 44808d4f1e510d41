# expect: DATA_LEAKAGE@11-12
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score

orders = pd.read_csv("data/orders.csv", parse_dates=["order_date"])
orders["weekday"] = orders["order_date"].dt.dayofweek
orders["basket_per_item"] = orders["basket_value"] / orders["n_items"]

cols = ["basket_value", "n_items", "basket_per_item", "weekday", "customer_tenure_days"]
first_half = orders[orders["order_date"] <= "2023-07-31"]
second_half = orders[orders["order_date"] >= "2023-07-01"]

rf = RandomForestClassifier(n_estimators=300, class_weight="balanced", random_state=5)
rf.fit(first_half[cols], first_half["returned"])
print("F1 on H2:", f1_score(second_half["returned"], rf.predict(second_half[cols])))
print("rows:", len(first_half), len(second_half))
