# expect: DATA_LEAKAGE@14
import pandas as pd
import category_encoders as ce
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score

df = pd.read_csv("employee_access.csv")
y = df.pop("ACTION")
cat_cols = ["RESOURCE", "MGR_ID", "ROLE_ROLLUP_1", "ROLE_ROLLUP_2",
            "ROLE_DEPTNAME", "ROLE_TITLE", "ROLE_FAMILY", "ROLE_CODE"]
df[cat_cols] = df[cat_cols].astype(str)

encoder = ce.TargetEncoder(cols=cat_cols, smoothing=5.0, min_samples_leaf=10)
X = encoder.fit_transform(df[cat_cols], y)

counts = df[cat_cols].apply(lambda s: s.map(s.value_counts()))
counts.columns = [c + "_cnt" for c in cat_cols]
X = pd.concat([X, counts], axis=1)

clf = HistGradientBoostingClassifier(max_iter=400, learning_rate=0.05,
                                     max_leaf_nodes=31, l2_regularization=1.0)
skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=2013)
auc = cross_val_score(clf, X, y, cv=skf, scoring="roc_auc")
print("CV AUC per fold:", auc.round(4))
print("mean CV AUC: %.4f" % auc.mean())
