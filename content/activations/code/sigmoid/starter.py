import torch


def sigmoid(x):
    """The logistic sigmoid, elementwise: 1 / (1 + exp(-x)).

    x: a float tensor of any shape and any magnitude (x = -1000 and x = 1000
    included): the result and its gradient must stay finite and accurate.
    Returns a tensor of the same shape and dtype.
    Not allowed: torch.sigmoid, torch.nn.functional.sigmoid, Tensor.sigmoid,
    torch.special.expit, nn.Sigmoid.
    """
    raise NotImplementedError("write sigmoid")
