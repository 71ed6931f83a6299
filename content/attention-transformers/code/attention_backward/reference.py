import math

import torch


def attention_backward(q, k, v, grad_out):
    scale = 1 / math.sqrt(q.shape[-1])
    scores = q @ k.transpose(-2, -1) * scale
    p = torch.exp(scores - scores.amax(dim=-1, keepdim=True))
    p = p / p.sum(dim=-1, keepdim=True)
    grad_v = p.transpose(-2, -1) @ grad_out
    grad_p = grad_out @ v.transpose(-2, -1)

    # softmax backward, row by row: ds_j = p_j (dp_j - sum_i p_i dp_i)
    grad_s = p * (grad_p - (grad_p * p).sum(dim=-1, keepdim=True))
    # scores = q kᵀ · scale: the scale comes back in both gradients
    grad_q = grad_s @ k * scale
    grad_k = grad_s.transpose(-2, -1) @ q * scale
    return grad_q, grad_k, grad_v
