import torch
import torch.nn.functional as F


def layer_norm_backward(x, weight, grad_out, eps=1e-5):
    x, weight = x.detach().requires_grad_(), weight.detach().requires_grad_()
    bias = torch.zeros_like(weight, requires_grad=True)
    out = F.layer_norm(x, (x.shape[-1],), weight, bias, eps)
    return torch.autograd.grad((out * grad_out).sum(), [x, weight, bias])
