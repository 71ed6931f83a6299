"""The functions and constants a learner may use, as SymPy objects.

The deep-learning activations are `Function` subclasses rather than expanded
expressions so that "read as" shows what the learner typed (σ(x), not
1/(1 + e^-x)) and derivatives stay readable (σ' = σ(1 - σ)). Each one knows its
definition (`definition`, used by the numeric checker's fallbacks, the
symbolic worker and `formula_holds`) and its derivative (`fdiff`).
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp


class _Activation(sp.Function):
    """A one-argument activation with a closed-form definition."""

    nargs = 1
    pretty_name: str = ""

    @classmethod
    def define(cls, x: sp.Expr) -> sp.Expr:
        raise NotImplementedError

    def definition(self) -> sp.Expr:
        return self.define(self.args[0])

    def _eval_rewrite_as_exp(self, x: sp.Expr, **_: object) -> sp.Expr:
        return self.define(x)

    def _eval_evalf(self, prec: int) -> sp.Expr:
        return self.definition()._eval_evalf(prec)

    def _eval_is_real(self) -> bool | None:
        return self.args[0].is_real

    def _pretty(self, printer: object) -> object:
        name = self.pretty_name or type(self).__name__
        return printer._print_Function(self, func_name=name)  # type: ignore[attr-defined]

    def _latex(self, printer: object) -> str:
        name = {"σ": r"\sigma"}.get(self.pretty_name, rf"\operatorname{{{type(self).__name__}}}")
        return rf"{name}\left({printer._print(self.args[0])}\right)"  # type: ignore[attr-defined]


class sigmoid(_Activation):
    """The logistic function 1/(1 + e^-x), printed σ."""

    pretty_name = "σ"

    @classmethod
    def eval(cls, x: sp.Expr) -> sp.Expr | None:
        return sp.S.Half if x.is_zero else None

    @classmethod
    def define(cls, x: sp.Expr) -> sp.Expr:
        return 1 / (1 + sp.exp(-x))

    def fdiff(self, argindex: int = 1) -> sp.Expr:
        s = sigmoid(self.args[0])
        return s * (1 - s)


class softplus(_Activation):
    """log(1 + e^x); its derivative is σ(x)."""

    @classmethod
    def define(cls, x: sp.Expr) -> sp.Expr:
        return sp.log(1 + sp.exp(x))

    def fdiff(self, argindex: int = 1) -> sp.Expr:
        return sigmoid(self.args[0])


class relu(_Activation):
    """max(0, x); its derivative is the step function (1/2 at the kink)."""

    @classmethod
    def define(cls, x: sp.Expr) -> sp.Expr:
        return sp.Max(0, x)

    def fdiff(self, argindex: int = 1) -> sp.Expr:
        return sp.Heaviside(self.args[0])


class silu(_Activation):
    """x·σ(x), also called swish."""

    @classmethod
    def define(cls, x: sp.Expr) -> sp.Expr:
        return x * sigmoid(x)

    def fdiff(self, argindex: int = 1) -> sp.Expr:
        x = self.args[0]
        return sigmoid(x) + x * sigmoid(x) * (1 - sigmoid(x))


class gelu(_Activation):
    """The exact GELU x·Φ(x) = x(1 + erf(x/√2))/2 (not the tanh approximation)."""

    @classmethod
    def define(cls, x: sp.Expr) -> sp.Expr:
        return x * (1 + sp.erf(x / sp.sqrt(2))) / 2

    def fdiff(self, argindex: int = 1) -> sp.Expr:
        x = self.args[0]
        return (1 + sp.erf(x / sp.sqrt(2))) / 2 + x * sp.exp(-(x**2) / 2) / sp.sqrt(2 * sp.pi)


ACTIVATIONS: dict[str, type[_Activation]] = {
    "sigmoid": sigmoid,
    "softplus": softplus,
    "relu": relu,
    "silu": silu,
    "swish": silu,
    "gelu": gelu,
}


def _log(x: sp.Expr, base: sp.Expr | None = None) -> sp.Expr:
    return sp.log(x) if base is None else sp.log(x) / sp.log(base)


# asin and arcsin, acosh and arccosh, ...: every inverse under both names
INVERSES: dict[str, Callable[..., sp.Expr]] = {
    "sin": sp.asin,
    "cos": sp.acos,
    "tan": sp.atan,
    "sec": sp.asec,
    "csc": sp.acsc,
    "cot": sp.acot,
    "sinh": sp.asinh,
    "cosh": sp.acosh,
    "tanh": sp.atanh,
    "sech": sp.asech,
    "csch": sp.acsch,
    "coth": sp.acoth,
}

# name -> (builder, allowed argument counts); `None` means two or more.
FUNCTIONS: dict[str, tuple[Callable[..., sp.Expr], tuple[int, ...] | None]] = {
    "exp": (sp.exp, (1,)),
    "log": (_log, (1, 2)),
    "ln": (sp.log, (1,)),
    "log2": (lambda x: _log(x, sp.Integer(2)), (1,)),  # also log_2, log₂, \log_2
    "log10": (lambda x: _log(x, sp.Integer(10)), (1,)),
    "sqrt": (sp.sqrt, (1,)),
    "abs": (sp.Abs, (1,)),
    "sign": (sp.sign, (1,)),
    "sin": (sp.sin, (1,)),
    "cos": (sp.cos, (1,)),
    "tan": (sp.tan, (1,)),
    "sinh": (sp.sinh, (1,)),
    "cosh": (sp.cosh, (1,)),
    "tanh": (sp.tanh, (1,)),
    "sec": (sp.sec, (1,)),
    "csc": (sp.csc, (1,)),
    "cot": (sp.cot, (1,)),
    "sech": (sp.sech, (1,)),
    "csch": (sp.csch, (1,)),
    "coth": (sp.coth, (1,)),
    **{f"{prefix}{name}": (fn, (1,)) for name, fn in INVERSES.items() for prefix in ("a", "arc")},
    "erf": (sp.erf, (1,)),
    "erfc": (sp.erfc, (1,)),
    "Heaviside": (sp.Heaviside, (1,)),
    "max": (sp.Max, None),
    "min": (sp.Min, None),
    "sigma": (sigmoid, (1,)),  # σ(x) when no variable is called sigma
    **{name: (cls, (1,)) for name, cls in ACTIVATIONS.items()},
}

CONSTANTS: dict[str, sp.Expr] = {"pi": sp.pi, "e": sp.E}


def expand_activations(expr: sp.Basic) -> sp.Basic:
    """`expr` with every activation replaced by its definition (for SymPy's simplifier)."""
    for cls in (gelu, silu, softplus, relu, sigmoid):  # outer ones first: silu makes sigmoids
        expr = expr.replace(lambda e, c=cls: isinstance(e, c), lambda e: e.definition())
    return expr
