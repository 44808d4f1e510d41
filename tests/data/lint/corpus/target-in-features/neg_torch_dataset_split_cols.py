# expect: NONE
import pandas as pd
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset


class TabularDataset(Dataset):
    def __init__(self, frame: pd.DataFrame, target: str):
        self.x = torch.tensor(frame.drop(columns=[target]).to_numpy(), dtype=torch.float32)
        self.y = torch.tensor(frame[target].to_numpy(), dtype=torch.float32)

    def __len__(self) -> int:
        return len(self.y)

    def __getitem__(self, i):
        return self.x[i], self.y[i]


table = pd.read_csv("power_consumption_numeric.csv")
ds = TabularDataset(table, target="kwh")
dl = DataLoader(ds, batch_size=64, shuffle=True)
net = nn.Sequential(nn.Linear(table.shape[1] - 1, 64), nn.ReLU(), nn.Linear(64, 1))
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
for epoch in range(30):
    for xb, yb in dl:
        opt.zero_grad()
        nn.functional.mse_loss(net(xb).squeeze(1), yb).backward()
        opt.step()
