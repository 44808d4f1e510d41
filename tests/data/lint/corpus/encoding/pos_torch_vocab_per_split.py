# expect: ENCODING_ERROR@12
import pandas as pd
import torch
from torch import nn


def build_vocab(values):
    return {v: i for i, v in enumerate(sorted(set(values)))}


def encode(df, col):
    vocab = build_vocab(df[col])
    return torch.tensor(df[col].map(vocab).to_numpy(), dtype=torch.long), len(vocab)


class ProductTower(nn.Module):
    def __init__(self, n_categories, dim=16):
        super().__init__()
        self.emb = nn.Embedding(n_categories + 1, dim)
        self.head = nn.Sequential(nn.Linear(dim, 32), nn.ReLU(), nn.Linear(32, 1))

    def forward(self, idx):
        return self.head(self.emb(idx)).squeeze(-1)


train_df = pd.read_csv("sales_train.csv")
val_df = pd.read_csv("sales_val.csv")
train_idx, n_cat = encode(train_df, "category")
val_idx, _ = encode(val_df, "category")
y_train = torch.tensor(train_df["log_units"].to_numpy(), dtype=torch.float32)
y_val = torch.tensor(val_df["log_units"].to_numpy(), dtype=torch.float32)

net = ProductTower(n_cat)
opt = torch.optim.Adam(net.parameters(), lr=1e-2)
for epoch in range(30):
    opt.zero_grad()
    loss = nn.functional.mse_loss(net(train_idx), y_train)
    loss.backward()
    opt.step()

with torch.no_grad():
    print("val MSE:", nn.functional.mse_loss(net(val_idx), y_val).item())
