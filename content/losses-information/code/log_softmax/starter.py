import torch


def log_softmax(x, dim=-1):
    """log(softmax(x)) along dim, computed so that it never overflows or
    underflows: x_i - log(sum_j exp(x_j)).

    Stability is tested at logits of 1000 and with slices along dim that
    differ in magnitude by a factor of 1000 in one tensor. Return new tensors
    and leave the inputs as they were; no output may be an input itself or a
    view of one.

    x: a float tensor of any shape (values may be as large as 1000).
    Returns a tensor of the same shape and dtype.
    Not allowed: torch.log_softmax, F.log_softmax, Tensor.log_softmax,
    torch.logsumexp, Tensor.logsumexp, and the softmax functions.
    """
    raise NotImplementedError("write log_softmax")
