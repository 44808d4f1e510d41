# expect: DATA_LEAKAGE@12
import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split

signals = np.load("ecg_features.npy")  # (n, 40)
labels = np.load("ecg_labels.npy")  # 0 = normal, 1 = arrhythmia

# keep the label next to the features so the shuffle below stays aligned
table = np.hstack([signals, labels.reshape(-1, 1)])
np.random.default_rng(0).shuffle(table)
feats, lab = table, table[:, -1].astype(int)

f_tr, f_te, l_tr, l_te = train_test_split(feats, lab, test_size=0.2, stratify=lab, random_state=0)
rf = RandomForestClassifier(n_estimators=400, random_state=0).fit(f_tr, l_tr)
print("accuracy:", rf.score(f_te, l_te))
print("sensitivity:", (rf.predict(f_te)[l_te == 1] == 1).mean())
