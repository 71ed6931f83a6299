import torch


def dropout(x, p=0.5, training=True):
    if not training or p == 0:
        return x
    keep = torch.rand_like(x) >= p  # kept with probability 1 - p
    return x * keep / (1 - p)
