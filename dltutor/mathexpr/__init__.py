"""Safe math expressions for dltutor: parse without eval, and decide equality.

Public API (everything a kind, the CLI or a test needs)::

    Domain, parse_domain(text)                  real | positive | nonnegative | negative |
                                                probability | "(0, 1)" | "[0, 1)" | "(1, inf)"
    parse(text, variables, *, params=None) -> sympy.Expr
    parse_list(text, variables, *, params=None) -> list[Expr] | sympy.Matrix
    ExprFormatError                             an AnswerFormatError (message, position, text)
    equivalent(answer, reference, variables=None, *, params=None, timeout=3.0,
               confirm=0.02) -> Equivalence(equal, counterexample, answer_value,
                                            reference_value, method, points)
    derivative(expr, wrt) -> sympy.Expr         d/dwrt, σ written as σ
    diagnose(answer, reference, variables=None, *, function=None, wrt=None,
             params=None) -> Mistake(name, message) | None
    pretty(expr) -> str                         Unicode 2-D math
    parse_formula(text, *, matrices=None, functions=()) -> Expr | Eq | EqChain
    formula_holds(formula, variables=None) -> bool
    numeric_function(text, var="x") -> callable on NumPy arrays
    start_worker(), stop_worker()               the warm symbolic worker (optional)

`variables` maps each name a question declares to its domain (a Domain or a
string for parse_domain); a plain list of names means all real. Names may be
Greek (α or alpha), subscripted (x₁, x_1 and x1 are one name when one of them
is declared; ŷ, y_hat and yhat likewise), or words SymPy treats specially
(gamma, lambda, E, I, S, N, Q). Answers and references must be parsed with the
same variables so their symbols match. Text may be Unicode (e⁻ˣ, ½, √x), the
LaTeX subset of DESIGN §4 (latex.py), or textbook application (sin θ,
tanh² 4x; application.py); `parse_list` also reads `[a b; c d]`, `((a, b),
(c, d))`, `[..]ᵀ` and scalar–vector arithmetic (matrix_text.py, vectors.py).
A form with two readings raises ExprFormatError naming both.

Equivalence is numeric (mpmath, checked precision, random points over sign and
scale of each domain) and never evals or hangs. Points where the reference is
undefined are redrawn; a point where the reference has a value and the answer
has none is a counterexample. While the numbers are computed, a warm worker
process tries SymPy's proof on the other core; if it succeeds within `confirm`
seconds of the call, method is "numeric+symbolic". Pass confirm=0 in one-shot
commands: the worker then never starts. Importing this package imports SymPy
but not NumPy or torch.
"""

from __future__ import annotations

from .calculus import derivative
from .domains import Domain, parse_domain
from .equivalence import Equivalence, equivalent
from .errors import ExprFormatError
from .formula import EqChain, parse_formula
from .formula_check import formula_holds
from .mistakes import Mistake, diagnose
from .parser import parse, parse_list
from .plot import numeric_function
from .printing import pretty
from .worker import shared as _shared_worker


def start_worker() -> None:
    """Start the symbolic worker now (e.g. when a quiz opens), without waiting for it."""
    worker = _shared_worker()
    if not worker.alive():
        worker.start()


def stop_worker() -> None:
    _shared_worker().stop()


__all__ = [
    "Domain",
    "parse_domain",
    "parse",
    "parse_list",
    "ExprFormatError",
    "equivalent",
    "Equivalence",
    "derivative",
    "diagnose",
    "Mistake",
    "pretty",
    "parse_formula",
    "EqChain",
    "formula_holds",
    "numeric_function",
    "start_worker",
    "stop_worker",
]
