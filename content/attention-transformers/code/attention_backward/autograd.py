import torch
import torch.nn.functional as F


def attention_backward(q, k, v, grad_out):
    q, k, v = (t.detach().requires_grad_() for t in (q, k, v))
    out = F.scaled_dot_product_attention(q, k, v)
    return torch.autograd.grad((out * grad_out).sum(), [q, k, v])
