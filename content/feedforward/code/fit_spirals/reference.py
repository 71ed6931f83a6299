import torch
import torch.nn.functional as F
from torch import nn


def fit_spirals(x, y):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 32), nn.Tanh(), nn.Linear(32, 32), nn.Tanh(),
                          nn.Linear(32, 2))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.03)
    for _ in range(300):  # full batch: 400 points, well under a second of CPU
        optimizer.zero_grad()
        F.cross_entropy(model(x), y).backward()
        optimizer.step()
    return model
