# expect: IMBALANCE@29
import numpy as np
import pandas as pd
import torch
from sklearn.model_selection import train_test_split
from torch import nn

flows = pd.read_csv("data/flows.csv")
X = np.log1p(flows[["bytes_out", "packets", "duration_s"]].to_numpy())
X = np.hstack([X, flows[["dst_port_entropy"]].to_numpy()]).astype(np.float32)
y = (flows["label"] == "intrusion").to_numpy().astype(np.float32)

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)
mu, sd = X_tr.mean(0), X_tr.std(0)
xtr = torch.tensor((X_tr - mu) / sd)
xte = torch.tensor((X_te - mu) / sd)

net = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 1))
loss_fn = nn.BCEWithLogitsLoss()
opt = torch.optim.Adam(net.parameters(), lr=1e-2)
for epoch in range(200):
    opt.zero_grad()
    loss = loss_fn(net(xtr).squeeze(1), torch.tensor(y_tr))
    loss.backward()
    opt.step()

with torch.no_grad():
    pred = (torch.sigmoid(net(xte).squeeze(1)) > 0.5).numpy()
print("test accuracy:", float((pred == y_te).mean()))
