import torch


def max_pool2d(x, kernel_size, stride=None):
    """2-D max pooling without padding.

    At ties, the whole gradient of a window goes to its first maximum in row-
    major order, as F.max_pool2d (amax, which splits it, is not enough).
    Return new tensors and leave the inputs as they were; no output may be an
    input itself or a view of one.

    x: (N, C, H, W); kernel_size: an int (a square window); stride: an int,
    or None for the default, which is kernel_size (windows that do not overlap).
    Windows that would run past the edge are dropped:
    H_out = (H - kernel_size) // stride + 1.
    Not allowed: torch.nn.functional.max_pool2d, torch.max_pool2d, nn.MaxPool2d.
    """
    raise NotImplementedError("write max_pool2d")
