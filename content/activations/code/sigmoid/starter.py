import torch


def sigmoid(x):
    """The logistic sigmoid, elementwise: 1 / (1 + exp(-x)).

    Slope at 0: 1/4 (the tests hold exact zeros and -0.0); 0-d tensors are
    tested. Return new tensors and leave the inputs as they were; no output
    may be an input itself or a view of one.

    x: a float tensor of any shape and any magnitude (x = -1000 and x = 1000
    included): the result and its gradient must stay finite and accurate.
    Returns a tensor of the same shape and dtype.
    Not allowed: torch.sigmoid, torch.nn.functional.sigmoid, Tensor.sigmoid,
    torch.special.expit, nn.Sigmoid.
    """
    raise NotImplementedError("write sigmoid")
