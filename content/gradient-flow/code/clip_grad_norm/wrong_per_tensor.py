import torch


def clip_grad_norm(grads, max_norm):
    clipped = []
    for g in grads:  # each tensor against max_norm on its own
        norm = torch.sqrt((g * g).sum())
        clipped.append(g * torch.clamp(max_norm / (norm + 1e-6), max=1.0))
    return clipped
