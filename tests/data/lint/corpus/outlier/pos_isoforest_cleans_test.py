# expect: OUTLIER@13-14
import pandas as pd
from sklearn.ensemble import IsolationForest, RandomForestRegressor
from sklearn.metrics import r2_score

feats = ["rpm", "torque_nm", "coolant_c", "intake_kpa", "lambda"]
bench_runs = pd.read_csv("dyno_runs_train.csv")
field_runs = pd.read_csv("dyno_runs_field.csv")

iso_train = IsolationForest(contamination=0.03, random_state=1).fit(bench_runs[feats])
bench_runs = bench_runs[iso_train.predict(bench_runs[feats]) == 1]

iso_field = IsolationForest(contamination=0.03, random_state=1).fit(field_runs[feats])
field_runs = field_runs[iso_field.predict(field_runs[feats]) == 1]

rf = RandomForestRegressor(n_estimators=300, min_samples_leaf=3, random_state=1)
rf.fit(bench_runs[feats], bench_runs["fuel_g_s"])
print("field R2:", r2_score(field_runs["fuel_g_s"], rf.predict(field_runs[feats])))
