# expect: SCALING_ERROR@19
from pathlib import Path

import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.svm import SVC

HERE = Path(__file__).parent
readings = pd.read_csv(HERE / "data" / "pump_readings.csv")

sensor_cols = ["inlet_pressure_pa", "flow_l_min", "vibration_mm_s", "bearing_temp_c", "current_a"]
X_fit, X_check, y_fit, y_check = train_test_split(
    readings[sensor_cols], readings["fault"], test_size=0.3, stratify=readings["fault"], random_state=4
)

detector = make_pipeline(SimpleImputer(strategy="median"), SVC(kernel="rbf", C=10.0, gamma=0.1))
detector.fit(X_fit, y_fit)
print(classification_report(y_check, detector.predict(X_check), digits=3))
