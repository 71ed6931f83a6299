import torch


def max_pool2d_backward(x, grad_out, kernel_size, stride=None):
    stride = stride or kernel_size
    n, c, h, w = x.shape
    grad_x = torch.zeros_like(x)

    flat = grad_x.view(n, c, h * w)
    for a in range(grad_out.shape[2]):
        for b in range(grad_out.shape[3]):
            top, left = a * stride, b * stride
            window = x[:, :, top:top + kernel_size, left:left + kernel_size].reshape(n, c, -1)
            first = window.argmax(dim=-1)  # the first maximum, row-major
            where = (top + first // kernel_size) * w + left + first % kernel_size
            # add, do not assign: overlapping windows can pick the same input
            flat.scatter_add_(2, where.unsqueeze(-1), grad_out[:, :, a, b].unsqueeze(-1))
    return grad_x
