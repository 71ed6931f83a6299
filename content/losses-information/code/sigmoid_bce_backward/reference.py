import torch


def sigmoid_bce_backward(logits, target):
    # dL/dz = (σ(z) - t) / (number of entries): σ' cancels the 1/(p(1-p)) of BCE
    positive = logits >= 0
    z = torch.exp(torch.where(positive, -logits, logits))  # never overflows
    sigma = torch.where(positive, 1 / (1 + z), z / (1 + z))
    return (sigma - target) / logits.numel()
