import math

import torch


def attention_backward(q, k, v, grad_out):
    """The backward pass of out = softmax(q kᵀ / sqrt(d_k)) v, by hand (no mask).

    q: (..., L_q, d_k), k: (..., L_k, d_k), v: (..., L_k, d_v), with the same
    leading (batch, head) dimensions; grad_out = dL/dout, (..., L_q, d_v).
    Returns (grad_q, grad_k, grad_v), shaped like q, k and v.
    Not allowed: backward(), torch.autograd, torch.func, .grad and
    requires_grad_ (the inputs arrive without requires_grad); scaled_dot_product_attention, nn.MultiheadAttention.
    """
    raise NotImplementedError("write attention_backward")
