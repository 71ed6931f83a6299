import torch


def softmax(x, dim=-1):
    """Softmax of x along dim: exp(x_i) / sum_j exp(x_j).

    Stability is tested at logits of 1000 and with slices along dim that
    differ in magnitude by a factor of 1000 in one tensor (each slice stable
    on its own). Return new tensors and leave the inputs as they were; no
    output may be an input itself or a view of one.

    x: a float tensor of any shape (values may be as large as 1000);
    dim: the dimension to normalise over (any, negative ones included).
    Returns a tensor of the same shape and dtype as x whose entries along
    dim are positive and sum to 1.
    Not allowed: torch.softmax, torch.nn.functional.softmax, Tensor.softmax.
    """
    raise NotImplementedError("write softmax")
