# expect: clean (no finding at or above 0.5)
from sklearn.tree import DecisionTreeClassifier
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.ensemble import RandomForestClassifier, GradientBoostingRegressor
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import PolynomialFeatures, StandardScaler
from sklearn.pipeline import make_pipeline
from sklearn.neighbors import KNeighborsClassifier

tree = DecisionTreeClassifier(max_depth=4, min_samples_leaf=5)
logreg = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000))
ridge = Ridge(alpha=1.0)
forest = RandomForestClassifier(n_estimators=300, random_state=0)
gbr = GradientBoostingRegressor(n_estimators=200, max_depth=3, learning_rate=0.05)
mlp = make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(64, 32), early_stopping=True))
poly = make_pipeline(PolynomialFeatures(degree=2), StandardScaler(), Ridge(alpha=1.0))
knn = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=15))
