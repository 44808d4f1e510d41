# expect: DATA_LEAKAGE@25-29
# %% [markdown]
# ## Pre-season screening -> soft-tissue injury in season
# One row per squad player from the academy + first team screening day.

# %%
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import f1_score, recall_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.utils import resample

# %%
df = pd.read_csv("screening_2019_2023.csv")
cols = [
    "age", "bmi", "hamstring_ratio", "cmj_height_cm", "sprint_10m_s",
    "prev_injuries", "minutes_last_season", "hip_rom_deg", "sleep_score",
]
df = df.dropna(subset=cols + ["injured"])
df["injured"].value_counts(normalize=True)

# %%
majority = df[df["injured"] == 0]
minority = df[df["injured"] == 1]
minority_up = resample(minority, replace=True, n_samples=len(majority), random_state=5)
balanced = pd.concat([majority, minority_up]).sample(frac=1, random_state=5)
X_train, X_test, y_train, y_test = train_test_split(
    balanced[cols], balanced["injured"], test_size=0.2, stratify=balanced["injured"], random_state=5
)

# %%
gb = GradientBoostingClassifier(n_estimators=300, max_depth=3, learning_rate=0.05, random_state=5)
gb.fit(X_train, y_train)
proba = gb.predict_proba(X_test)[:, 1]
pred = (proba > 0.5).astype(int)

print("recall :", round(recall_score(y_test, pred), 3))
print("F1     :", round(f1_score(y_test, pred), 3))
print("ROC-AUC:", round(roc_auc_score(y_test, proba), 3))
