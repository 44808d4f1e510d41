# expect: ENCODING_ERROR@16
# In[1]:
import pandas as pd
import lightgbm as lgb
from sklearn.metrics import roc_auc_score

# In[2]:
df_a = pd.read_csv("leads_jan_jun.csv")
df_b = pd.read_csv("leads_jul_aug.csv")
df_a.head()

# In[3]:
cats = ["lead_source", "industry", "company_size", "country"]
for c in cats:
    df_a[c] = df_a[c].astype("category").cat.codes
    df_b[c] = df_b[c].astype("category").cat.codes

# In[4]:
feats = cats + ["pages_viewed", "emails_opened", "days_since_signup"]
booster = lgb.LGBMClassifier(n_estimators=400, learning_rate=0.03, num_leaves=31)
booster.fit(df_a[feats], df_a["converted"])

# In[5]:
print(roc_auc_score(df_b["converted"], booster.predict_proba(df_b[feats])[:, 1]))
