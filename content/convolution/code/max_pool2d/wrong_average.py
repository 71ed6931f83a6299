import torch


def max_pool2d(x, kernel_size, stride=None):
    stride = kernel_size if stride is None else stride
    h_out = (x.shape[2] - kernel_size) // stride + 1
    w_out = (x.shape[3] - kernel_size) // stride + 1
    total = 0
    for i in range(kernel_size):
        for j in range(kernel_size):
            total = total + x[:, :, i:i + stride * (h_out - 1) + 1:stride, j:j + stride * (w_out - 1) + 1:stride]
    return total / kernel_size ** 2
