"""Inputs and expected results for one check: the calls for the sandbox
and what they should give (expected.py: cached, or from the reference).

Every case (the exercise's own, then the edge battery) is one sandbox call
without gradients, probed for mutation, aliasing and reuse (probe.py); a
case of an exercise with `grad: true` that has floating inputs is called a
second time with gradients, after every value call (so a wrong value is
reported before a wrong gradient). The grad weights w are the tutor's.

A learner's check uses a fresh secret seed (`secret=True`): its expected
results are computed here, in the tutor, never stored (a stored entry per
secret seed would never be read again). Named seeds (`bank validate`,
tests) keep the on-disk cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dltutor.codecheck import bankcode, forms, probe
from dltutor.codecheck.compare import Mismatch, Tolerance, agrees, compare, compare_arrays, output_label
from dltutor.codecheck.expected import Job, _run_reference, reference_results
from dltutor.codecheck.forms.module import ADAPTER_LINE as MODULE_ADAPTER_LINE
from dltutor.codecheck.forms.training import ADAPTER_LINE as TRAIN_ADAPTER_LINE
from dltutor.codecheck.inputs import ARRAY, Case, build_cases, describe_case, rng_for
from dltutor.codecheck.probe import ENTRY
from dltutor.codecheck.spec import Exercise
from dltutor.codecheck.trusted import Outcome, run_case
from dltutor.sandbox import Call

# appended to the learner's source (probe.py): the function adapter, then the
# forms' (forms/module.py builds an nn.Module answer, forms/training.py a model
# for a training run)
ADAPTER_LINE = probe.ADAPTER_LINE + MODULE_ADAPTER_LINE + TRAIN_ADAPTER_LINE


@dataclass
class Failure:
    job: int
    mismatch: Mismatch
    mistake: str | None = None  # named by a checker


@dataclass
class Prepared:
    exercise: Exercise
    seed: int
    cases: list[Case]
    jobs: list[Job]
    expected: list[Outcome]
    key: str | None = None  # of the cache entry holding `expected`
    fill: float = 7777.25  # what the probe writes into outputs (drawn per check)
    _wrong: dict[str, list[Outcome]] = field(default_factory=dict)

    def kwargs(self, job: Job, function: str) -> dict[str, Any]:
        """What the adapter needs besides the arrays: names, layout, probe."""
        case = self.cases[job.case]
        extra: dict[str, Any] = {"__fn__": function, "__layout__": list(case.layout)}
        if forms.battery(self.exercise):
            extra["__strided__"] = list(case.strided)
        if forms.probed(self.exercise) and job.weights is None:  # value calls only
            extra["__probe__"] = self.fill
            if self.exercise.form == forms.FUNCTION:
                extra["__again__"] = self.wants_again()
        return {**case.kwargs, **extra}

    def wants_again(self) -> bool:
        """A second call on the same inputs is compared with the first, or
        given to a checker that takes it; else it is not worth its time (a
        NumPy training run with a checker trains once)."""
        check = self.exercise.check
        if self.stateful():
            return False
        if check is None or not bankcode.is_builtin(check):
            return True
        return _takes_again(bankcode.checker(check, []))

    def stateful(self) -> bool:
        """An in-place update legitimately gives another result when repeated."""
        return self.exercise.inplace_ok or self.exercise.battery.inplace is not None

    def calls(self, function: str) -> list[Call]:
        return [
            Call(
                forms.entry(self.exercise) or ENTRY,
                self.cases[job.case].arrays,
                self.kwargs(job, function),
                want_grad=job.weights is not None,
                grad_weights=job.weights,
                to_torch=not self.exercise.numpy,
            )
            for job in self.jobs
        ]

    def tolerance(self) -> Tolerance:
        if self.exercise.check is not None:  # values are the checker's business
            return lambda dtype, gradient: (np.inf, np.inf)
        return self.exercise.tolerance_for

    def split(self, results: list[Any]) -> list[probe.Probed]:
        probed = forms.probed(self.exercise)
        return [probe.split(got, probed and job.weights is None) for job, got in zip(self.jobs, results)]

    def first_failure(self, results: list[Any]) -> Failure | None:
        split = self.split(results)
        checker = bankcode.checker(
            self.exercise.check,
            [  # sandboxed unless built in
                (self.cases[job.case], got) for job, got in zip(self.jobs, split)
            ],
        )
        for i, (job, right, got) in enumerate(zip(self.jobs, self.expected, split)):
            problem = self._problem(job, right, got)
            if problem:
                return Failure(i, problem)
            if checker is not None:
                case = self.cases[job.case]
                found = (
                    checker(case, got.outputs, got.again)
                    if _takes_again(checker)
                    else checker(case, got.outputs)
                )
                if found:
                    return Failure(i, Mismatch(found[0], {}, "checker"), found[1])
        return None

    def _problem(self, job: Job, right: Outcome, got: probe.Probed) -> Mismatch | None:
        case, spec = self.cases[job.case], self.exercise
        names = flat_names(case)
        problem = compare(
            right, got, self.tolerance(), names, spec.outputs, gradients=spec.oracle is not None
        )  # a backward by hand
        if problem or job.weights is not None:
            return problem
        changeable = lambda name: spec.may_change(name.split("[")[0])  # noqa: E731
        returnable = lambda name: spec.may_return(name.split("[")[0])  # noqa: E731
        return (
            probe.mutation(list(case.arrays), got, names, changeable)
            or probe.aliasing(got, names, returnable, len(right.outputs or []))
            or self._again(right, got)
        )

    def _again(self, right: Outcome, got: probe.Probed) -> Mismatch | None:
        if not got.again or self.exercise.check is not None:
            return None  # a random function's second call is its checker's
        if len(got.again) != len(right.outputs or []):
            return Mismatch(
                "called a second time on the same inputs, it returned "
                f"{len(got.again)} values instead of {len(right.outputs or [])}",
                {"again": True},
                "again",
            )
        for k, (mine, want) in enumerate(zip(got.again, right.outputs or [])):
            what = output_label(k, len(got.again), self.exercise.outputs)
            found = compare_arrays(mine, want, self.tolerance()(want.dtype.name, False), what)
            if found:
                return Mismatch(
                    f"called a second time on the same inputs, it gave another result: {found.message}",
                    {**found.evidence, "again": True},
                    "again",
                )
        return None

    def describe(self, job_index: int) -> str:
        job = self.jobs[job_index]
        what = ", gradients" if job.weights is not None else ""
        return f"Case {job.case + 1} of {len(self.cases)}{what} — {describe_case(self.cases[job.case])}"

    def wrong_outcomes(self, path: str) -> list[Outcome]:
        """A known wrong solution's results on the same calls, through the same
        adapter (trusted code, run in the tutor; cheap once torch is loaded)."""
        file = self.exercise.path(path)
        if path not in self._wrong and not bankcode.is_builtin(file):
            # another bank's wrong file runs in the sandbox, on the learner's very calls
            got = bankcode._run(file, self.calls(self.exercise.function), ADAPTER_LINE)
            self._wrong[path] = [Outcome(c.outputs, c.grads, c.error, c.mutated_inputs) for c in got]
        if path not in self._wrong:
            function = forms.callable_in(self.exercise, self.exercise.path(path))
            if self.exercise.form == forms.FUNCTION:  # a form's entry is its own adapter
                function = probe.adapted(function, self.exercise.function)
            self._wrong[path] = [run_case(function, self._flat(job), job.weights) for job in self.jobs]
        return self._wrong[path]

    def _flat(self, job: Job) -> Case:
        case = self.cases[job.case]
        return Case(
            case.arrays,
            (ARRAY,) * len(case.arrays),
            tuple(flat_names(case)),
            self.kwargs(job, self.exercise.function),
        )

    def same_as(self, path: str, results: list[Any], failure: Failure) -> bool:
        """The known wrong solution fails where and as the learner's does, and
        gives the same results on every call: only then is its text theirs."""
        theirs = self.wrong_outcomes(path)
        own = self.first_failure(theirs)
        if own is None or own.job != failure.job or own.mismatch.kind != failure.mismatch.kind:
            return False
        mine, other = self.split(results), self.split(theirs)
        return all(agrees(a, b, self.tolerance()) for a, b in zip(mine, other))


def _takes_again(checker: Any) -> bool:
    import inspect

    try:
        return len(inspect.signature(checker).parameters) >= 3
    except (TypeError, ValueError):
        return False


def prepare(exercise: Exercise, seed: int, secret: bool = False) -> Prepared:
    """The cases (NumPy: cheap), and the expected results: from the cache
    when they are there, else from the reference (torch in the tutor). A
    secret seed's results are computed and kept in memory only."""
    cases = build_cases(exercise, seed)
    fill = float(rng_for(exercise.id, seed, "fill").uniform(1000, 9000))
    if secret:
        jobs, expected = _run_reference(exercise, seed, cases)
        return Prepared(exercise, seed, cases, jobs, expected, None, fill)
    jobs, expected, key = reference_results(exercise, seed, cases)
    return Prepared(exercise, seed, cases, jobs, expected, key, fill)


def flat_names(case: Case) -> list[str]:
    """A name per flat array: `x`, or `grads[1]` inside a list argument."""
    names = []
    for name, code in zip(case.names, case.layout):
        if code == -1:
            names.append(name)
        elif code >= 0:
            names += [f"{name}[{k}]" for k in range(code)]
    return names


__all__ = ["ADAPTER_LINE", "ENTRY", "Failure", "Job", "Prepared", "prepare"]
