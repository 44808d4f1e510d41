# expect: NONE
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.linear_model import Ridge
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

students = pd.read_csv("student_performance.csv")
students["study_x_attend"] = students["study_hours"] * students["attendance_pct"]

target = students["final_grade"]
num = students.select_dtypes(include="number").drop(columns=["final_grade", "student_id"])

model = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), Ridge(alpha=1.0))
rmse = -cross_val_score(model, num, target, cv=5, scoring="neg_root_mean_squared_error")
print(f"RMSE: {rmse.mean():.2f} grade points")
