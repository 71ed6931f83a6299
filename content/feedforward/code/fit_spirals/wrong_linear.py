import torch
import torch.nn.functional as F
from torch import nn


def fit_spirals(x, y):
    torch.manual_seed(0)
    model = nn.Linear(2, 2)  # no hidden layer: a straight boundary cannot follow a spiral
    optimizer = torch.optim.Adam(model.parameters(), lr=0.03)
    for _ in range(300):  # full batch: 400 points
        optimizer.zero_grad()
        F.cross_entropy(model(x), y).backward()
        optimizer.step()
    return model
