import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    """softmax(q k^T / sqrt(d)) v, with an optional boolean mask.

    Stability is tested with large scores and with queries of very different
    magnitude in one batch (each row of scores stable on its own). Return new
    tensors and leave the inputs as they were; no output may be an input
    itself or a view of one.

    q: (..., Lq, d); k: (..., Lk, d); v: (..., Lk, dv); the leading (batch)
    dimensions are the same for all three. Lq and Lk, d and dv may differ.
    mask: None, or a bool tensor broadcastable to (..., Lq, Lk) in which
    True means "may attend"; every query may attend to at least one key.
    Returns (..., Lq, dv).
    Not allowed: torch.nn.functional.scaled_dot_product_attention,
    nn.MultiheadAttention. (torch.softmax is allowed here.)
    """
    raise NotImplementedError("write scaled_dot_product_attention")
