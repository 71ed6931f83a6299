import torch


def gru_cell(x, h, w_ih, w_hh, b_ih, b_hh):
    hidden = w_hh.shape[1]
    i_r, i_z, i_n = (x @ w_ih.T + b_ih).chunk(3, dim=-1)
    h_r, h_z, _ = (h @ w_hh.T + b_hh).chunk(3, dim=-1)
    r = torch.sigmoid(i_r + h_r)
    z = torch.sigmoid(i_z + h_z)
    w_hn, b_hn = w_hh[2 * hidden:], b_hh[2 * hidden:]
    n = torch.tanh(i_n + (r * h) @ w_hn.T + b_hn)  # the paper's form, not PyTorch's
    return (1 - z) * n + z * h
