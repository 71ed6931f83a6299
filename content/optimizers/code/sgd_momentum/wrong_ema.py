import torch


def sgd_momentum_step(param, grad, buf, lr, momentum):
    if buf is None:
        buf = torch.zeros_like(grad)
    buf = momentum * buf + (1 - momentum) * grad  # an average: PyTorch adds the whole grad
    return param - lr * buf, buf
