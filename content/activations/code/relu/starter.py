import torch


def relu(x):
    """The rectified linear unit, elementwise: max(x, 0).

    Slope at exactly 0: 0, as torch.relu (the tests hold exact zeros and -0.0
    and check the gradient there); 0-d tensors and |x| up to 1e30 are tested.
    Return new tensors and leave the inputs as they were; no output may be an
    input itself or a view of one.

    x: a float tensor of any shape.
    Returns a new tensor of the same shape and dtype (x itself is left as it was).
    Not allowed: torch.relu, torch.nn.functional.relu, Tensor.relu, nn.ReLU.
    """
    raise NotImplementedError("write relu")
