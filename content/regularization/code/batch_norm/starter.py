import torch


def batch_norm(x, weight, bias, eps=1e-5):
    """Batch normalisation in training mode, for x of shape (N, C).

    Large means are tested: features with mean 50 (float32) and 1e5 (float64)
    next to features with mean 0, where E[x^2] - E[x]^2 loses every digit.
    Return new tensors and leave the inputs as they were; no output may be an
    input itself or a view of one.

    Each feature (column) is centred by its mean over the batch and divided
    by sqrt(variance + eps), with the biased batch variance (divide by N),
    then scaled by weight and shifted by bias (both (C,)).
    Returns a tensor shaped like x.
    Not allowed: torch.nn.functional.batch_norm, torch.batch_norm, nn.BatchNorm1d.
    """
    raise NotImplementedError("write batch_norm")
