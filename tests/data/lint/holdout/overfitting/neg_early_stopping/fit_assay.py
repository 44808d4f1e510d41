# expect: NONE
import numpy as np
import pandas as pd
import torch
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from net import TabularMLP, train

assay = pd.read_csv("bioassay_240_compounds.csv")
descriptors = [c for c in assay.columns if c.startswith("desc_")]
X = assay[descriptors].to_numpy(np.float32)
y = assay["pIC50"].to_numpy(np.float32)

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
X_tr, X_va, y_tr, y_va = train_test_split(X_tr, y_tr, test_size=0.2, random_state=1)
scaler = StandardScaler().fit(X_tr)
t = lambda a: torch.from_numpy(np.asarray(a, dtype=np.float32))

torch.manual_seed(0)
model = TabularMLP(n_in=X.shape[1], hidden=(128, 64), dropout=0.2)
best_val = train(model, (t(scaler.transform(X_tr)), t(y_tr)), (t(scaler.transform(X_va)), t(y_va)),
                 max_epochs=2000, patience=50)

model.eval()
with torch.no_grad():
    test_mse = torch.mean((model(t(scaler.transform(X_te))) - t(y_te)) ** 2).item()
print(f"val MSE {best_val:.4f}  test MSE {test_mse:.4f}")
torch.save({"model": model.state_dict(), "mean": scaler.mean_, "scale": scaler.scale_}, "assay_mlp.pt")
