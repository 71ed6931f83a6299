"""equivalent(): are two expressions the same function on the declared domains?

The numeric verdict decides. Both sides are evaluated with mpmath (see
evaluate.py) at random points spread over sign and scale (points.py); points
where the reference is undefined are redrawn, a point where only the answer is
undefined is a counterexample; values are compared with a relative tolerance
widened by each value's error bound. A symbolic proof in the worker can only
add confidence to an "equal" (method "numeric+symbolic"); it never overturns
the numbers and is never waited for longer than `confirm` seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

import sympy as sp

from .domains import Domain, DomainLike
from .evaluate import Undefined, Unusable, compile_mp, value_at
from .parser import as_number, parse
from .points import Sampler, differ, domains_for, nice_point

MIN_POINTS = 6


class Equivalence:
    """The verdict, and for a wrong answer the evidence: where they differ.

    `counterexample` is a point {name: value} where the two sides differ (or
    where the answer is undefined and the reference is not: answer_value is
    then None). It is made readable (x = 1 rather than x = 0.7316...) only when
    first read, because callers that only need `equal` should not pay for it.
    `method`: identical | numeric | numeric+symbolic | undecided.
    """

    __slots__ = ("_evidence", "_refine", "equal", "method", "points")

    def __init__(
        self,
        equal: bool,
        counterexample: dict[str, float] | None = None,
        answer_value: float | None = None,
        reference_value: float | None = None,
        method: str = "numeric",
        points: int = 0,
        refine: Callable[[], tuple | None] | None = None,
    ) -> None:
        self.equal, self.method, self.points = equal, method, points
        self._evidence = (counterexample, answer_value, reference_value)
        self._refine = refine

    def _get(self) -> tuple:
        if self._refine is not None:
            better, self._refine = self._refine(), None
            if better is not None:
                self._evidence = better
        return self._evidence

    counterexample = property(lambda self: self._get()[0])
    answer_value = property(lambda self: self._get()[1])
    reference_value = property(lambda self: self._get()[2])

    def __bool__(self) -> bool:
        return self.equal

    def __repr__(self) -> str:
        return (
            f"Equivalence(equal={self.equal}, counterexample={self.counterexample}, "
            f"answer_value={self.answer_value}, reference_value={self.reference_value}, "
            f"method={self.method!r}, points={self.points})"
        )


def as_expr(value: Any, variables: Any, params: Any) -> sp.Expr:
    """Text is parsed; SymPy objects and plain numbers are taken as they are (never sympify)."""
    if isinstance(value, str):
        return parse(value, variables, params=params)
    if isinstance(value, sp.Expr):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return as_number(value)
    raise TypeError(f"expected text or a SymPy expression, got {type(value).__name__}")


def numeric(
    a: sp.Expr, b: sp.Expr, domains: dict[str, Domain], deadline: float, cancel: bool = False
) -> Equivalence:
    """The numeric verdict; `cancel`: complete cancellations count as 0 (see evaluate)."""
    fa, fb = compile_mp(a), compile_mp(b)
    sampler = Sampler(domains, "|".join(domains))  # not str(a): printing can take 0.3 s
    target = min(12 + 4 * max(len(domains) - 1, 0), 28)
    compared = 0
    for k in range(10 * target):
        if compared >= target or time.monotonic() > deadline:
            break
        point = sampler.point(k)
        now = time.monotonic()  # one costly point (a deep rung) must not eat the budget
        until = min(deadline, now + max(0.25, (deadline - now) / 4))
        try:
            vb = value_at(fb, point, until, cancel)
        except Undefined:
            continue
        try:
            va = value_at(fa, point, until, cancel)
        except Unusable:
            continue
        except Undefined:  # the reference has a value here and the answer has none
            return Equivalence(False, point, None, float(vb[0]), "numeric", compared)
        if differ(va, vb):
            return Equivalence(
                False,
                point,
                float(va[0]),
                float(vb[0]),
                "numeric",
                compared + 1,
                refine=partial(nice_point, fa, fb, point, domains),
            )
        compared += 1
    if compared >= MIN_POINTS:
        return Equivalence(True, method="numeric", points=compared)
    return Equivalence(False, method="undecided", points=compared)


def equivalent(
    answer: Any,
    reference: Any,
    variables: Mapping[str, DomainLike] | None = None,
    *,
    params: Mapping[str, Any] | None = None,
    timeout: float = 3.0,
    confirm: float = 0.02,
) -> Equivalence:
    """Is `answer` the same function as `reference` on the variables' domains?

    Points where the reference is undefined are skipped; a point where the
    reference has a value and the answer has none is a counterexample (its
    answer_value is None). "undecided" means too few points could be
    compared in time (equal is then False).

    Strings are parsed with `parse`; SymPy expressions are used as they are.
    `confirm` is the time (from the start of the call) a numeric "equal" may
    wait for SymPy's proof, which runs in the warm worker process while the
    numbers are computed. 0 skips it (one-shot commands: no worker is started);
    otherwise the shared worker starts on first use and helps later checks.
    """
    start = time.monotonic()
    a, b = as_expr(answer, variables, params), as_expr(reference, variables, params)
    if a == b or a - b == 0:  # no expand(): (x+1)^1000 would be multiplied out
        return Equivalence(True, method="identical")
    if a.has(sp.zoo, sp.nan) or b.has(sp.zoo, sp.nan):
        raise ValueError("an expression is undefined everywhere (zoo/nan)")
    worker, ticket = _ask_for_proof(a, b) if confirm > 0 else (None, None)
    domains = domains_for([a, b], variables)
    verdict = numeric(a, b, domains, start + 0.8 * timeout)
    if verdict.method == "undecided":  # e.g. a side that is identically 0: every sum cancels
        second = numeric(a, b, domains, start + 0.9 * timeout, cancel=True)
        verdict = second if second.method != "undecided" else verdict
    if worker is None or ticket is None:
        return verdict
    msg = None
    if verdict.equal:  # the proof has been running on the other core meanwhile
        wait = min(start + confirm, start + timeout) - time.monotonic()
        msg = worker.result(ticket, max(wait, 0.0))
    if msg is None:
        worker.cancel(ticket)
    elif msg.get("proved"):
        return Equivalence(True, method="numeric+symbolic", points=verdict.points)
    return verdict


def _ask_for_proof(a: sp.Expr, b: sp.Expr) -> tuple[Any, int | None]:
    import os

    if os.name != "posix":  # the worker needs select() on pipes and SIGUSR1
        return None, None
    from .worker import shared

    worker = shared()
    request = worker.proof_request(a, b, worker.hard_limit)
    return worker, (worker.submit(request) if request is not None else None)
