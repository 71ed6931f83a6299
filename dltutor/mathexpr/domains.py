"""Variable domains: what a variable may be, its SymPy symbol, and where to sample it.

A Domain is an interval of the real line, possibly unbounded: `real` is
(-inf, inf), `positive` is (0, inf), `nonnegative` is [0, inf), and a
probability is (0, 1). Endpoints are never sampled (they have measure zero),
so open and closed ends only matter for the SymPy assumptions.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import sympy as sp

from .errors import ExprFormatError

INF = math.inf


@dataclass(frozen=True)
class Domain:
    lo: float = -INF
    hi: float = INF
    lo_open: bool = True
    hi_open: bool = True

    def __post_init__(self) -> None:
        if not self.lo < self.hi:
            raise ValueError(f"empty domain: lo={self.lo} must be below hi={self.hi}")

    @property
    def name(self) -> str:
        if (self.lo, self.hi) == (-INF, INF):
            return "real"
        if (self.lo, self.hi) == (0, INF):
            return "positive" if self.lo_open else "nonnegative"
        left, right = "(" if self.lo_open else "[", ")" if self.hi_open else "]"
        return f"{left}{_num(self.lo)}, {_num(self.hi)}{right}"

    def assumptions(self) -> dict[str, bool]:
        """SymPy assumptions implied by the domain (the upper bound cannot be said)."""
        if self.lo > 0 or (self.lo == 0 and self.lo_open):
            return {"positive": True}
        if self.lo == 0:
            return {"nonnegative": True}
        if self.hi < 0 or (self.hi == 0 and self.hi_open):
            return {"negative": True}
        if self.hi == 0:
            return {"nonpositive": True}
        return {"real": True}

    def sample(self, rng: random.Random, stratum: int) -> float:
        """A random point inside the domain; `stratum` spreads sign and scale
        (low strata are moderate magnitudes)."""
        if self.lo == -INF and self.hi == INF:
            return (1 if stratum % 2 else -1) * _magnitude(rng, stratum // 2)
        if self.hi == INF:
            return self.lo + _magnitude(rng, stratum)
        if self.lo == -INF:
            return self.hi - _magnitude(rng, stratum)
        return _inside(rng, stratum, self.lo, self.hi)


# log-uniform magnitude bands, moderate ones first (low strata are drawn first)
# and far ones (a difference that only shows at |x| ~ 100 or 1000 is still one:
# an added exp(x - 60) or Heaviside(x - 30)); mpmath's exponent never overflows
# (the first cycle of 12 draws meets both far bands: see points.STRATA)
_BANDS = (
    (0.2, 2.0),
    (0.5, 5.0),
    (2.0, 20.0),
    (0.02, 0.2),
    (30.0, 600.0),
    (300.0, 5000.0),
    (0.2, 2.0),
    (20.0, 200.0),
)


def _magnitude(rng: random.Random, stratum: int) -> float:
    lo, hi = _BANDS[stratum % len(_BANDS)]
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def _inside(rng: random.Random, stratum: int, lo: float, hi: float) -> float:
    width = hi - lo
    kind = stratum % 4
    if kind in (0, 2):
        x = rng.uniform(lo, hi)
    else:  # close to one end: where log(p), 1/(1-p) and friends get interesting
        gap = width * math.exp(rng.uniform(math.log(1e-3), math.log(0.3)))
        x = lo + gap if kind == 1 else hi - gap
    return min(max(x, lo + width * 1e-9), hi - width * 1e-9)


def simple_values(d: Domain) -> list[float]:
    """Round numbers inside `d`, for readable counterexamples."""
    if d.lo > -INF and d.hi < INF:
        return [d.lo + (d.hi - d.lo) * f for f in (0.5, 0.25, 0.75, 0.1, 0.9)]
    values = [1.0, 2.0, -1.0, 0.5, 3.0, -2.0, 1.5, -0.5]
    return [v for v in values if d.lo < v < d.hi] or [d.lo + 1 if d.lo > -INF else d.hi - 1]


def _num(v: float) -> str:
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return str(int(v)) if float(v).is_integer() else repr(v)


REAL = Domain()
POSITIVE = Domain(0, INF)
NONNEGATIVE = Domain(0, INF, lo_open=False)
_NAMED = {
    "real": REAL,
    "positive": POSITIVE,
    "nonnegative": NONNEGATIVE,
    "negative": Domain(-INF, 0),
    "probability": Domain(0, 1),
}
_NUMBER = r"\s*([-+]?(?:inf|\d+(?:\.\d*)?(?:e[-+]?\d+)?|\.\d+))\s*"
_INTERVAL = re.compile(rf"([\[(]){_NUMBER},{_NUMBER}([\])])", re.IGNORECASE)


def parse_domain(text: str | Domain) -> Domain:
    """'real', 'positive', 'nonnegative', 'negative', 'probability', or an interval
    such as '(0, 1)', '[0, 1)', '(1, inf)'."""
    if isinstance(text, Domain):
        return text
    key = str(text).strip().lower()
    if key in _NAMED:
        return _NAMED[key]
    m = _INTERVAL.fullmatch(key)
    if not m:
        raise ExprFormatError(
            f"unknown domain {text!r}: use real, positive, nonnegative or an interval such as (0, 1)",
            None,
            str(text),
        )
    lo, hi = float(m.group(2)), float(m.group(3))
    try:
        return Domain(lo, hi, m.group(1) == "(" or lo == -INF, m.group(4) == ")" or hi == INF)
    except ValueError as exc:
        raise ExprFormatError(str(exc), None, str(text)) from None


DomainLike = Domain | str


def symbol(name: str, domain: Domain) -> sp.Symbol:
    """The SymPy symbol of a declared variable (same name and domain -> same symbol)."""
    return sp.Symbol(name, **domain.assumptions())


def normalise_variables(variables: Mapping[str, DomainLike] | Iterable[str] | None) -> dict[str, Domain]:
    """Accept a mapping name -> Domain|str or an iterable of names (all real)."""
    if variables is None:
        return {}
    if isinstance(variables, Mapping):
        return {str(k): parse_domain(v) for k, v in variables.items()}
    return {str(k): REAL for k in variables}
