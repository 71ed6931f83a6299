import torch


def relu(x):
    """The rectified linear unit, elementwise: max(x, 0).

    x: a float tensor of any shape.
    Returns a new tensor of the same shape and dtype (x itself is left as it was).
    Not allowed: torch.relu, torch.nn.functional.relu, Tensor.relu, nn.ReLU.
    """
    raise NotImplementedError("write relu")
