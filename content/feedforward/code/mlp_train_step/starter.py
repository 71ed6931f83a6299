import torch


def mlp_train_step(x, y, w1, b1, w2, b2, lr):
    """One SGD step on a two-layer ReLU network, gradients by hand.

    pred = relu(x @ w1.T + b1) @ w2.T + b2; loss = mean((pred - y)²) over
    every entry (as F.mse_loss). x: (N, D); y: (N, K); w1: (H, D); b1: (H,);
    w2: (K, H); b2: (K,); lr a float.
    Returns (loss, w1, b1, w2, b2): the loss before the step (a 0-dim tensor)
    and new tensors p - lr * dloss/dp; the inputs stay as they were.
    Not allowed: backward(), torch.autograd, torch.func, .grad and
    requires_grad_ (the inputs arrive without requires_grad); torch.optim, nn.MSELoss.
    """
    raise NotImplementedError("write mlp_train_step")
