import torch


def max_pool2d_backward(x, grad_out, kernel_size, stride=None):
    """The backward pass of y = max_pool2d(x, kernel_size, stride), by hand.

    x: (N, C, H, W); square windows of kernel_size, stride defaults to
    kernel_size, no padding; grad_out = dL/dy, (N, C, H_out, W_out).
    Returns grad_x, shaped like x. Each output's gradient goes to the input
    that was the maximum of its window; at a tie, to the first of the tied
    entries in row-major order (what PyTorch does). Overlapping windows add up.
    Not allowed: backward(), torch.autograd, torch.func, .grad and
    requires_grad_ (the inputs arrive without requires_grad); max_pool2d, max_unpool2d, adaptive_max_pool2d.
    """
    raise NotImplementedError("write max_pool2d_backward")
