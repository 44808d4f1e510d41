# expect: DATA_LEAKAGE@23-25
import copy

import torch
from torch import nn

Xtr, ytr = torch.load("train_tensors.pt")
Xte, yte = torch.load("test_tensors.pt")

model = nn.Sequential(nn.Linear(Xtr.shape[1], 128), nn.ReLU(), nn.Dropout(0.2), nn.Linear(128, 2))
opt = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=1e-2)
loss_fn = nn.CrossEntropyLoss()

best_acc, best_state = 0.0, None
for epoch in range(200):
    model.train()
    for idx in torch.randperm(len(Xtr)).split(256):
        opt.zero_grad()
        loss_fn(model(Xtr[idx]), ytr[idx]).backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        acc = (model(Xte).argmax(1) == yte).float().mean().item()
    if acc > best_acc:
        best_acc, best_state = acc, copy.deepcopy(model.state_dict())

model.load_state_dict(best_state)
print(f"test accuracy: {best_acc:.4f}")
