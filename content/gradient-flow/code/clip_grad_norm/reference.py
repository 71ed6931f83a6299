import torch


def clip_grad_norm(grads, max_norm):
    total = torch.sqrt(sum((g * g).sum() for g in grads))
    scale = torch.clamp(max_norm / (total + 1e-6), max=1.0)  # never scales up
    return [g * scale for g in grads]
