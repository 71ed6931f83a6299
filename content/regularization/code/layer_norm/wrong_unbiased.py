import torch


def layer_norm(x, weight, bias, eps=1e-5):
    mean = x.mean(dim=-1, keepdim=True)
    var = x.var(dim=-1, keepdim=True)  # unbiased by default: divides by D - 1
    return (x - mean) / torch.sqrt(var + eps) * weight + bias
