"""Adam cases with the optimiser state of a real run: m and v come from
t - 1 earlier steps on gradients of the same scale, so every case is a
state that Adam can actually be in (v >= 0, m and v consistent)."""

import numpy as np

# (shape, dtype, t, gradient scale, kwargs, note)
PLAN = [
    ((5,), "float32", 1, 1.0, {}, "the first step: m = v = 0"),
    ((3, 4), "float32", 2, 1.0, {"lr": 0.01}, "the second step"),
    ((6,), "float64", 10, 1.0, {"lr": 0.1, "beta1": 0.8, "beta2": 0.99}, "step 10"),
    ((2, 3), "float32", 1000, 1.0, {}, "step 1000: bias correction almost gone"),
    ((4,), "float64", 3, 1e-6, {"lr": 0.1}, "tiny gradients: where eps sits matters"),
]


def cases(rng):
    made = []
    for shape, dtype, t, scale, kwargs, note in PLAN:
        b1, b2 = kwargs.get("beta1", 0.9), kwargs.get("beta2", 0.999)
        m, v = np.zeros(shape), np.zeros(shape)
        for _ in range(min(t - 1, 50)):  # the state after earlier steps
            g = rng.standard_normal(shape) * scale
            m, v = b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g * g
        arrays = [rng.standard_normal(shape), rng.standard_normal(shape) * scale, m, v]
        spec = {name: {"values": a.tolist(), "dtype": dtype}
                for name, a in zip(("param", "grad", "m", "v"), arrays)}
        made.append({**spec, "t": t, **kwargs, "note": note})
    return made
