# expect: OVERFITTING@16
import pandas as pd
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

wells = pd.read_csv("well_logs.csv")
logs = ["gamma_ray", "resistivity", "neutron_porosity", "bulk_density", "sonic_dt"]
X_tr, X_te, y_tr, y_te = train_test_split(wells[logs], wells["lithology"], test_size=0.3,
                                          stratify=wells["lithology"], random_state=3)

model = Pipeline([
    ("scale", StandardScaler()),
    ("svc", SVC(kernel="rbf", C=1e5, gamma=50.0)),
])
model.fit(X_tr, y_tr)
print("balanced accuracy:", balanced_accuracy_score(y_te, model.predict(X_te)))
