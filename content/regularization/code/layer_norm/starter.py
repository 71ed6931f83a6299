import torch


def layer_norm(x, weight, bias, eps=1e-5):
    """Layer normalisation over the last dimension.

    Large means are tested: vectors with mean 100 (float32) and 1e5 (float64)
    next to vectors with mean 0, where E[x^2] - E[x]^2 loses every digit.
    Return new tensors and leave the inputs as they were; no output may be an
    input itself or a view of one.

    Each vector x[..., :] is centred by its mean and divided by
    sqrt(variance + eps), with the biased variance (divide by n), then scaled
    by weight and shifted by bias.
    x: (..., D); weight, bias: (D,). Returns a tensor shaped like x.
    Not allowed: torch.nn.functional.layer_norm, torch.layer_norm, nn.LayerNorm.
    """
    raise NotImplementedError("write layer_norm")
