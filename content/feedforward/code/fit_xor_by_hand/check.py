"""Judge fit_xor by the weights alone: the tutor runs the 2-2-1 network on
the case's own points and counts the points it classifies right."""

import numpy as np


def check(case, outputs):
    x, y = case.arrays
    w1, b1, w2, b2 = outputs
    if not all(np.isfinite(a).all() for a in outputs):
        return "some returned weights are nan or inf", None
    hidden = 1 / (1 + np.exp(-(x @ w1 + b1)))
    logit = hidden @ w2 + b2
    right = int(((logit > 0) == (y > 0.5)).sum())  # p > 0.5 exactly when the logit is > 0
    if right == len(y):
        return None
    if np.allclose(w1[:, 0], w1[:, 1]) and np.isclose(b1[0], b1[1]):
        return (f"{right} of {len(y)} points right, and your two hidden units have the same "
                "weights: they can only ever compute the same feature", "symmetric-hidden-units")
    return (f"{right} of {len(y)} points right with your weights (p > 0.5 means 1)",
            "not-separated")
