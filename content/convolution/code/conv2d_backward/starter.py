import torch


def conv2d_backward(x, weight, grad_out, stride=1, padding=0):
    """The backward pass of y = conv2d(x, weight, bias, stride, padding), by hand.

    x: (N, C_in, H, W); weight: (C_out, C_in, kH, kW); grad_out = dL/dy,
    (N, C_out, H_out, W_out). The convolution is PyTorch's (a cross-correlation,
    zero padding on every side). stride and padding are ints.
    Returns (grad_x, grad_weight, grad_bias), shaped like x, weight and (C_out,).
    Not allowed: backward(), torch.autograd, torch.func, .grad and
    requires_grad_ (the inputs arrive without requires_grad); conv2d, conv_transpose2d, torch.nn.grad.
    """
    raise NotImplementedError("write conv2d_backward")
