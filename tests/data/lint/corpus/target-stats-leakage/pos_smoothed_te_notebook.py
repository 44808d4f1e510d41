# expect: DATA_LEAKAGE@13-14
# %% imports
import pandas as pd
from catboost import CatBoostClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

# %% load
emp = pd.read_csv("hr_attrition.csv")
emp.head()

# %% encode department / role with smoothed attrition rate
global_rate = emp["Attrition"].mean()
agg = emp.groupby(["Department", "JobRole"])["Attrition"].agg(["sum", "count"]).reset_index()
agg["dept_role_rate"] = (agg["sum"] + 5 * global_rate) / (agg["count"] + 5)
emp = emp.merge(agg[["Department", "JobRole", "dept_role_rate"]], on=["Department", "JobRole"])

# %% model
cols = ["Age", "MonthlyIncome", "YearsAtCompany", "OverTime_flag", "dept_role_rate"]
emp["OverTime_flag"] = (emp["OverTime"] == "Yes").astype(int)
e_tr, e_te = train_test_split(emp, test_size=0.2, stratify=emp["Attrition"], random_state=0)
cb = CatBoostClassifier(iterations=500, depth=4, verbose=0).fit(e_tr[cols], e_tr["Attrition"])
print("AUC", roc_auc_score(e_te["Attrition"], cb.predict_proba(e_te[cols])[:, 1]))
