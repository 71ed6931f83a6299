"""Derivations checked step by step: find the first line that does not follow.

Public API::

    split_lines(text, first_number=1) -> list[Line]      one expression per line, '=' optional
    find_head(text) -> Head | None                       d/dx (…), ∂/∂x (…), Derivative(…, x)
    check_steps(lines, variables, *, given=0, function=None, wrt=None) -> DerivationCheck
    read_line(line, variables, *, first, given) -> Step  one line read (the quiz checks as typed)
    DerivationCheck(steps, …).first_break / .unreadable / .to_json()
    Step(line, text, status, …)                          status: start | equal | differs |
                                                         unreadable | undecided
    UnreadableStep(AnswerFormatError)                    a line could not be read: no verdict
    summary(check, final_correct, target) -> str         the sentences a learner reads
    check_derivation(text, function=None, wrt=None) -> GradientSteps   (check-gradient --steps)
    is_derivation, read_derivation, grade_derivation     multi-line quiz answers
    claim_curves(claim, reference, var, point, domain) -> Curves      the picture of a wrong claim

Built on dltutor.mathexpr's public API only (parse, equivalent, diagnose,
derivative, numeric_function): lines are read by the safe parser, never eval,
and compared with the same bounded equivalence as one-line answers. Importing
this package imports neither SymPy nor NumPy; the functions do, when called.
"""

from __future__ import annotations

from .answer import grade_derivation, is_derivation, read_derivation
from .check import check_steps, read_line
from .gradient import GradientSteps, check_derivation
from .lines import Head, Line, find_head, split_lines
from .model import DerivationCheck, Step, UnreadableStep
from .picture import Curves, claim_curves
from .summary import summary

__all__ = [
    "split_lines",
    "find_head",
    "Line",
    "Head",
    "check_steps",
    "read_line",
    "DerivationCheck",
    "Step",
    "UnreadableStep",
    "summary",
    "check_derivation",
    "GradientSteps",
    "is_derivation",
    "read_derivation",
    "grade_derivation",
    "claim_curves",
    "Curves",
]
