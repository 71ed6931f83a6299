"""claim_curves(): the claim and the right answer sampled over a range that shows them differ.

The range is centred on the counterexample (so the point where they differ
is inside it), wide enough to show the shape (at least ±3, or ±half the
point's size), and kept inside the variable's domain. Values that are not
finite, or far outside what most of both curves reach (a pole), are dropped
so one spike does not flatten the picture. Drawing is render/plot.py's job.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

POINTS = 241  # samples across the range (odd: the centre is a sample)
MIN_HALF_WIDTH = 3.0  # wide enough to see a sigmoid-sized feature around the point
EDGE = 1e-3  # how close to an open domain end the range may go


@dataclass(frozen=True)
class Curves:
    var: str
    point: float  # the counterexample, inside [lo, hi]
    lo: float
    hi: float
    claim: tuple[list[float], list[float]]  # (xs, ys) with the dropped points left out
    reference: tuple[list[float], list[float]]


def claim_curves(claim: str, reference: str, var: str, point: float, domain: str = "real") -> Curves | None:
    """None when either side cannot be drawn (a function NumPy does not know)."""
    import numpy as np

    from dltutor.mathexpr import numeric_function, parse_domain

    lo, hi = _range(point, parse_domain(domain))
    xs = np.linspace(lo, hi, POINTS)
    try:
        ys = [
            np.broadcast_to(np.asarray(numeric_function(text, var)(xs), dtype=float), xs.shape)
            for text in (claim, reference)
        ]
    except Exception:  # no picture is better than a traceback under a verdict
        return None
    keep = _sane(np.concatenate(ys))
    pairs = [(xs[keep(y)].tolist(), y[keep(y)].tolist()) for y in ys]
    if any(len(p[0]) < 2 for p in pairs):
        return None
    return Curves(var, point, lo, hi, pairs[0], pairs[1])


def _range(point: float, domain: Any) -> tuple[float, float]:
    half = max(MIN_HALF_WIDTH, abs(point) / 2)
    lo, hi = point - half, point + half
    if domain.lo > lo:
        lo = domain.lo + EDGE * max(1.0, abs(domain.lo))
    if domain.hi < hi:
        hi = domain.hi - EDGE * max(1.0, abs(domain.hi))
    return min(lo, point), max(hi, point)


def _sane(values: Any) -> Any:
    """A mask maker: finite and within a generous band around the bulk of both curves."""
    import numpy as np

    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return np.isfinite
    low, high = np.percentile(finite, [5, 95])
    pad = max(high - low, 1e-9) * 1.5
    return lambda y: np.isfinite(y) & (y >= low - pad) & (y <= high + pad)
