"""Deep-learning derivative pairs with their true verdicts (shared by tests and bench).

A pair either names the function and variable (the reference is then
`derivative(function, wrt)`, as in a derivative question) or gives the
reference text directly. Every verdict below was checked by hand and by an
independent high-precision evaluation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

X = {"x": "real"}
NEURON = {"w": "real", "x": "real", "b": "real", "y": "real"}
Z3 = {"z1": "real", "z2": "real", "z3": "real"}
XY = {"x": "real", "y": "real"}
XYZ = {"x": "real", "y": "real", "z": "real"}
PROB = {"p": "(0, 1)", "y": "real"}
LOGIT = {"z": "real", "y": "real"}
TWO = {"w1": "real", "w2": "real", "x": "real", "y": "real"}
DECAY = {"w": "real", "x": "real", "y": "real", "lambda": "positive"}
SOFTMAX_CE = "-log(exp(z1)/(exp(z1)+exp(z2)+exp(z3)))"
GELU_TANH = "0.5x(1+tanh(sqrt(2/pi)(x+0.044715x^3)))"
T = "tanh(sqrt(2/pi)(x+0.044715x^3))"
SIN4 = "sin(10(x+5)^4)"


@dataclass(frozen=True)
class Pair:
    answer: str
    reference: str | None  # None: derivative(function, wrt)
    equal: bool
    variables: dict = field(default_factory=lambda: dict(X))
    function: str | None = None
    wrt: str = "x"
    note: str = ""

    @property
    def label(self) -> str:
        ref = self.reference or f"d/d{self.wrt} {self.function}"
        return f"{self.answer} {'==' if self.equal else '!='} {ref}"


def d(
    function: str, answer: str, equal: bool, variables: dict | None = None, wrt: str = "x", note: str = ""
) -> Pair:
    return Pair(answer, None, equal, dict(variables or X), function, wrt, note)


def same(answer: str, reference: str, equal: bool, variables: dict | None = None, note: str = "") -> Pair:
    return Pair(answer, reference, equal, dict(variables or X), None, "x", note)


CORPUS: list[Pair] = [
    # sigmoid
    d("sigmoid(x)", "sigmoid(x)*(1-sigmoid(x))", True),
    d("sigmoid(x)", "exp(-x)/(1+exp(-x))^2", True),
    d("sigmoid(x)", "exp(x)/(1+exp(x))^2", True),
    d("sigmoid(x)", "1/(4cosh(x/2)^2)", True, note="simplify and .equals cannot prove this"),
    d("sigmoid(x)", "sech(x/2)^2/4", True),
    d("sigmoid(x)", "σ(-x)σ(x)", True),
    d("sigmoid(x)", "sigmoid(x)^2", False),
    d("sigmoid(x)", "σ(x)(1+σ(x))", False),
    d("sigmoid(x)", "exp(-x)/(1+exp(-x))", False),
    d("1/(1+e^-x)", "σ(x)(1-σ(x))", True),
    # tanh
    d("tanh(x)", "1 - tanh(x)^2", True),
    d("tanh(x)", "sech(x)^2", True),
    d("tanh(x)", "1/cosh(x)^2", True),
    d("tanh(x)", "4/(e^x + e^-x)^2", True),
    d("tanh(x)", "4σ(2x)(1-σ(2x))", True),
    d("tanh(x)", "1 + tanh(x)^2", False),
    d("tanh(x)", "1 - tanh(x)", False),
    d("tanh(x)", "2σ(2x)(1-σ(2x))", False),
    # softplus
    d("log(1+e^x)", "σ(x)", True),
    d("log(1+e^x)", "e^x/(1+e^x)", True),
    d("log(1+e^x)", "1/(1+e^-x)", True),
    d("log(1+e^x)", "(1 + tanh(x/2))/2", True),
    d("softplus(x)", "sigmoid(x)", True),
    d("log(1+e^x)", "1/(1+e^x)", False),
    d("log(1+e^x)", "e^x", False),
    d("log(1+e^x)", "1/(1+e^x)", False),
    # GELU: exact, and the tanh approximation (a different function)
    d("gelu(x)", "(1+erf(x/sqrt(2)))/2 + x exp(-x^2/2)/sqrt(2pi)", True),
    d("x/2 (1+erf(x/√2))", "½(1 + erf(x/√2)) + x/√(2π) e^(-x²/2)".replace("½", "1/2"), True),
    same("gelu(x)", "x(1+erf(x/sqrt(2)))/2", True),
    same("gelu(x)", GELU_TANH, False, note="the tanh approximation is not GELU"),
    d("gelu(x)", "(1+erf(x/sqrt(2)))/2", False),
    d("gelu(x)", "(1+erf(x/sqrt(2)))/2 + x exp(-x^2/2)", False),
    d(GELU_TANH, f"0.5(1+{T}) + 0.5x(1-{T}^2) sqrt(2/pi)(1+3*0.044715x^2)", True),
    d(GELU_TANH, f"0.5(1+{T}) + 0.5x(1-{T}^2) sqrt(2/pi)", False),
    d("gelu(x)", f"0.5(1+{T}) + 0.5x(1-{T}^2) sqrt(2/pi)(1+3*0.044715x^2)", False),
    # SiLU / swish
    d("silu(x)", "σ(x) + xσ(x)(1-σ(x))", True),
    d("x*sigmoid(x)", "σ(x)(1 + x(1-σ(x)))", True),
    d("x*sigmoid(x)", "sigmoid(x)*(1-sigmoid(x))", False, note="product rule term missing"),
    d("swish(x)", "silu(x) + σ(x)(1 - silu(x))", True),
    d("x*sigmoid(x)", "σ(x) + xσ(x)^2", False),
    d("x*sigmoid(x)", "(1 + e^-x + x e^-x)/(1+e^-x)^2", True),
    # log-sigmoid
    d("log(sigmoid(x))", "1 - σ(x)", True),
    d("log(sigmoid(x))", "σ(-x)", True),
    d("log(sigmoid(x))", "1/(1+e^x)", True),
    d("log(sigmoid(x))", "e^-x/(1+e^-x)", True),
    d("-log(1+exp(-x))", "σ(-x)", True),
    d("log(sigmoid(x))", "1/σ(x)", False),
    d("log(sigmoid(x))", "-σ(x)", False),
    # softmax with cross-entropy
    d(SOFTMAX_CE, "exp(z1)/(exp(z1)+exp(z2)+exp(z3)) - 1", True, Z3, "z1"),
    d(SOFTMAX_CE, "exp(z2)/(exp(z1)+exp(z2)+exp(z3))", True, Z3, "z2"),
    d(SOFTMAX_CE, "exp(z1)/(exp(z1)+exp(z2)+exp(z3))", False, Z3, "z1"),
    d(SOFTMAX_CE, "1 - exp(z1)/(exp(z1)+exp(z2)+exp(z3))", False, Z3, "z1"),
    d("exp(z1)/(exp(z1)+exp(z2))", "σ(z1-z2)(1-σ(z1-z2))", True, Z3, "z1"),
    d("exp(z1)/(exp(z1)+exp(z2))", "-exp(z1)exp(z2)/(exp(z1)+exp(z2))^2", True, Z3, "z2"),
    d("-(y log(p) + (1-y) log(1-p))", "-y/p + (1-y)/(1-p)", True, PROB, "p", "BCE on probabilities"),
    d("-(y log(p) + (1-y) log(1-p))", "(p - y)/(p(1-p))", True, PROB, "p"),
    d("-(y log(p) + (1-y) log(1-p))", "-y/p - (1-y)/(1-p)", False, PROB, "p"),
    d("-(y log(p) + (1-y) log(1-p))", "(p - y)/p", False, PROB, "p"),
    d("-y log(p)", "-y/p", True, PROB, "p"),
    d("-y log(p)", "y/p", False, PROB, "p"),
    # log-sum-exp
    d("log(e^x + e^y)", "e^x/(e^x + e^y)", True, XY),
    d("log(e^x + e^y)", "σ(x - y)", True, XY),
    d("log(e^x + e^y)", "1/(1 + e^(y-x))", True, XY),
    d("log(e^x + e^y)", "e^x/(e^x + e^y) + 1", False, XY),
    d("log(e^x + e^y)", "e^x", False, XY),
    d("log(e^x + e^y + e^z)", "e^y/(e^x + e^y + e^z)", True, XYZ, "y"),
    same("log(e^(x-y) + 1) + y", "log(e^x + e^y)", True, XY),
    same("max(x, y) + log(1 + e^(-|x-y|))", "log(e^x + e^y)", True, XY, "stable log-sum-exp"),
    same("max(x, y)", "log(e^x + e^y)", False, XY),
    # MSE
    d("(w x + b - y)^2/2", "(w x + b - y) x", True, NEURON, "w"),
    d("(w x + b - y)^2/2", "w x + b - y", True, NEURON, "b"),
    d("(w x + b - y)^2/2", "w x + b - y", False, NEURON, "w"),
    d("(w x + b - y)^2/2", "2(w x + b - y) x", False, NEURON, "w"),
    d("(w x + b - y)^2", "2x(wx + b - y)", True, NEURON, "w"),
    d("(w x + b - y)^2", "2x^2 w + 2xb - 2xy", True, NEURON, "w"),
    d("((y - w)^2 + (x - b)^2)/2", "w - y", True, NEURON, "w"),
    d("((y - w)^2 + (x - b)^2)/2", "y - w", False, NEURON, "w"),
    # BCE on logits
    d("-(y log(σ(z)) + (1-y) log(1 - σ(z)))", "σ(z) - y", True, LOGIT, "z"),
    d("-(y log(σ(z)) + (1-y) log(1 - σ(z)))", "y - σ(z)", False, LOGIT, "z"),
    d("softplus(z) - y z", "σ(z) - y", True, LOGIT, "z"),
    d("max(z, 0) - z y + log(1 + e^(-|z|))", "σ(z) - y", True, LOGIT, "z", "stable BCE"),
    d("-(y log(σ(z)) + (1-y) log(1 - σ(z)))", "σ(z)(1-σ(z)) - y", False, LOGIT, "z"),
    # weight decay
    d("(w x - y)^2/2 + λ/2 w^2", "(w x - y) x + λ w", True, DECAY, "w"),
    d("(w x - y)^2/2 + lambda/2 w^2", "(w x - y) x + lambda", False, DECAY, "w"),
    d("(w x - y)^2/2 + lambda/2 w^2", "(w x - y) x + 2 lambda w", False, DECAY, "w"),
    d("lambda (w^2 + x^2)", "2 lambda w", True, DECAY, "w"),
    # a neuron
    d("σ(w x + b)", "x σ(wx + b)(1 - σ(wx + b))", True, NEURON, "w"),
    d("σ(w x + b)", "σ(wx + b)(1 - σ(wx + b))", True, NEURON, "b"),
    d("σ(w x + b)", "σ(wx + b)(1 - σ(wx + b))", False, NEURON, "w", "chain factor x missing"),
    d("tanh(w x + b)", "x(1 - tanh(wx + b)^2)", True, NEURON, "w"),
    d("relu(w x + b)", "x Heaviside(w x + b)", True, NEURON, "w"),
    d("relu(w x + b)", "Heaviside(w x + b)", False, NEURON, "w"),
    d("relu(w x + b)", "Heaviside(wx + b)", True, NEURON, "b"),
    d("relu(w x + b)", "(sign(wx + b) + 1)/2", True, NEURON, "b"),
    d("(σ(w x + b) - y)^2/2", "(σ(wx+b) - y) σ(wx+b)(1 - σ(wx+b)) x", True, NEURON, "w"),
    d("(σ(w x + b) - y)^2/2", "(σ(wx+b) - y) x", False, NEURON, "w"),
    # two-layer chains
    d("w2 tanh(w1 x)", "w2 x (1 - tanh(w1 x)^2)", True, TWO, "w1"),
    d("w2 tanh(w1 x)", "w2 (1 - tanh(w1 x)^2)", False, TWO, "w1"),
    d("w2 tanh(w1 x)", "tanh(w1 x)", True, TWO, "w2"),
    d("σ(w2 relu(w1 x))", "σ(w2 relu(w1 x))(1 - σ(w2 relu(w1 x))) w2 Heaviside(w1 x) x", True, TWO, "w1"),
    d("(w2 σ(w1 x) - y)^2/2", "(w2 σ(w1 x) - y) w2 σ(w1 x)(1 - σ(w1 x)) x", True, TWO, "w1"),
    d("(w2 σ(w1 x) - y)^2/2", "(w2 σ(w1 x) - y) σ(w1 x)(1 - σ(w1 x)) x", False, TWO, "w1"),
    # traps: agree on part of the domain, or at integers only
    same("2x", "2|x|", False, note="equal only for x > 0"),
    same("x", "sqrt(x^2)", False),
    same("x", "sqrt(x^2)", True, {"x": "positive"}),
    same("sin(pi x)", "0", False, note="zero at every integer"),
    same("cos(2 pi x)", "1", False, note="one at every integer"),
    same("x + sin(pi x)^2", "x", False),
    same("2 log(x)", "log(x^2)", False, note="the answer is undefined for x < 0"),
    same("log(x^2)", "2 log(x)", True, note="compared where the reference is defined"),
    same("2 log(x)", "log(x^2)", True, {"x": "positive"}),
    # piecewise, compared away from the kinks
    same("relu(x)", "(x + |x|)/2", True),
    same("relu(x)", "x Heaviside(x)", True),
    same("relu(x)", "max(x, 0)", True),
    same("|x|", "x sign(x)", True),
    same("|x|", "x", False),
    same("max(x, 0) - max(-x, 0)", "x", True),
    same("|x|/x", "sign(x)", True),
    same("min(x, 0)", "x - relu(x)", True),
    same("relu(-x)", "-min(x, 0)", True),
    d("relu(x)", "Heaviside(x)", True),
    d("relu(x)", "(1 + sign(x))/2", True),
    d("relu(x)", "sign(x)", False),
    # simplify and .equals are slow here
    d(SIN4, "40(x+5)^3 cos(10(x+5)^4)", True),
    d(SIN4, "40(x+5)^3 cos(10(x+5)^4) + 10^-6", False),
    d(SIN4, "cos(10(x+5)^4)", False),
    d(SIN4, "40(x+5)^4 cos(10(x+5)^4)", False),
    d(SIN4, "4(x+5)^3 cos(10(x+5)^4)", False),
    # overflow and cancellation
    same("log(1 + e^x)", "x + log(1 + e^-x)", True),
    same("σ(x) - σ(-x)", "tanh(x/2)", True),
    same("(1 - e^(-2x))/(1 + e^(-2x))", "tanh(x)", True),
    same("(e^x - e^-x)/(e^x + e^-x)", "tanh(x)", True),
    same("cosh(x)^2 - sinh(x)^2", "1", True),
    same("cosh(x) - sinh(x)", "e^-x", True),
    same("e^x/(1 + e^x)", "1 - 1/(1 + e^x)", True),
    same("sinh(x)/cosh(x)", "tanh(x)", True),
    d("e^(100x)", "100 e^(100x)", True),
    d("e^(100x)", "e^(100x)", False),
    # more calculus
    d("log(p/(1-p))", "1/(p(1-p))", True, PROB, "p"),
    d("log(p/(1-p))", "1/p - 1/(1-p)", False, PROB, "p"),
    d("log(p/(1-p))", "1/p + 1/(1-p)", True, PROB, "p"),
    d("p log(p) + (1-p) log(1-p)", "log(p) - log(1-p)", True, PROB, "p"),
    d("p log(p) + (1-p) log(1-p)", "log(p/(1-p))", True, PROB, "p"),
    d("p log(p) + (1-p) log(1-p)", "log(p) + log(1-p)", False, PROB, "p"),
    d("erf(x)", "2 e^(-x^2)/sqrt(pi)", True),
    d("erf(x)", "2 e^(-x^2)", False),
    d("atan(x)", "1/(1 + x^2)", True),
    d("atan(x)", "1/(1 + x)^2", False),
    d("asinh(x)", "1/sqrt(1 + x^2)", True),
    d("exp(-x^2/2)", "-x e^(-x^2/2)", True),
    d("sech(x)", "-sech(x) tanh(x)", True),
    d("sech(x)", "sech(x) tanh(x)", False),
    d("x^x", "x^x (log(x) + 1)", True, {"x": "positive"}),
    d("x^x", "x x^(x-1)", False, {"x": "positive"}),
    d("x^2 y^3", "3x^2 y^2", True, XY, "y"),
    d("x^2 y^3", "2x y^3", False, XY, "y"),
    d("α x^2", "2αx", True, {"x": "real", "alpha": "positive"}),
    d("e^(2x)", "2e^(2x)", True),
    d("e^(2x)", "e^(2x)", False),
]
