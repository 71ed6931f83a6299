"""Where to compare: domains of the symbols, sample points, readable counterexamples."""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Mapping
from typing import Any

import sympy as sp
from mpmath import mpf

from .domains import NONNEGATIVE, POSITIVE, REAL, Domain, DomainLike, normalise_variables, simple_values
from .evaluate import Undefined, value_at
from .parser import canonical_name

RTOL = mpf(10) ** -9
STRATA = 16  # sign x 8 magnitude bands (domains._BANDS)


def domains_for(exprs: list[sp.Expr], variables: Mapping[str, DomainLike] | None) -> dict[str, Domain]:
    """Declared domains, and for undeclared symbols the domain their assumptions say."""
    declared = {canonical_name(k): v for k, v in normalise_variables(variables).items()}
    out: dict[str, Domain] = {}
    for s in sorted(set().union(*(e.free_symbols for e in exprs)), key=str):
        out[s.name] = declared.get(s.name) or (
            POSITIVE if s.is_positive else NONNEGATIVE if s.is_nonnegative else REAL
        )
    return out


class Sampler:
    """Points spread over strata (sign x scale) per variable, reproducible per pair."""

    def __init__(self, domains: dict[str, Domain], seed: str) -> None:
        self.domains = domains
        self.rng = random.Random(hashlib.sha256(seed.encode()).digest())
        self.perms: dict[str, list[int]] = {}

    def point(self, k: int) -> dict[str, float]:
        if k % STRATA == 0:  # a new order per cycle; the first cycle starts moderate
            spread = 4.0 if k == 0 else 100.0
            for name in self.domains:
                jitter = [s + self.rng.uniform(0, spread) for s in range(STRATA)]
                self.perms[name] = sorted(range(STRATA), key=jitter.__getitem__)
        return {n: d.sample(self.rng, self.perms[n][k % STRATA]) for n, d in self.domains.items()}


def differ(a: tuple[mpf, mpf], b: tuple[mpf, mpf]) -> bool:
    (va, ea), (vb, eb) = a, b
    return abs(va - vb) > RTOL * max(abs(va), abs(vb)) + ea + eb


def _candidates(point: dict[str, float], domains: dict[str, Domain]) -> list[dict[str, float]]:
    """Round points first (1, 2, -1, ... per variable, staggered), then the point rounded."""
    names = list(domains)
    values = {n: simple_values(domains[n]) for n in names}
    out = [{n: values[n][(k + i) % len(values[n])] for i, n in enumerate(names)} for k in range(6)]
    for digits in (0, 1, 2):
        p = {n: round(v, digits) for n, v in point.items()}
        if all(v != 0 and domains[n].lo < v < domains[n].hi for n, v in p.items()):
            out.append(p)
    return out


def nice_point(fa: Any, fb: Any, point: dict[str, float], domains: dict[str, Domain]) -> tuple | None:
    """A rounder point that still shows the difference, for a readable counterexample.

    The difference must be visible (1e-5 relative) and survive a tiny nudge of
    the point, so a kink (relu at 0, sign at 0) is never shown as the evidence.
    """
    until = time.monotonic() + 0.2  # a nicer point is not worth more time than this
    for p in _candidates(point, domains):
        if time.monotonic() > until:
            break
        nudged = {n: v * (1 + 1e-7) for n, v in p.items()}
        try:
            va, vb = value_at(fa, p, until), value_at(fb, p, until)
            if not differ(value_at(fa, nudged, until), value_at(fb, nudged, until)):
                continue
        except Undefined:
            continue
        if differ(va, vb) and abs(va[0] - vb[0]) > mpf(10) ** -5 * max(abs(va[0]), abs(vb[0])):
            return p, float(va[0]), float(vb[0])
    return None
