"""Inputs and expected results for one variant: the calls for the sandbox
and what they should give (expected.py: cached, or from the reference).

Every case is one sandbox call without gradients; a case of an exercise
with `grad: true` that has floating inputs is called a second time with
gradients, after every value call (so a wrong value is reported before a
wrong gradient). The grad weights w are the tutor's, drawn per case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dltutor.codecheck import forms
from dltutor.codecheck.compare import Mismatch, Tolerance, agrees, compare
from dltutor.codecheck.forms.module import ADAPTER_LINE as MODULE_ADAPTER_LINE
from dltutor.codecheck.forms.training import ADAPTER_LINE as TRAIN_ADAPTER_LINE
from dltutor.codecheck.expected import Job, reference_results, wrong_results
from dltutor.codecheck.inputs import Case, build_cases, describe_case
from dltutor.codecheck.spec import Exercise
from dltutor.codecheck.trusted import Outcome, load_module
from dltutor.sandbox import Call

ADAPTER = '''
def __dltutor_call__(*arrays, __fn__, __layout__, **kwargs):
    target = globals()[__fn__.split(".")[0]]
    for part in __fn__.split(".")[1:]:
        target = getattr(target, part)
    args, at = [], 0
    for code in __layout__:
        if code == -2:
            args.append(None)
        elif code == -1:
            args.append(arrays[at])
            at += 1
        else:
            args.append(list(arrays[at:at + code]))
            at += code
    return target(*args, **kwargs)
'''
# appended to the learner's source: their line numbers stay theirs, and the
# adapter's frames (file "<dltutor>") never show in their traceback
ADAPTER_LINE = (f"\nexec(compile({ADAPTER!r}, '<dltutor>', 'exec'))\n"
                + MODULE_ADAPTER_LINE  # forms/module.py: building an nn.Module answer
                + TRAIN_ADAPTER_LINE)  # forms/training.py: a model for a training run
ENTRY = "__dltutor_call__"


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
    _wrong: dict[str, list[Outcome]] = field(default_factory=dict)

    def calls(self, function: str) -> list[Call]:
        entry = forms.entry(self.exercise) or ENTRY
        return [Call(entry, self.cases[job.case].arrays,
                     {**self.cases[job.case].kwargs, "__fn__": function,
                      "__layout__": list(self.cases[job.case].layout)},
                     want_grad=job.weights is not None, grad_weights=job.weights,
                     to_torch=not self.exercise.numpy)
                for job in self.jobs]

    def tolerance(self) -> Tolerance:
        if self.exercise.check is not None:  # values are the checker's business
            return lambda dtype, gradient: (np.inf, np.inf)
        return self.exercise.tolerance_for

    def first_failure(self, results: list[Any]) -> Failure | None:
        checker = load_module(self.exercise.check).check if self.exercise.check else None
        for i, (job, right, got) in enumerate(zip(self.jobs, self.expected, results)):
            case = self.cases[job.case]
            problem = compare(right, got, self.tolerance(), flat_names(case),
                              self.exercise.inplace_ok, self.exercise.outputs)
            if problem:
                return Failure(i, problem)
            if checker is not None:
                found = checker(case, got.outputs)
                if found:
                    return Failure(i, Mismatch(found[0]), found[1])
        return None

    def describe(self, job_index: int) -> str:
        job = self.jobs[job_index]
        what = ", gradients" if job.weights is not None else ""
        return (f"Case {job.case + 1} of {len(self.cases)}{what} — "
                f"{describe_case(self.cases[job.case])}")

    def wrong_outcomes(self, path: str) -> list[Outcome]:
        """A known wrong solution's results on the same calls (trusted code)."""
        if path not in self._wrong:
            self._wrong[path] = wrong_results(self.exercise, self.seed, self.key, path,
                                              self.cases, self.jobs)
        return self._wrong[path]

    def same_as(self, path: str, results: list[Any]) -> bool:
        return all(agrees(mine, theirs, self.tolerance())
                   for mine, theirs in zip(results, self.wrong_outcomes(path)))


def prepare(exercise: Exercise, seed: int) -> Prepared:
    """The cases (NumPy: cheap), and the expected results: from the cache
    when they are there, else from the reference (torch in the tutor)."""
    cases = build_cases(exercise, seed)
    jobs, expected, key = reference_results(exercise, seed, cases)
    return Prepared(exercise, seed, cases, jobs, expected, key)


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
