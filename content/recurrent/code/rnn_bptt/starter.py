import torch


def rnn_bptt(xs, h0, w_ih, w_hh, b, grad_hs):
    """Backpropagation through time for a tanh RNN, by hand.

    Forward: h_t = tanh(x_t @ w_ih.T + h_(t-1) @ w_hh.T + b) for t = 1..T,
    starting from h0. xs: (T, N, I); h0: (N, H); w_ih: (H, I); w_hh: (H, H);
    b: (H,); grad_hs: (T, N, H), the loss's gradient arriving directly at
    every hidden state h_1..h_T (from outputs read at every step).
    Returns (grad_xs, grad_h0, grad_w_ih, grad_w_hh, grad_b), shaped like
    xs, h0, w_ih, w_hh and b.
    Not allowed: backward(), torch.autograd, torch.func, .grad and
    requires_grad_ (the inputs arrive without requires_grad); nn.RNN, nn.RNNCell, torch.rnn_tanh.
    """
    raise NotImplementedError("write rnn_bptt")
