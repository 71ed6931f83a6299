import torch
import torch.nn.functional as F


def train(model, xs, ys, lr, steps):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()  # backward() adds to .grad: clear it first
        loss = F.mse_loss(model(xs), ys)
        loss.backward()
        optimizer.step()
    return model
