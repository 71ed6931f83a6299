import torch
import torch.nn.functional as F


def sigmoid_bce_backward(logits, target):
    logits = logits.detach().requires_grad_()
    loss = F.binary_cross_entropy_with_logits(logits, target)
    return torch.autograd.grad(loss, [logits])[0]
