import torch


def conv2d(x, weight, bias=None, stride=1, padding=0):
    """A 2-D convolution layer as PyTorch computes it (a cross-correlation).

    x: (N, C_in, H, W); weight: (C_out, C_in, kH, kW); bias: (C_out,) or None;
    stride, padding: ints, the same for height and width (zero padding).
    Returns (N, C_out, H_out, W_out), H_out = (H + 2*padding - kH) // stride + 1.
    Not allowed: torch.nn.functional.conv2d, torch.conv2d, nn.Conv2d, torch.convolution.
    """
    raise NotImplementedError("write conv2d")
