# expect: NONE
"""Calibrate low-cost PM2.5 sensors against the co-located reference monitor (PyTorch)."""
import copy

import numpy as np
import pandas as pd
import torch
from torch import nn

FEATURES = ["raw_pm25", "raw_pm10", "rh_pct", "temp_c", "dew_point_c", "sensor_age_days"]
torch.manual_seed(0)

pairs = pd.read_csv("colocation_pairs.csv").sort_values("hour_utc")
n = len(pairs)
train, val, test = pairs.iloc[: int(0.7 * n)], pairs.iloc[int(0.7 * n): int(0.85 * n)], pairs.iloc[int(0.85 * n):]
mu, sd = train[FEATURES].mean(), train[FEATURES].std()


def tensors(df):
    X = torch.tensor(((df[FEATURES] - mu) / sd).to_numpy(np.float32))
    y = torch.tensor(df["ref_pm25"].to_numpy(np.float32)).unsqueeze(1)
    return X, y


(X_tr, y_tr), (X_va, y_va), (X_te, y_te) = tensors(train), tensors(val), tensors(test)
net = nn.Sequential(nn.Linear(len(FEATURES), 32), nn.ReLU(), nn.Dropout(0.1), nn.Linear(32, 1))
opt = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=1e-3)
loss_fn = nn.MSELoss()

best_val, best_state, patience, bad = float("inf"), None, 30, 0
for epoch in range(2000):
    net.train()
    perm = torch.randperm(len(X_tr))
    for i in range(0, len(perm), 32):
        idx = perm[i: i + 32]
        opt.zero_grad()
        loss_fn(net(X_tr[idx]), y_tr[idx]).backward()
        opt.step()
    net.eval()
    with torch.no_grad():
        val_loss = loss_fn(net(X_va), y_va).item()
    if val_loss < best_val - 1e-4:
        best_val, best_state, bad = val_loss, copy.deepcopy(net.state_dict()), 0
    else:
        bad += 1
        if bad >= patience:
            print(f"stopped at epoch {epoch}, best val MSE {best_val:.2f}")
            break

net.load_state_dict(best_state)
with torch.no_grad():
    mae = (net(X_te) - y_te).abs().mean().item()
print(f"test MAE (ug/m3): {mae:.2f}")
