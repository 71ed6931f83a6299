import torch


def sgd_momentum_step(param, grad, buf, lr, momentum):
    buf = grad.clone() if buf is None else momentum * buf + grad
    return param - lr * buf, buf
