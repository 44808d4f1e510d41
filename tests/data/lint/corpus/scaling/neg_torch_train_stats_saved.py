# expect: NONE
import numpy as np
import torch
from torch import nn

train_np = np.load("battery_train.npy")
eval_np = np.load("battery_eval.npy")
X_train, y_train = train_np[:, :-1], train_np[:, -1]
X_eval, y_eval = eval_np[:, :-1], eval_np[:, -1]


class Standardize(nn.Module):
    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.tensor(std, dtype=torch.float32))

    def forward(self, x):
        return (x - self.mean) / self.std


norm = Standardize(X_train.mean(axis=0), X_train.std(axis=0) + 1e-8)
model = nn.Sequential(norm, nn.Linear(X_train.shape[1], 64), nn.ReLU(), nn.Linear(64, 1))
opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
xt = torch.tensor(X_train, dtype=torch.float32)
yt = torch.tensor(y_train, dtype=torch.float32)
for step in range(2000):
    idx = torch.randint(0, len(xt), (64,))
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(xt[idx]).squeeze(-1), yt[idx])
    loss.backward()
    opt.step()

model.eval()
with torch.no_grad():
    pred = model(torch.tensor(X_eval, dtype=torch.float32)).squeeze(-1).numpy()
print("eval RMSE (cycles):", float(np.sqrt(np.mean((pred - y_eval) ** 2))))
torch.save(model.state_dict(), "battery_mlp.pt")
