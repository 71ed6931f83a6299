import torch


def lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh):
    """One step of an LSTM, as nn.LSTMCell computes it.

    Return new tensors and leave the inputs as they were; no output may be an
    input itself or a view of one.

    gates = x W_ih^T + b_ih + h W_hh^T + b_hh, split into four (B, H) blocks
    in PyTorch's order i, f, g, o (input, forget, cell candidate, output);
    i, f, o go through a sigmoid and g through tanh.
    c' = f * c + i * g;  h' = o * tanh(c')
    x: (B, I); h, c: (B, H); w_ih: (4H, I); w_hh: (4H, H); b_ih, b_hh: (4H,).
    Returns the tuple (h', c').
    Not allowed: torch.lstm_cell, nn.LSTMCell, nn.LSTM.
    """
    raise NotImplementedError("write lstm_cell")
