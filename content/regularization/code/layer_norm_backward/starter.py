import torch


def layer_norm_backward(x, weight, grad_out, eps=1e-5):
    """The backward pass of layer normalisation over the last dimension.

    Forward: xhat = (x - mean) / sqrt(var + eps) with the biased variance over
    the last dimension, y = xhat * weight + bias. x: (..., D); weight: (D,);
    grad_out = dL/dy, shaped like x.
    Returns (grad_x, grad_weight, grad_bias), shaped like x, (D,), (D,).
    Not allowed: backward(), torch.autograd, torch.func, .grad and
    requires_grad_ (the inputs arrive without requires_grad); layer_norm and its backward.
    """
    raise NotImplementedError("write layer_norm_backward")
