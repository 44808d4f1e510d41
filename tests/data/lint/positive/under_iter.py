# expect: UNDERFITTING too-few-iterations
from sklearn.neural_network import MLPClassifier
m = MLPClassifier(hidden_layer_sizes=(64,), max_iter=3)
