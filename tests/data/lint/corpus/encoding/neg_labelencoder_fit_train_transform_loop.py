# expect: NONE
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
from sklearn.preprocessing import LabelEncoder

CAT_COLS = ["carrier", "origin_hub", "service_level", "packaging"]
NUM_COLS = ["weight_kg", "distance_km", "declared_value"]

shipments = pd.read_csv("shipments_2023.csv")
recent = pd.read_csv("shipments_2024_q1.csv")

encoders = {}
for col in CAT_COLS:
    le = LabelEncoder().fit(shipments[col].astype(str).tolist() + ["<unk>"])
    encoders[col] = le

for frame in (shipments, recent):
    for col, le in encoders.items():
        known = set(le.classes_)
        values = frame[col].astype(str).where(frame[col].astype(str).isin(known), "<unk>")
        frame[col] = le.transform(values)

features = CAT_COLS + NUM_COLS
clf = RandomForestClassifier(n_estimators=300, min_samples_leaf=3, random_state=7)
clf.fit(shipments[features], shipments["late"])
print("F1 on Q1 2024:", round(f1_score(recent["late"], clf.predict(recent[features])), 3))
