import torch


def clip_grad_norm(grads, max_norm):
    total = torch.sqrt(sum((g * g).sum() for g in grads))
    return [g * max_norm / (total + 1e-6) for g in grads]  # scales small gradients up
