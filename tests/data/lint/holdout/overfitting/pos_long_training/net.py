"""Small feed-forward regressor for the tabular bioassay data."""
import torch
from torch import nn


class TabularMLP(nn.Module):
    def __init__(self, n_in, hidden=(512, 256, 128), dropout=0.0):
        super().__init__()
        layers, prev = [], n_in
        for h in hidden:
            layers += [nn.Linear(prev, h), nn.ReLU(), nn.Dropout(dropout)]
            prev = h
        layers.append(nn.Linear(prev, 1))
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        return self.body(x).squeeze(-1)


def train(model, X, y, epochs, lr=1e-3, batch_size=32, log_every=100):
    """Plain mini-batch Adam loop; returns the per-epoch training loss history."""
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    ds = torch.utils.data.TensorDataset(X, y)
    loader = torch.utils.data.DataLoader(ds, batch_size=batch_size, shuffle=True)
    history = []
    for epoch in range(epochs):
        model.train()
        total = 0.0
        for xb, yb in loader:
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            total += loss.item() * len(xb)
        history.append(total / len(ds))
        if epoch % log_every == 0:
            print(f"epoch {epoch:5d}  train MSE {history[-1]:.5f}")
    return history
