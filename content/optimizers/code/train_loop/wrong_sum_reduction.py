import torch
import torch.nn.functional as F


def train(model, xs, ys, lr, steps):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        loss = F.mse_loss(model(xs), ys, reduction="sum")  # the sum, not the mean
        loss.backward()
        optimizer.step()
    return model
