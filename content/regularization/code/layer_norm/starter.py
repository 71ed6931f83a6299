import torch


def layer_norm(x, weight, bias, eps=1e-5):
    """Layer normalisation over the last dimension.

    Each vector x[..., :] is centred by its mean and divided by
    sqrt(variance + eps), with the biased variance (divide by n), then scaled
    by weight and shifted by bias.
    x: (..., D); weight, bias: (D,). Returns a tensor shaped like x.
    Not allowed: torch.nn.functional.layer_norm, torch.layer_norm, nn.LayerNorm.
    """
    raise NotImplementedError("write layer_norm")
