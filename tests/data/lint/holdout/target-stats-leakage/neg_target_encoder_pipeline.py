# expect: NONE
import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import TargetEncoder

df = pd.read_csv("employee_access.csv")
y = df.pop("ACTION")
cat_cols = ["RESOURCE", "MGR_ID", "ROLE_ROLLUP_1", "ROLE_ROLLUP_2",
            "ROLE_DEPTNAME", "ROLE_TITLE", "ROLE_FAMILY", "ROLE_CODE"]
X = df[cat_cols].astype(str)

# TargetEncoder.fit_transform uses internal cross fitting, and being inside the
# pipeline it only ever sees the training part of each outer fold.
model = make_pipeline(
    make_column_transformer(
        (TargetEncoder(target_type="binary", smooth="auto", cv=5, random_state=0), cat_cols),
    ),
    HistGradientBoostingClassifier(max_iter=400, learning_rate=0.05,
                                   max_leaf_nodes=31, l2_regularization=1.0),
)

skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=2013)
auc = cross_val_score(model, X, y, cv=skf, scoring="roc_auc")
print("CV AUC per fold:", auc.round(4))
print("mean CV AUC: %.4f" % auc.mean())
