import torch


def positional_encoding(seq_len, d_model):
    """The sinusoidal positional encoding of "Attention Is All You Need".

    PE[pos, 2i]   = sin(pos / 10000^(2i / d_model))
    PE[pos, 2i+1] = cos(pos / 10000^(2i / d_model))
    seq_len, d_model: ints, d_model even.
    Returns a float32 tensor (seq_len, d_model).
    """
    raise NotImplementedError("write positional_encoding")
