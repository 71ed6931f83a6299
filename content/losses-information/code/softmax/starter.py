import torch


def softmax(x, dim=-1):
    """Softmax of x along dim: exp(x_i) / sum_j exp(x_j).

    x: a float tensor of any shape (values may be as large as 1000);
    dim: the dimension to normalise over (any, negative ones included).
    Returns a tensor of the same shape and dtype as x whose entries along
    dim are positive and sum to 1.
    Not allowed: torch.softmax, torch.nn.functional.softmax, Tensor.softmax.
    """
    raise NotImplementedError("write softmax")
