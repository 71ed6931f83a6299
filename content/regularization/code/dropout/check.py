"""What any correct dropout satisfies, whatever random numbers it draws.

The learner's random numbers are their own, so outputs cannot be compared
with a reference: every entry must be 0 or x / (1 - p), and without
training (or with p = 0) the output must be x itself. On large inputs the
mask is tested statistically: the kept fraction is 1 - p, and the mask is
independent between neighbouring entries along every axis (so one mask
shared by all rows, or one draw per row, fails) and between two calls on
the same input (so a seed set inside the function fails).

False-failure rate. Each test compares a mean of n independent Bernoulli
trials with its expectation mu: the kept fraction (mu = q = 1 - p, one trial
per entry with x != 0), or the agreement of two masks (mu = q^2 + (1-q)^2,
one trial per pair of entries, the pairs disjoint: slices 2j and 2j+1 along
an axis, or the same entry in two calls). Hoeffding's inequality bounds the
binomial tail: P(|S/n - mu| >= eps) <= 2 exp(-2 n eps^2), so with
eps = sqrt(ln(2/DELTA) / (2n)) a correct dropout fails one test with
probability at most DELTA = 1e-8. Tests run only when n >= MIN_TRIALS; a
check has at most 5 cases large enough and at most 5 tests per case (the
rate, three axes, the second call), so a correct dropout fails a check with
probability at most 25 * 1e-8 = 2.5e-7 < 1e-6. The mistakes are far outside
these bounds: with n = 10,000, eps = 0.031, while a shared mask agrees with
itself everywhere (1 against mu <= 0.68 for p >= 0.2).

check(case, outputs, again) returns (message, mistake) or None.
"""

import math

import numpy as np

DELTA = 1e-8
MIN_TRIALS = 1000


def check(case, outputs, again=None):
    (x,), (out,) = case.arrays, outputs
    p, training = case.kwargs.get("p", 0.5), case.kwargs.get("training", True)
    if not training or p == 0:
        if np.array_equal(out, x):
            return None
        why = "training=False" if not training else "p=0"
        return (f"with {why} the output must be x unchanged, but {_count(out != x, x)} "
                "entries differ", "dropout-at-eval" if not training else None)
    if out.shape != x.shape:
        return (f"the output has shape {out.shape}; expected {x.shape}", None)
    scaled = x / (1 - p)
    kept = out != 0
    if not np.allclose(out[kept], scaled[kept], rtol=1e-5, atol=1e-6):
        if np.allclose(out[kept], x[kept], rtol=1e-5, atol=1e-6):
            return ("the kept entries equal x, not x / (1 - p)", "no-rescale")
        return ("some entries are neither 0 nor x / (1 - p)", None)
    return _statistics(x, kept, p, again)


def _statistics(x, kept, p, again):
    known = x != 0  # where x is 0 the output is 0 whether kept or not
    q = 1 - p
    if known.sum() < MIN_TRIALS:
        return None
    agree = q * q + p * p  # two independent keep/drop draws agree
    for axis in range(x.ndim):
        if x.shape[axis] < 2:
            continue
        even = np.take(kept, range(0, x.shape[axis] - 1, 2), axis)
        odd = np.take(kept, range(1, x.shape[axis], 2), axis)
        both = np.take(known, range(0, x.shape[axis] - 1, 2), axis) & np.take(
            known, range(1, x.shape[axis], 2), axis)
        found = _agreement(even, odd, both, agree)
        if found is not None:
            return (f"neighbouring slices along axis {axis} have masks that agree at "
                    f"{found:.1%} of their entries; independent masks agree at about "
                    f"{agree:.0%}: every entry needs its own random draw",
                    "shared-mask" if found > agree else None)
    if again is not None and len(again) == 1 and again[0].shape == x.shape:
        found = _agreement(kept, again[0] != 0, known, agree)
        if found is not None:
            return (f"two calls on the same input kept the same entries at {found:.1%} of "
                    f"the places; independent calls agree at about {agree:.0%}",
                    "same-mask-every-call" if found > agree else None)
    # the rate last: a shared mask has fewer independent draws, so its rate
    # strays further than the bound allows, but its own message is clearer
    fraction = float(kept[known].mean())
    if abs(fraction - q) > _eps(int(known.sum())):
        mistake = "drop-prob-swapped" if abs(fraction - p) <= _eps(int(known.sum())) else None
        return (f"{fraction:.1%} of the entries were kept; with p={p} about {q:.0%} should be",
                mistake)
    return None


def _agreement(a, b, where, expected):
    """The agreement of two masks where both are known, if it is too far
    from `expected` to be chance (see the module docstring); else None."""
    n = int(where.sum())
    if n < MIN_TRIALS:
        return None
    found = float((a == b)[where].mean())
    return found if abs(found - expected) > _eps(n) else None


def _eps(n):
    return math.sqrt(math.log(2 / DELTA) / (2 * n))


def _count(mask, x):
    return f"{int(mask.sum())} of {x.size}"
