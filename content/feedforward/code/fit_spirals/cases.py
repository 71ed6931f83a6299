"""Two interleaved spirals: a training set for the learner, and a test set
of fresh points whose labels stay in the tutor."""

import numpy as np

from dltutor.codecheck.forms.training import held_out_case

TRAIN, TEST, NOISE = 400, 400, 0.03


def spirals(n, rng):
    half = n // 2
    turn = np.sqrt(rng.uniform(0.02, 1, half)) * 3 * np.pi  # 1.5 turns, even density
    arm = np.stack([turn * np.cos(turn), turn * np.sin(turn)], axis=1) / (3 * np.pi)
    x = np.concatenate([arm, -arm]) + rng.normal(0, NOISE, (2 * half, 2))
    y = np.concatenate([np.zeros(half), np.ones(half)]).astype(np.int64)
    order = rng.permutation(2 * half)
    return x[order].astype(np.float32), y[order]


def cases(rng):
    x, y = spirals(TRAIN, rng)
    test_x, test_y = spirals(TEST, rng)  # drawn by the tutor, labels never sent
    return [held_out_case((x, y), test_x, test_y, ("x", "y"),
                          f"{TRAIN} training points, {TEST} fresh test points")]
