# expect: OVERFITTING high-degree-poly
from sklearn.preprocessing import PolynomialFeatures
from sklearn.linear_model import LinearRegression
from sklearn.pipeline import make_pipeline
m = make_pipeline(PolynomialFeatures(degree=15), LinearRegression())
