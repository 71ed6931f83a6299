import torch


def dropout(x, p=0.5, training=True):
    if not training or p == 0:
        return x
    keep = torch.rand_like(x) < p  # keeps with probability p: p is the drop rate
    return x * keep / (1 - p)
