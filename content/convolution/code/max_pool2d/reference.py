import torch


def max_pool2d(x, kernel_size, stride=None):
    # windows as a last axis (N, C, H_out, W_out, k*k) in row-major order; the
    # gradient goes to the first maximum of each window, as F.max_pool2d does
    stride = kernel_size if stride is None else stride
    windows = x.unfold(2, kernel_size, stride).unfold(3, kernel_size, stride)
    windows = windows.reshape(*windows.shape[:4], kernel_size * kernel_size)
    first = windows.argmax(dim=-1, keepdim=True)  # the first of tied maxima
    return windows.gather(-1, first).squeeze(-1)
