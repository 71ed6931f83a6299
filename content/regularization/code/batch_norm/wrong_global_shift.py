import torch


def batch_norm(x, weight, bias, eps=1e-5):
    c = x - x.mean()  # one shift for the whole tensor, then one-pass variance per feature:
    mean = c.mean(dim=0, keepdim=True)  # features far from the global mean cancel catastrophically
    var = (c * c).mean(dim=0, keepdim=True) - mean ** 2
    return (c - mean) / torch.sqrt(var + eps) * weight + bias
