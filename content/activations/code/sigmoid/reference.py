import torch


def sigmoid(x):
    # exp of a non-positive number only: z = exp(-|x|) is in (0, 1], so neither
    # branch (nor its gradient) can overflow
    positive = x >= 0
    z = torch.exp(torch.where(positive, -x, x))
    return torch.where(positive, 1 / (1 + z), z / (1 + z))
