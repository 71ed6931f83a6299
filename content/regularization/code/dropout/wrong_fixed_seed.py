import torch


def dropout(x, p=0.5, training=True):
    if not training or p == 0:
        return x
    torch.manual_seed(0)  # the same mask on every call
    keep = torch.rand_like(x) >= p
    return x * keep / (1 - p)
