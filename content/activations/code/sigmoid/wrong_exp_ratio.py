import torch


def sigmoid(x):
    return torch.exp(x) / (1 + torch.exp(x))  # inf / inf = nan for large x
