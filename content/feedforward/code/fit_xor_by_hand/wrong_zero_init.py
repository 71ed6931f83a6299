import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def fit_xor(x, y, steps=5000, lr=2.0):
    w1, b1 = np.zeros((2, 2)), np.zeros(2)  # both hidden units start (and stay) the same
    w2, b2 = np.zeros((2, 1)), np.zeros(1)
    for _ in range(steps):
        h = sigmoid(x @ w1 + b1)
        p = sigmoid(h @ w2 + b2)
        # binary cross-entropy on the output logit: dL/dlogit = (p - y) / N
        d_out = (p - y) / len(x)
        d_hidden = (d_out @ w2.T) * h * (1 - h)
        w2 -= lr * h.T @ d_out
        b2 -= lr * d_out.sum(axis=0)
        w1 -= lr * x.T @ d_hidden
        b1 -= lr * d_hidden.sum(axis=0)
    return w1, b1, w2, b2
