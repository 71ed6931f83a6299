"""What any correct dropout satisfies, whatever random numbers it draws.

The learner's random numbers are their own, so outputs cannot be compared
with a reference: every entry must be 0 or x / (1 - p), the kept fraction
must be close to 1 - p on large inputs, and without training (or with
p = 0) the output must be x itself. Returns (message, mistake) or None.
"""

import numpy as np


def check(case, outputs):
    (x,), (out,) = case.arrays, outputs
    p, training = case.kwargs.get("p", 0.5), case.kwargs.get("training", True)
    if not training or p == 0:
        if np.array_equal(out, x):
            return None
        why = "training=False" if not training else "p=0"
        return (f"with {why} the output must be x unchanged, but {_count(out != x, x)} "
                "entries differ", "dropout-at-eval" if not training else None)
    scaled = x / (1 - p)
    kept = out != 0
    if not np.allclose(out[kept], scaled[kept], rtol=1e-5, atol=1e-6):
        if np.allclose(out[kept], x[kept], rtol=1e-5, atol=1e-6):
            return ("the kept entries equal x, not x / (1 - p)", "no-rescale")
        return ("some entries are neither 0 nor x / (1 - p)", None)
    fraction = float(kept.mean())
    if abs(fraction - (1 - p)) > 0.02:
        mistake = "drop-prob-swapped" if abs(fraction - p) <= 0.02 else None
        return (f"{fraction:.1%} of the entries were kept; with p={p} about {1 - p:.0%} "
                "should be", mistake)
    return None


def _count(mask, x):
    return f"{int(mask.sum())} of {x.size}"
