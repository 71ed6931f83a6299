import torch


def relu(x):
    return torch.where(x >= 0, x, torch.zeros_like(x))  # slope 1 at x = 0; torch.relu's is 0
