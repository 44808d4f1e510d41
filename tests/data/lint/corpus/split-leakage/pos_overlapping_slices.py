# expect: DATA_LEAKAGE@11-12
import numpy as np
from sklearn.svm import SVC
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import classification_report

data = np.load("gestures.npy")  # shape (1000, 65): 64 EMG features + label
rng = np.random.default_rng(0)
rng.shuffle(data)

train = data[:800]
test = data[700:]

scaler = StandardScaler().fit(train[:, :-1])
clf = SVC(C=10.0, gamma="scale")
clf.fit(scaler.transform(train[:, :-1]), train[:, -1])
pred = clf.predict(scaler.transform(test[:, :-1]))
print(classification_report(test[:, -1], pred, digits=3))
