import torch


def sgd_momentum_step(param, grad, buf, lr, momentum):
    buf = lr * grad if buf is None else momentum * buf + lr * grad
    return param - buf, buf
