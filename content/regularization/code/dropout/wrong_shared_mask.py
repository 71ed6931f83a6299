import torch


def dropout(x, p=0.5, training=True):
    if not training or p == 0:
        return x
    keep = torch.rand(x.shape[-1]) >= p  # one mask for the last axis, shared by every row
    return x * keep / (1 - p)
