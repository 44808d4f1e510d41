# expect: NONE
import copy

import torch
from torch import nn

Xtr, ytr = torch.load("train_tensors.pt")
Xte, yte = torch.load("test_tensors.pt")
n_val = len(Xtr) // 10
Xva, yva, Xfit, yfit = Xtr[:n_val], ytr[:n_val], Xtr[n_val:], ytr[n_val:]

model = nn.Sequential(nn.Linear(Xtr.shape[1], 128), nn.ReLU(), nn.Dropout(0.2), nn.Linear(128, 2))
opt = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=1e-2)
loss_fn = nn.CrossEntropyLoss()

best_loss, best_state, patience = float("inf"), None, 0
for epoch in range(200):
    model.train()
    for idx in torch.randperm(len(Xfit)).split(256):
        opt.zero_grad()
        loss_fn(model(Xfit[idx]), yfit[idx]).backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        val_loss = loss_fn(model(Xva), yva).item()
    if val_loss < best_loss:
        best_loss, best_state, patience = val_loss, copy.deepcopy(model.state_dict()), 0
    elif (patience := patience + 1) >= 10:
        break

model.load_state_dict(best_state)
with torch.no_grad():
    print("test accuracy:", (model(Xte).argmax(1) == yte).float().mean().item())
