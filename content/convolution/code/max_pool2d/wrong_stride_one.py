import torch


def max_pool2d(x, kernel_size, stride=1):  # PyTorch's default stride is kernel_size
    h_out = (x.shape[2] - kernel_size) // stride + 1
    w_out = (x.shape[3] - kernel_size) // stride + 1
    out = None
    for i in range(kernel_size):
        for j in range(kernel_size):
            patch = x[:, :, i:i + stride * (h_out - 1) + 1:stride, j:j + stride * (w_out - 1) + 1:stride]
            out = patch if out is None else torch.maximum(out, patch)
    return out
