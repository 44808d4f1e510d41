# expect: NONE
import pandas as pd
from sklearn.ensemble import IsolationForest, RandomForestRegressor
from sklearn.metrics import r2_score

feats = ["rpm", "torque_nm", "coolant_c", "intake_kpa", "lambda"]
bench_runs = pd.read_csv("dyno_runs_train.csv")
field_runs = pd.read_csv("dyno_runs_field.csv")

iso = IsolationForest(contamination=0.03, random_state=1).fit(bench_runs[feats])
keep = iso.predict(bench_runs[feats]) == 1
print(f"dropping {int((~keep).sum())} bench runs flagged as sensor faults")
bench_runs = bench_runs[keep]

rf = RandomForestRegressor(n_estimators=300, min_samples_leaf=3, random_state=1)
rf.fit(bench_runs[feats], bench_runs["fuel_g_s"])
print("field R2:", r2_score(field_runs["fuel_g_s"], rf.predict(field_runs[feats])))
