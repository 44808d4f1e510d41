# expect: DATA_LEAKAGE@18
import pandas as pd
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset


class TabularDataset(Dataset):
    def __init__(self, frame: pd.DataFrame, target: str):
        self.frame = frame.reset_index(drop=True)
        self.target = target

    def __len__(self) -> int:
        return len(self.frame)

    def __getitem__(self, i):
        row = self.frame.iloc[i]
        x = torch.tensor(row.values, dtype=torch.float32)
        y = torch.tensor(row[self.target], dtype=torch.float32)
        return x, y


table = pd.read_csv("power_consumption_numeric.csv")
ds = TabularDataset(table, target="kwh")
dl = DataLoader(ds, batch_size=64, shuffle=True)
net = nn.Sequential(nn.Linear(table.shape[1], 64), nn.ReLU(), nn.Linear(64, 1))
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
for epoch in range(30):
    total = 0.0
    for xb, yb in dl:
        opt.zero_grad()
        loss = nn.functional.mse_loss(net(xb).squeeze(1), yb)
        loss.backward()
        opt.step()
        total += loss.item() * len(xb)
    print(epoch, total / len(ds))
