import torch


def sgd_momentum_step(param, grad, buf, lr, momentum):
    buf = grad if buf is None else momentum * buf + grad  # the first buffer IS grad, not a copy
    return param - lr * buf, buf
