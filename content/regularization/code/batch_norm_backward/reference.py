import torch


def batch_norm_backward(x, weight, grad_out, eps=1e-5):
    mean = x.mean(dim=0)
    var = ((x - mean) ** 2).mean(dim=0)  # biased, as the forward pass uses
    inv_std = 1 / torch.sqrt(var + eps)
    xhat = (x - mean) * inv_std

    grad_weight = (grad_out * xhat).sum(dim=0)
    grad_bias = grad_out.sum(dim=0)
    g = grad_out * weight  # dL/dxhat
    # every x_i moves the batch mean and variance, hence every xhat_j:
    # dL/dx_i = (g_i - mean_j g_j - xhat_i * mean_j(g_j xhat_j)) / sqrt(var + eps)
    grad_x = inv_std * (g - g.mean(dim=0) - xhat * (g * xhat).mean(dim=0))
    return grad_x, grad_weight, grad_bias
