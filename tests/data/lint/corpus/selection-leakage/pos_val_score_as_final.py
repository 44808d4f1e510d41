# expect: DATA_LEAKAGE@21
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import f1_score

df = pd.read_csv("support_tickets_features.csv")
X, y = df.drop(columns=["escalated"]), df["escalated"]
X_fit, X_val, y_fit, y_val = train_test_split(X, y, test_size=0.2, stratify=y, random_state=3)

best = (None, -1.0)
for depth in (2, 3, 4, 5):
    for lr in (0.03, 0.1, 0.3):
        m = GradientBoostingClassifier(max_depth=depth, learning_rate=lr, n_estimators=300, random_state=3)
        m.fit(X_fit, y_fit)
        f1 = f1_score(y_val, m.predict(X_val))
        if f1 > best[1]:
            best = ((depth, lr), f1)

print("chosen:", best[0])
print(f"FINAL F1 = {best[1]:.3f}")
