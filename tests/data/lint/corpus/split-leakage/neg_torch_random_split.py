# expect: NONE
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split

feats = torch.load("embeddings.pt")  # (10000, 128)
labels = torch.load("labels.pt")
full = TensorDataset(feats, labels)
train_ds, val_ds = random_split(full, [9000, 1000], generator=torch.Generator().manual_seed(0))
train_dl = DataLoader(train_ds, batch_size=128, shuffle=True)
val_dl = DataLoader(val_ds, batch_size=512)

net = nn.Sequential(nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
for epoch in range(20):
    net.train()
    for xb, yb in train_dl:
        opt.zero_grad()
        loss_fn(net(xb), yb).backward()
        opt.step()
net.eval()
with torch.no_grad():
    correct = sum((net(xb).argmax(1) == yb).sum().item() for xb, yb in val_dl)
print("val accuracy:", correct / len(val_ds))
