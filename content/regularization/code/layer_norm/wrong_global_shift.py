import torch


def layer_norm(x, weight, bias, eps=1e-5):
    c = x - x.mean()  # one shift for the whole tensor, then one-pass variance per row:
    mean = c.mean(dim=-1, keepdim=True)  # rows far from the global mean cancel catastrophically
    var = (c * c).mean(dim=-1, keepdim=True) - mean ** 2
    return (c - mean) / torch.sqrt(var + eps) * weight + bias
