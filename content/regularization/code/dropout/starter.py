import torch


def dropout(x, p=0.5, training=True):
    """Inverted dropout.

    The mask is tested statistically: the drop rate, and independence between
    entries, rows and calls (do not set a seed). With training=False or p=0,
    return x itself or a copy; 0-d tensors are tested. Leave x as it was.

    In training, each entry is zeroed with probability p, independently, and
    the kept entries are scaled by 1 / (1 - p) so that the expected value is
    unchanged. When not training (or when p = 0), return x unchanged.
    x: a float tensor of any shape; 0 <= p < 1.
    Not allowed: torch.nn.functional.dropout, torch.dropout, nn.Dropout.
    """
    raise NotImplementedError("write dropout")
