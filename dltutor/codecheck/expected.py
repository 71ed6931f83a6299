"""What the calls of one variant should give: read from the cache, or computed
by trusted code (the reference, a known wrong solution) and then cached.

Computing imports torch in the tutor; a cache hit does not, so a correct
answer is graded with the tutor never loading torch. A known wrong
solution's results are only needed for a wrong answer; they are cached too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from dltutor.codecheck import cache, forms
from dltutor.codecheck.cachekey import reference_key, wrong_key
from dltutor.codecheck.inputs import Case, describe_case, rng_for
from dltutor.codecheck.spec import Exercise
from dltutor.codecheck.trusted import Outcome, grad_weights, run_case
from dltutor.errors import BankError


@dataclass(frozen=True)
class Job:
    case: int  # index into Prepared.cases
    weights: list | None  # grad weights; None for a value call


def reference_results(exercise: Exercise, seed: int,
                      cases: list[Case]) -> tuple[list[Job], list[Outcome], str | None]:
    """The jobs, the reference's outcomes and the key they are cached under."""
    key = reference_key(exercise, seed)
    pairs, expected = cache.remembered(
        cache.entry(exercise.id, seed, "reference"), key,
        lambda: _run_reference(exercise, seed, cases),
        lambda jobs: all(0 <= case < len(cases) for case, _ in jobs))
    return [Job(*pair) for pair in pairs], expected, key


def wrong_results(exercise: Exercise, seed: int, key: str | None, path: str,
                  cases: list[Case], jobs: list[Job]) -> list[Outcome]:
    """A known wrong solution's outcomes on the reference's jobs."""
    file = exercise.path(path)

    def run() -> tuple[list[Job], list[Outcome]]:
        function = forms.callable_in(exercise, file)
        return jobs, [run_case(function, cases[job.case], job.weights) for job in jobs]
    return cache.remembered(cache.entry(exercise.id, seed, f"wrong-{path}"),
                            wrong_key(key, file), run, lambda got: len(got) == len(jobs))[1]


def _run_reference(exercise: Exercise, seed: int,
                   cases: list[Case]) -> tuple[list[Job], list[Outcome]]:
    """Every case once without gradients, then (for `grad: true`) each case
    with floating inputs again with gradients, weighted by the tutor's w."""
    reference = forms.callable_in(exercise, exercise.oracle or exercise.reference)
    values = [_reference_run(reference, case, None, exercise, i) for i, case in enumerate(cases)]
    jobs = [Job(i, None) for i in range(len(cases))]
    expected = list(values)
    if exercise.grad:
        for i, (case, value) in enumerate(zip(cases, values)):
            if case.grad and any(a.dtype.kind == "f" for a in case.arrays):
                weights = grad_weights(value.outputs, rng_for(exercise.id, seed, f"w{i}"))
                jobs.append(Job(i, weights))
                expected.append(_reference_run(reference, case, weights, exercise, i))
    return jobs, expected


def _reference_run(reference: Callable[..., Any], case: Case, weights: list | None,
                   exercise: Exercise, index: int) -> Outcome:
    outcome = run_case(reference, case, weights)
    if outcome.error is not None:
        raise BankError(f"{exercise.id}: the reference fails on case {index + 1} "
                        f"({describe_case(case)}): {outcome.error}")
    for k, out in enumerate(outcome.outputs or []):
        if out.dtype.kind in "fc" and not np.isfinite(out).all():
            raise BankError(f"{exercise.id}: the reference gives nan/inf in output {k} of case "
                            f"{index + 1} ({describe_case(case)})")
    return outcome
