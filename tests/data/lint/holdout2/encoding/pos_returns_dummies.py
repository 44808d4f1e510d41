# expect: ENCODING_ERROR@19-20
# %% [markdown]
# # Return propensity - apparel, autumn catalogue
# train = Sep-Oct orders, test = November orders (already split by the BI export)

# %%
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.preprocessing import StandardScaler

# %%
train = pd.read_csv("returns_train_sep_oct.csv")
test = pd.read_csv("returns_test_nov.csv")
cat_cols = ["category", "size_label", "colour_family", "payment_method"]
num_cols = ["price", "discount_pct", "n_items", "customer_prior_returns"]

# %%
X_train = pd.get_dummies(train[cat_cols + num_cols], columns=cat_cols).to_numpy(dtype=float)
X_test = pd.get_dummies(test[cat_cols + num_cols], columns=cat_cols).to_numpy(dtype=float)
y_train, y_test = train["returned"], test["returned"]
print(X_train.shape, X_test.shape)

# %%
scaler = StandardScaler().fit(X_train)
clf = LogisticRegression(C=0.5, max_iter=3000)
clf.fit(scaler.transform(X_train), y_train)
p = clf.predict_proba(scaler.transform(X_test))[:, 1]
print("ROC-AUC:", round(roc_auc_score(y_test, p), 3))
print("PR-AUC :", round(average_precision_score(y_test, p), 3))
