# expect: NONE
import numpy as np
import pandas as pd
import torch
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split
from torch import nn

flows = pd.read_csv("flows.csv")
X = np.log1p(flows[["bytes_out", "packets", "duration_s"]].to_numpy())
X = np.hstack([X, flows[["dst_port_entropy"]].to_numpy()]).astype(np.float32)
y = (flows["label"] == "intrusion").to_numpy().astype(np.float32)

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)
mu, sd = X_tr.mean(0), X_tr.std(0)
xtr, xte = torch.tensor((X_tr - mu) / sd), torch.tensor((X_te - mu) / sd)

pos_weight = torch.tensor([(y_tr == 0).sum() / max((y_tr == 1).sum(), 1)])
net = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 1))
loss_fn = nn.BCEWithLogitsLoss(pos_weight=pos_weight)
opt = torch.optim.Adam(net.parameters(), lr=1e-2)
for epoch in range(200):
    opt.zero_grad()
    loss = loss_fn(net(xtr).squeeze(1), torch.tensor(y_tr))
    loss.backward()
    opt.step()

with torch.no_grad():
    scores = torch.sigmoid(net(xte).squeeze(1)).numpy()
print("test average precision:", average_precision_score(y_te, scores))
