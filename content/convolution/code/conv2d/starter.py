import torch


def conv2d(x, weight, bias=None, stride=1, padding=0):
    """A 2-D convolution layer as PyTorch computes it (a cross-correlation).

    Exact zeros and non-contiguous inputs are tested. Return new tensors and
    leave the inputs as they were; no output may be an input itself or a view
    of one.

    x: (N, C_in, H, W); weight: (C_out, C_in, kH, kW); bias: (C_out,) or None;
    stride, padding: ints, the same for height and width (zero padding).
    Returns (N, C_out, H_out, W_out), H_out = (H + 2*padding - kH) // stride + 1.
    Not allowed: torch.nn.functional.conv2d, torch.conv2d, nn.Conv2d, torch.convolution.
    """
    raise NotImplementedError("write conv2d")
