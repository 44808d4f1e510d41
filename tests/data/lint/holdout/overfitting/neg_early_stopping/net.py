"""Small feed-forward regressor for the tabular bioassay data."""
import copy

import torch
from torch import nn


class TabularMLP(nn.Module):
    def __init__(self, n_in, hidden=(128, 64), dropout=0.2):
        super().__init__()
        layers, prev = [], n_in
        for h in hidden:
            layers += [nn.Linear(prev, h), nn.ReLU(), nn.Dropout(dropout)]
            prev = h
        layers.append(nn.Linear(prev, 1))
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        return self.body(x).squeeze(-1)


def train(model, train_xy, val_xy, max_epochs=2000, patience=50, lr=1e-3, weight_decay=1e-4, batch_size=32):
    """Adam with weight decay; stops when validation MSE has not improved for `patience` epochs."""
    opt = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=weight_decay)
    loss_fn = nn.MSELoss()
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(*train_xy), batch_size=batch_size, shuffle=True)
    best, best_state, waited = float("inf"), None, 0
    for epoch in range(max_epochs):
        model.train()
        for xb, yb in loader:
            opt.zero_grad()
            loss_fn(model(xb), yb).backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            val_loss = loss_fn(model(val_xy[0]), val_xy[1]).item()
        if val_loss < best - 1e-5:
            best, best_state, waited = val_loss, copy.deepcopy(model.state_dict()), 0
        else:
            waited += 1
            if waited >= patience:
                print(f"early stop at epoch {epoch}, best val MSE {best:.4f}")
                break
    model.load_state_dict(best_state)
    return best
