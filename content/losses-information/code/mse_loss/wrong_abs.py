import torch


def mse_loss(pred, target):
    return (pred - target).abs().mean()
