# expect: OVERFITTING@12
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split

data = torch.load("gestures.pt")  # dict with "x" (N, 6, 50) and "y" (N,)
full = TensorDataset(data["x"], data["y"])
n_train = int(0.8 * len(full))
train_set, val_set = random_split(full, [n_train, len(full) - n_train], generator=torch.Generator().manual_seed(0))

train_loader = DataLoader(train_set, batch_size=32, shuffle=True)
val_loader = DataLoader(train_set, batch_size=128)

model = nn.Sequential(nn.Conv1d(6, 32, 5), nn.ReLU(), nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(32, 8))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(60):
    model.train()
    for xb, yb in train_loader:
        opt.zero_grad()
        nn.functional.cross_entropy(model(xb), yb).backward()
        opt.step()

model.eval()
correct = total = 0
with torch.no_grad():
    for xb, yb in val_loader:
        correct += (model(xb).argmax(1) == yb).sum().item()
        total += len(yb)
print(f"validation accuracy: {correct / total:.3f}")
