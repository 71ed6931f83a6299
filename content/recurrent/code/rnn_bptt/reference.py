import torch


def rnn_bptt(xs, h0, w_ih, w_hh, b, grad_hs):
    hs, h = [], h0
    for x in xs:  # the forward pass again: the backward needs every state
        h = torch.tanh(x @ w_ih.T + h @ w_hh.T + b)
        hs.append(h)
    grad_xs = torch.zeros_like(xs)
    grad_w_ih, grad_w_hh, grad_b = (torch.zeros_like(w) for w in (w_ih, w_hh, b))
    carry = torch.zeros_like(h0)  # dL/dh_t that arrives from step t + 1
    for t in reversed(range(len(xs))):
        grad_h = grad_hs[t] + carry
        grad_a = grad_h * (1 - hs[t] ** 2)  # through tanh: 1 - tanh² = 1 - h²
        previous = hs[t - 1] if t > 0 else h0
        grad_xs[t] = grad_a @ w_ih
        grad_w_ih += grad_a.T @ xs[t]
        grad_w_hh += grad_a.T @ previous
        grad_b += grad_a.sum(dim=0)
        carry = grad_a @ w_hh
    return grad_xs, carry, grad_w_ih, grad_w_hh, grad_b
