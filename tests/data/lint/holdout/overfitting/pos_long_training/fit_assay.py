# expect: OVERFITTING@17
import numpy as np
import pandas as pd
import torch
from sklearn.preprocessing import StandardScaler

from net import TabularMLP, train

assay = pd.read_csv("bioassay_240_compounds.csv")
descriptors = [c for c in assay.columns if c.startswith("desc_")]
X = StandardScaler().fit_transform(assay[descriptors].to_numpy(np.float32))
y = assay["pIC50"].to_numpy(np.float32)
print("compounds:", X.shape[0], "descriptors:", X.shape[1])

torch.manual_seed(0)
model = TabularMLP(n_in=X.shape[1], hidden=(512, 256, 128), dropout=0.0)
history = train(model, torch.from_numpy(X), torch.from_numpy(y), epochs=5000, lr=1e-3)

print("final training MSE:", round(history[-1], 6))
torch.save(model.state_dict(), "assay_mlp.pt")

model.eval()
with torch.no_grad():
    preds = model(torch.from_numpy(X)).numpy()
pd.DataFrame({"compound": assay["compound_id"], "pIC50_pred": preds}).to_csv("assay_preds.csv", index=False)
