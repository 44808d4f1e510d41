# expect: ENCODING_ERROR@16
"""Predict late deliveries from the shipment log."""
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
from sklearn.preprocessing import LabelEncoder

CAT_COLS = ["carrier", "origin_hub", "service_level", "packaging"]
NUM_COLS = ["weight_kg", "distance_km", "declared_value"]

shipments = pd.read_csv("shipments_2023.csv")
recent = pd.read_csv("shipments_2024_q1.csv")

for frame in (shipments, recent):
    for col in CAT_COLS:
        frame[col] = LabelEncoder().fit_transform(frame[col].astype(str))

features = CAT_COLS + NUM_COLS
clf = RandomForestClassifier(n_estimators=300, min_samples_leaf=3, random_state=7)
clf.fit(shipments[features], shipments["late"])

pred = clf.predict(recent[features])
print("F1 on Q1 2024:", round(f1_score(recent["late"], pred), 3))
