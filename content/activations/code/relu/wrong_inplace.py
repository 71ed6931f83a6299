import torch


def relu(x):
    x[x < 0] = 0  # zeroes the caller's tensor too
    return x
