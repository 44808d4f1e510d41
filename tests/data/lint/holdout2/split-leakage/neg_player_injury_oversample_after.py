# expect: NONE
# %% [markdown]
# ## Pre-season screening -> soft-tissue injury in season
# One row per squad player from the academy + first team screening day.

# %%
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import average_precision_score, recall_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.utils import resample

# %%
df = pd.read_csv("screening_2019_2023.csv")
cols = [
    "age", "bmi", "hamstring_ratio", "cmj_height_cm", "sprint_10m_s",
    "prev_injuries", "minutes_last_season", "hip_rom_deg", "sleep_score",
]
df = df.dropna(subset=cols + ["injured"])

# %%
train_df, test_df = train_test_split(df, test_size=0.2, stratify=df["injured"], random_state=5)

majority = train_df[train_df["injured"] == 0]
minority = train_df[train_df["injured"] == 1]
minority_up = resample(minority, replace=True, n_samples=len(majority), random_state=5)
train_bal = pd.concat([majority, minority_up]).sample(frac=1, random_state=5)

# %%
gb = GradientBoostingClassifier(n_estimators=300, max_depth=3, learning_rate=0.05, random_state=5)
gb.fit(train_bal[cols], train_bal["injured"])
proba = gb.predict_proba(test_df[cols])[:, 1]
pred = (proba > 0.5).astype(int)

print("recall :", round(recall_score(test_df["injured"], pred), 3))
print("PR-AUC :", round(average_precision_score(test_df["injured"], proba), 3))
print("ROC-AUC:", round(roc_auc_score(test_df["injured"], proba), 3))
