"""What the calls of one variant should give: read from the cache, or computed
by the trusted reference and then cached.

Computing imports torch in the tutor; a cache hit does not, so a correct
answer is graded with the tutor never loading torch. Only the built-in
bank's files run in the tutor: any other bank's reference runs in the
sandbox (bankcode.py). A known wrong solution is run only when an answer is
wrong, on that answer's own calls (prepare.py: wrong_outcomes).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dltutor.codecheck import bankcode, cache, forms
from dltutor.codecheck.cachekey import reference_key
from dltutor.codecheck.inputs import Case, describe_case, rng_for
from dltutor.codecheck.spec import Exercise
from dltutor.codecheck.trusted import Outcome, grad_weights, run_case
from dltutor.errors import BankError


@dataclass(frozen=True)
class Job:
    case: int  # index into Prepared.cases
    weights: list | None  # grad weights; None for a value call


def reference_results(
    exercise: Exercise, seed: int, cases: list[Case]
) -> tuple[list[Job], list[Outcome], str | None]:
    """The jobs, the reference's outcomes and the key they are cached under."""
    key = reference_key(exercise, seed)
    pairs, expected = cache.remembered(
        cache.entry(exercise.id, seed, "reference"),
        key,
        lambda: _run_reference(exercise, seed, cases),
        lambda jobs: all(0 <= case < len(cases) for case, _ in jobs),
    )
    return [Job(*pair) for pair in pairs], expected, key


def _run_reference(exercise: Exercise, seed: int, cases: list[Case]) -> tuple[list[Job], list[Outcome]]:
    """Every case once without gradients, then (for `grad: true`) each case
    with floating inputs again with gradients, weighted by the tutor's w."""
    jobs = [Job(i, None) for i in range(len(cases))]
    values = _reference_runs(exercise, cases, jobs)
    grad_jobs = []
    if exercise.grad:
        for i, (case, value) in enumerate(zip(cases, values)):
            if case.grad and any(a.dtype.kind == "f" for a in case.arrays):
                assert value.outputs is not None  # _checked refused every run that failed
                grad_jobs.append(Job(i, grad_weights(value.outputs, rng_for(exercise.id, seed, f"w{i}"))))
    grads = _reference_runs(exercise, cases, grad_jobs) if grad_jobs else []
    return jobs + grad_jobs, values + grads


def _reference_runs(exercise: Exercise, cases: list[Case], jobs: list[Job]) -> list[Outcome]:
    """The reference on `jobs`: in the tutor if built in, else in one sandbox run."""
    source = exercise.oracle or exercise.reference  # an oracle: trusted autograd for by-hand
    if bankcode.is_builtin(source):
        reference = forms.callable_in(exercise, source)
        got = [run_case(reference, cases[job.case], job.weights) for job in jobs]
    else:  # another bank's function exercises only: its forms run through the sandbox adapter
        got = bankcode.outcomes(source, exercise.function, cases, jobs, not exercise.numpy)
    return [_checked(outcome, cases[job.case], exercise, job.case) for outcome, job in zip(got, jobs)]


def _checked(outcome: Outcome, case: Case, exercise: Exercise, index: int) -> Outcome:
    if outcome.error is not None:
        raise BankError(
            f"{exercise.id}: the reference fails on case {index + 1} ({describe_case(case)}): {outcome.error}"
        )
    for k, out in enumerate(outcome.outputs or []):
        if out.dtype.kind in "fc" and not np.isfinite(out).all():
            raise BankError(
                f"{exercise.id}: the reference gives nan/inf in output {k} of case "
                f"{index + 1} ({describe_case(case)})"
            )
    return outcome
