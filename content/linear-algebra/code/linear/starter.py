import torch


def linear(x, weight, bias=None):
    """A fully connected layer: y = x W^T + b.

    Inputs may be non-contiguous views (reshape, do not view). Return new
    tensors and leave the inputs as they were; no output may be an input
    itself or a view of one.

    x: (..., in) with any number of leading dimensions (or none);
    weight: (out, in), laid out as in nn.Linear; bias: (out,) or None.
    Returns (..., out) with the dtype of x.
    Not allowed: torch.nn.functional.linear, nn.Linear.
    """
    raise NotImplementedError("write linear")
