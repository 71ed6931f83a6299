import torch
import torch.nn.functional as F


def linear_backward(x, weight, grad_out):
    # trusted oracle: autograd's gradients of sum(F.linear(x, W, b) * grad_out)
    x, weight = x.detach().requires_grad_(), weight.detach().requires_grad_()
    bias = torch.zeros(weight.shape[0], dtype=x.dtype, requires_grad=True)
    out = F.linear(x, weight, bias)
    return torch.autograd.grad((out * grad_out).sum(), [x, weight, bias])
