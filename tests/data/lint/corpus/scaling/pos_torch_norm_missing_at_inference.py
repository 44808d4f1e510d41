# expect: SCALING_ERROR@29
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

train_np = np.load("battery_train.npy")
eval_np = np.load("battery_eval.npy")
X_train, y_train = train_np[:, :-1], train_np[:, -1]
X_eval, y_eval = eval_np[:, :-1], eval_np[:, -1]

mean, std = X_train.mean(axis=0), X_train.std(axis=0) + 1e-8
X_train_n = (X_train - mean) / std

ds = TensorDataset(torch.tensor(X_train_n, dtype=torch.float32), torch.tensor(y_train, dtype=torch.float32))
loader = DataLoader(ds, batch_size=64, shuffle=True)

model = nn.Sequential(nn.Linear(X_train.shape[1], 64), nn.ReLU(), nn.Linear(64, 1))
opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
for epoch in range(40):
    for xb, yb in loader:
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(xb).squeeze(-1), yb)
        loss.backward()
        opt.step()

model.eval()
with torch.no_grad():
    pred = model(torch.tensor(X_eval, dtype=torch.float32)).squeeze(-1).numpy()
print("eval RMSE (cycles):", float(np.sqrt(np.mean((pred - y_eval) ** 2))))
