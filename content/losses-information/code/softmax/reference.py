import torch


def softmax(x, dim=-1):
    # softmax(x) = softmax(x - c) for any c: with c = max, exp never overflows
    shifted = x - x.amax(dim=dim, keepdim=True).detach()
    e = torch.exp(shifted)
    return e / e.sum(dim=dim, keepdim=True)
