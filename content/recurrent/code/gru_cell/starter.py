import torch


def gru_cell(x, h, w_ih, w_hh, b_ih, b_hh):
    """One step of a GRU, as nn.GRUCell computes it (PyTorch's convention).

    Return new tensors and leave the inputs as they were; no output may be an
    input itself or a view of one.

    The weights hold three (H, .) blocks in the order r, z, n:
    r = sigmoid(W_ir x + b_ir + W_hr h + b_hr)        reset gate
    z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)        update gate
    n = tanh(W_in x + b_in + r * (W_hn h + b_hn))     candidate
    h' = (1 - z) * n + z * h
    x: (B, I); h: (B, H); w_ih: (3H, I); w_hh: (3H, H); b_ih, b_hh: (3H,).
    Returns h' (B, H).
    Not allowed: torch.gru_cell, nn.GRUCell, nn.GRU.
    """
    raise NotImplementedError("write gru_cell")
