import torch


def mse_loss(pred, target):
    """The mean squared error: the mean over every entry of (pred - target)^2.

    0-d tensors are tested. Leave the inputs as they were.

    pred, target: float tensors of the same shape.
    Returns a 0-dimensional tensor with the dtype of pred.
    Not allowed: torch.nn.functional.mse_loss, nn.MSELoss.
    """
    raise NotImplementedError("write mse_loss")
