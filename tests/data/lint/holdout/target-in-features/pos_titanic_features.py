# expect: DATA_LEAKAGE@21
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score

train = pd.read_csv("../input/titanic/train.csv")

train["Title"] = train["Name"].str.extract(r",\s*([^\.]+)\.", expand=False)
train["Title"] = train["Title"].replace(["Mlle", "Ms"], "Miss").replace("Mme", "Mrs")
rare = train["Title"].value_counts()[lambda s: s < 10].index
train["Title"] = train["Title"].where(~train["Title"].isin(rare), "Rare")

train["FamilySize"] = train["SibSp"] + train["Parch"] + 1
train["IsAlone"] = (train["FamilySize"] == 1).astype(int)
train["Age"] = train.groupby("Title")["Age"].transform(lambda s: s.fillna(s.median()))
train["Fare"] = train["Fare"].fillna(train["Fare"].median())
train["Embarked"] = train["Embarked"].fillna("S")
train["HasCabin"] = train["Cabin"].notna().astype(int)

data = pd.get_dummies(train, columns=["Sex", "Embarked", "Title"], drop_first=True)
X = data.drop(columns=["PassengerId", "Name", "Ticket", "Cabin"])
y = data["Survived"]

rf = RandomForestClassifier(n_estimators=500, max_depth=7, min_samples_leaf=2, random_state=1)
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=1)
scores = cross_val_score(rf, X, y, cv=cv, scoring="accuracy")
print("CV accuracy: %.4f +/- %.4f" % (scores.mean(), scores.std()))

rf.fit(X, y)
importances = pd.Series(rf.feature_importances_, index=X.columns).sort_values(ascending=False)
print(importances.head(10))
