import torch


def relu(x):
    return torch.max(x, 0)  # the max along dim 0, not max(x, 0) elementwise
