"""Every gradient the calculus-backprop bank states, recomputed with torch.autograd.

Covers the `calculus-backprop` topic and the derivative questions appended to
`activations` (act.d-*) and `linear-algebra` (la.grad-*). Each test loads a
question through the library and draws several variants. Numeric and shape
answers are compared with what PyTorch computes. For symbolic questions
(derivative, expression, matrix) the bank's reference -- for `derivative`
the one SymPy computes from `function` -- is evaluated at random points and
compared with the gradient autograd takes of an independent PyTorch
implementation of the same function (F.cross_entropy, F.gelu, ...); every
listed wrong answer must differ from autograd somewhere. The lesson's worked
examples are recomputed too. If the bank said a wrong thing, these fail.
"""

from __future__ import annotations

import math
import random
from typing import Callable

import pytest
import sympy as sp
import torch
import torch.nn as nn
import torch.nn.functional as F

from dltutor.bank.models import Variant
from dltutor.grading import reference_text, wrong_answer_text
from dltutor.kinds import matrix
from dltutor.kinds.symbolic import read, variables
from dltutor.mathexpr.vocabulary import expand_activations

from bank_access import (assert_checked, bank_questions, called_ids, close, dims, number, shows,
                         variants)

SYMBOLIC_SEEDS = range(12)
POINTS = 4
F64 = torch.float64
META = torch.device("meta")
TOPIC = "calculus-backprop"
APPENDED = ("act.d-", "la.grad-")  # this file's questions in other topics


# symbolic answers, evaluated --------------------------------------------------

def entries(variant: Variant, text: str) -> list[sp.Expr]:
    """An answer as the library reads it: one expression, or a matrix's entries row by row."""
    if variant.question.kind == "matrix":
        return [entry for row in matrix.parse(text, variant) for entry in row]
    return [read(text, variant)]


def value(expr: sp.Expr, point: dict[str, float]) -> float:
    plain = expand_activations(expr)
    subs = {s: sp.Float(point[s.name], 30) for s in plain.free_symbols}
    return float(sp.N(plain.xreplace(subs), 30))


def draw_point(variant: Variant, rng: random.Random) -> dict[str, float]:
    point = {}
    for name, domain in variables(variant).items():
        if domain == "real":
            point[name] = rng.uniform(-3, 3)
        elif domain in ("(0, 1)", "[0, 1]"):
            point[name] = rng.uniform(0.05, 0.95)
        else:
            raise AssertionError(f"no sampler for the domain {domain!r}")
    return point


def check_symbolic(question_id: str, autograd: Callable[[Variant, dict[str, float]], list[float]]) -> None:
    """The reference equals autograd at random points; every wrong answer differs somewhere."""
    rng = random.Random(question_id)
    for v in variants(question_id, SYMBOLIC_SEEDS):
        reference = entries(v, reference_text(v))
        wrongs = [entries(v, wrong_answer_text(v, w.answer)) for w in v.wrong]
        differs = [False] * len(wrongs)
        for _ in range(POINTS):
            point = draw_point(v, rng)
            expected = autograd(v, point)
            assert len(expected) == len(reference), f"{question_id}: shape"
            got = [value(e, point) for e in reference]
            assert got == pytest.approx(expected, rel=1e-9, abs=1e-12), (question_id, v.seed, point)
            for k, wrong in enumerate(wrongs):
                if len(wrong) != len(expected) or any(
                        not math.isclose(value(e, point), t, rel_tol=1e-6, abs_tol=1e-9)
                        for e, t in zip(wrong, expected)):
                    differs[k] = True
        for k, w in enumerate(v.wrong):
            assert differs[k], f"{question_id} seed {v.seed}: wrong answer {w.mistake} is right"


def leaves(point: dict[str, float], *names: str) -> list[torch.Tensor]:
    return [torch.tensor(point[n], dtype=F64, requires_grad=True) for n in names]


def grads(output: torch.Tensor, inputs: list[torch.Tensor]) -> list[float]:
    return [g.item() for g in torch.autograd.grad(output, inputs)]


def vector(point: dict[str, float], *names: str) -> torch.Tensor:
    return torch.tensor([point[n] for n in names], dtype=F64, requires_grad=True)


def vector_grad(output: torch.Tensor, x: torch.Tensor) -> list[float]:
    return torch.autograd.grad(output, x)[0].tolist()


def d_dx(function: Callable[[torch.Tensor], torch.Tensor]):
    """Autograd of a one-variable function, as the `autograd` argument of check_symbolic."""
    def run(v: Variant, point: dict[str, float]) -> list[float]:
        (name,) = variables(v)
        x = leaves(point, name)
        return grads(function(x[0]), x)
    return run


# calculus-backprop: symbolic ---------------------------------------------------

def test_chain_power():
    def autograd(v, point):
        k = v.values
        return d_dx(lambda x: (k["a"] * x + k["b"]) ** k["n"])(v, point)
    check_symbolic("cb.chain-power", autograd)


def test_neuron_grad_w():
    def autograd(v, point):
        w, x, b = leaves(point, "w", "x", "b")
        return grads(torch.sigmoid(w * x + b), [w])
    check_symbolic("cb.neuron-grad-w", autograd)


def test_neuron_loss_grad():
    def autograd(v, point):
        w, b = leaves(point, "w", "b")
        neuron = nn.Linear(1, 1).double()
        with torch.no_grad():
            neuron.weight.fill_(w.item())
            neuron.bias.fill_(b.item())
        a = torch.sigmoid(neuron(torch.tensor([[float(v.values["x0"])]], dtype=F64)))
        loss = 0.5 * F.mse_loss(a, torch.tensor([[float(v.values["y0"])]], dtype=F64))
        loss.backward()
        return [neuron.weight.grad.item(), neuron.bias.grad.item()]
    check_symbolic("cb.neuron-loss-grad", autograd)


def test_two_layer_chain():
    def autograd(v, point):
        k = v.values
        hidden = nn.Sequential(nn.Linear(1, 1, bias=False), nn.Sigmoid(),
                               nn.Linear(1, 1, bias=False), nn.Tanh()).double()
        with torch.no_grad():
            hidden[0].weight.fill_(k["w1"])
            hidden[2].weight.fill_(k["w2"])
        x = torch.tensor([[point["x"]]], dtype=F64, requires_grad=True)
        return [torch.autograd.grad(hidden(x).sum(), x)[0].item()]
    check_symbolic("cb.two-layer-chain", autograd)


def test_quadratic_form_gradient():
    def autograd(v, point):
        k = v.values
        a = torch.tensor([[k["a"], k["b"]], [k["c"], k["d"]]], dtype=F64)
        assert not torch.equal(a, a.T), "the question needs a non-symmetric A"
        x = vector(point, "x1", "x2")
        return vector_grad(x @ a @ x, x)
    check_symbolic("cb.quadratic-form-gradient", autograd)


def test_jacobian_elementwise():
    def autograd(v, point):
        x = torch.tensor([point["x1"], point["x2"]], dtype=F64)
        return torch.autograd.functional.jacobian(torch.tanh, x).ravel().tolist()
    check_symbolic("cb.jacobian-elementwise", autograd)


def test_mse_gradient():
    def autograd(v, point):
        p = vector(point, "p1", "p2", "p3")
        target = torch.tensor([v.values["y1"], v.values["y2"], v.values["y3"]], dtype=F64)
        return vector_grad(F.mse_loss(p, target), p)  # reduction='mean'
    check_symbolic("cb.mse-gradient", autograd)


def test_bce_prob_gradient():
    def autograd(v, point):
        p = torch.tensor([point["p"]], dtype=F64, requires_grad=True)
        return vector_grad(F.binary_cross_entropy(p, torch.tensor([point["y"]], dtype=F64)), p)
    check_symbolic("cb.bce-prob-gradient", autograd)


def test_bce_logit_gradient():
    def autograd(v, point):
        z = torch.tensor([point["z"]], dtype=F64, requires_grad=True)
        target = torch.tensor([float(v.values["y"])], dtype=F64)
        return vector_grad(F.binary_cross_entropy_with_logits(z, target), z)
    check_symbolic("cb.bce-logit-gradient", autograd)


def test_logsumexp_gradient_is_softmax():
    def autograd(v, point):
        z = vector(point, "z1", "z2", "z3")
        gradient = vector_grad(torch.logsumexp(z, dim=0), z)
        assert gradient == pytest.approx(torch.softmax(z.detach(), 0).tolist(), rel=1e-12)
        return gradient
    check_symbolic("cb.lse-gradient", autograd)


def test_softmax_cross_entropy_gradient():
    def autograd(v, point):
        z = vector(point, "z1", "z2", "z3")
        loss = F.cross_entropy(z[None], torch.tensor([v.values["c"] - 1]))
        return vector_grad(loss, z)
    check_symbolic("cb.softmax-ce-gradient", autograd)


def test_weight_decay_gradient():
    def autograd(v, point):
        # a data loss with gradient g at every w: L(w) = g·w
        g, w = point["g"], torch.tensor(point["w"], dtype=F64, requires_grad=True)
        total = g * w + v.values["lam"] / 2 * w ** 2
        (grad,) = torch.autograd.grad(total, w)
        # and the same as the decay PyTorch's SGD adds for weight_decay=λ
        param = nn.Parameter(torch.tensor([point["w"]], dtype=F64))
        param.grad = torch.tensor([g], dtype=F64)
        torch.optim.SGD([param], lr=1.0, weight_decay=v.values["lam"]).step()
        assert point["w"] - param.item() == pytest.approx(grad.item(), rel=1e-9, abs=1e-12)
        return [grad.item()]
    check_symbolic("cb.weight-decay-gradient", autograd)


# calculus-backprop: numeric and shape ------------------------------------------

def test_jacobian_shape():
    for v in variants("cb.jacobian-shape"):
        layer = nn.Linear(v.values["n"], v.values["m"]).double()
        jac = torch.autograd.functional.jacobian(layer, torch.randn(v.values["n"], dtype=F64))
        assert jac.shape == dims(v)
        assert torch.allclose(jac, layer.weight)


def test_weight_grad_shape():
    for v in variants("cb.weight-grad-shape"):
        k = v.values
        layer = nn.Linear(k["n_in"], k["n_out"])
        layer(torch.randn(k["N"], k["n_in"])).pow(2).mean().backward()
        assert layer.weight.grad.shape == dims(v)


def test_backprop_numeric():
    for v in variants("cb.backprop-numeric"):
        k = v.values
        w = torch.tensor(float(k["w"]), dtype=F64, requires_grad=True)
        a = torch.sigmoid(w * k["x"] + k["b"])
        (0.5 * (a - k["y"]) ** 2).backward()
        close(number(v), w.grad.item())


def test_central_difference():
    for v in variants("cb.central-difference"):
        x0, h = (torch.tensor(float(v.values[n]), dtype=F64) for n in ("x0", "h"))
        estimate = ((x0 + h) ** 3 - (x0 - h) ** 3) / (2 * h)
        close(number(v), estimate.item())
        x = x0.clone().requires_grad_()
        (x ** 3).backward()
        assert number(v) - x.grad.item() == pytest.approx(h.item() ** 2, rel=1e-6)


# activations: the appended derivative questions ----------------------------------

def test_sigmoid_derivative():
    check_symbolic("act.d-sigmoid", d_dx(torch.sigmoid))


def test_sigmoid_derivative_step_by_step():
    check_symbolic("act.d-sigmoid-steps", d_dx(torch.sigmoid))


def test_sigmoid_slope_from_output():
    def autograd(v, point):
        z = torch.logit(torch.tensor(point["a"], dtype=F64)).requires_grad_()
        return grads(torch.sigmoid(z), [z])
    check_symbolic("act.d-sigmoid-from-output", autograd)


def test_log_sigmoid_derivative():
    check_symbolic("act.d-log-sigmoid", d_dx(F.logsigmoid))


def test_tanh_derivative():
    def autograd(v, point):
        return d_dx(lambda x: torch.tanh(v.values["a"] * x))(v, point)
    check_symbolic("act.d-tanh", autograd)


def test_softplus_derivative():
    check_symbolic("act.d-softplus", d_dx(F.softplus))


def test_silu_derivative():
    check_symbolic("act.d-silu", d_dx(F.silu))


def test_swish_beta_derivative():
    def autograd(v, point):
        beta = v.values["beta"]
        return d_dx(lambda x: F.silu(beta * x) / beta)(v, point)  # x·σ(βx) = silu(βx)/β
    check_symbolic("act.d-swish-beta", autograd)


def test_gelu_derivative_is_exact_gelu():
    check_symbolic("act.d-gelu", d_dx(F.gelu))  # approximate='none' by default


# linear-algebra: the appended gradient questions ---------------------------------

def test_linear_gradient():
    def autograd(v, point):
        w = vector(point, "w1", "w2", "w3")
        unit = nn.Linear(3, 1).double()
        with torch.no_grad():
            unit.bias.fill_(point["b"])
        x = torch.tensor([v.values["x1"], v.values["x2"], v.values["x3"]], dtype=F64)
        return vector_grad(F.linear(x, w[None], unit.bias).sum(), w)
    check_symbolic("la.grad-linear", autograd)


def least_squares_problem(v: Variant) -> tuple[torch.Tensor, torch.Tensor]:
    k = v.values
    return (torch.tensor([[k["a11"], k["a12"]], [k["a21"], k["a22"]]], dtype=F64),
            torch.tensor([k["b1"], k["b2"]], dtype=F64))


def test_least_squares_gradient():
    def autograd(v, point):
        a, b = least_squares_problem(v)
        x = vector(point, "x1", "x2")
        return vector_grad(torch.linalg.vector_norm(a @ x - b) ** 2, x)
    check_symbolic("la.grad-least-squares", autograd)


def test_least_squares_gradient_vanishes_at_the_lstsq_solution():
    for v in variants("la.grad-least-squares"):
        a, b = least_squares_problem(v)
        best = torch.linalg.lstsq(a, b[:, None], driver="gelsd").solution.ravel().tolist()
        point = {"x1": best[0], "x2": best[1]}
        assert [value(e, point) for e in entries(v, reference_text(v))] == pytest.approx([0, 0], abs=1e-9)


def line_fit(v: Variant) -> tuple[torch.Tensor, torch.Tensor]:
    t = torch.tensor([[0.0, 1], [1, 1], [2, 1]], dtype=F64)  # rows (tᵢ, 1)
    return t, torch.tensor([v.values["y1"], v.values["y2"], v.values["y3"]], dtype=F64)


def test_normal_equations_gradient():
    def autograd(v, point):
        a, y = line_fit(v)
        theta = vector(point, "w", "c")
        return vector_grad(((a @ theta - y) ** 2).sum(), theta)
    check_symbolic("la.grad-normal-equations", autograd)


def test_normal_equations_gradient_vanishes_at_the_least_squares_line():
    for v in variants("la.grad-normal-equations"):
        a, y = line_fit(v)
        w, c = torch.linalg.lstsq(a, y[:, None]).solution.ravel().tolist()
        gradient = [value(e, {"w": w, "c": c}) for e in entries(v, reference_text(v))]
        assert gradient == pytest.approx([0, 0], abs=1e-9)


# the lesson's worked examples ------------------------------------------------------

def d4(value: float) -> str:
    return f"{value:.4f}".replace("-", "−")


def vec(values) -> str:
    return "(" + ", ".join(d4(v) for v in values) + ")"


def test_lesson_two_layer_example_matches_autograd():
    x = torch.tensor([1.0, -1.0], dtype=F64)
    net = nn.Sequential(nn.Linear(2, 2), nn.Sigmoid(), nn.Linear(2, 1), nn.Sigmoid()).double()
    with torch.no_grad():
        net[0].weight.copy_(torch.tensor([[0.5, -0.5], [1.0, 1.0]]))
        net[0].bias.zero_()
        net[2].weight.copy_(torch.tensor([[1.0, -2.0]]))
        net[2].bias.zero_()
    z1 = net[0](x)
    a1 = net[1](z1)
    z2 = net[2](a1)
    a2 = net[3](z2)
    y = torch.tensor([1.0], dtype=F64)
    loss = 0.5 * F.mse_loss(a2, y, reduction="sum")
    for t in (z1, a1, z2, a2):
        t.retain_grad()
    loss.backward()
    delta2, delta1 = z2.grad, z1.grad  # autograd's ∂L/∂z per layer
    shows(TOPIC, f"z₁ = W₁x = ({z1[0]:g}, {z1[1]:g}), a₁ = σ(z₁) = {vec(a1.tolist())}",
          f"z₂ = W₂a₁ = {d4(a1[0].item())} − 1 = {d4(z2.item())}, a₂ = σ(z₂) = {d4(a2.item())}",
          f"L = ½({d4(a2.item())} − 1)² = {d4(loss.item())}")
    slope2 = (a2 * (1 - a2)).item()
    shows(TOPIC,
          f"δ₂ = (a₂ − y) σ′(z₂) = {d4((a2 - y).item())} · {d4(slope2)} = {d4(delta2.item())}")
    assert delta2.item() == pytest.approx(((a2 - y) * slope2).item(), rel=1e-12)
    shows(TOPIC, f"∂L/∂W₂ = δ₂ a₁ᵀ = {vec(net[2].weight.grad.ravel().tolist())}, "
          f"∂L/∂b₂ = {d4(net[2].bias.grad.item())}")
    back = (net[2].weight.T @ delta2).tolist()
    slope1 = (a1 * (1 - a1)).tolist()
    shows(TOPIC, f"W₂ᵀδ₂ = {vec(back)}, σ′(z₁) = {vec(slope1)}",
          f"δ₁ = ({d4(back[0])} · {d4(slope1[0])}, {d4(back[1])} · {d4(slope1[1])}) = "
          f"{vec(delta1.tolist())}")
    grad_w1 = net[0].weight.grad.tolist()
    assert torch.allclose(net[0].weight.grad, torch.outer(delta1, x))
    shows(TOPIC, "∂L/∂W₁ = δ₁ xᵀ = [" + ", ".join("[" + ", ".join(d4(v) for v in row) + "]"
                                                 for row in grad_w1) + "]")


def test_lesson_small_examples():
    # one chain by hand: f = (3x + 1)², f'(1) = 24
    x = torch.tensor(1.0, dtype=F64, requires_grad=True)
    ((3 * x + 1) ** 2).backward()
    shows(TOPIC, f"So f′(1) = 8 · 3 = {x.grad.item():g}")
    # the quadratic form
    a = torch.tensor([[1.0, 2.0], [0.0, 3.0]], dtype=F64)
    point = torch.tensor([1.0, 1.0], dtype=F64, requires_grad=True)
    form = point @ a @ point
    (gradient,) = torch.autograd.grad(form, point)
    shows(TOPIC, f"3x₂² = {form.item():g}", f"(1, 1) = ({gradient[0]:g}, {gradient[1]:g})",
          f"The shortcut 2Ax = ({2 * (a @ point)[0]:g}, {2 * (a @ point)[1]:g}) is off")
    # softmax cross-entropy
    z = torch.tensor([2.0, 1.0, 0.0], dtype=F64, requires_grad=True)
    F.cross_entropy(z[None], torch.tensor([0])).backward()
    p = torch.softmax(z.detach(), 0)
    shows(TOPIC, f"exp z = ({math.exp(2):.3f}, {math.exp(1):.3f}, 1), sum {torch.exp(z).sum():.3f}",
          f"so p = {vec(p.tolist())}", f"∇_z L = p − y = {vec(z.grad.tolist())}")
    assert z.grad.sum().item() == pytest.approx(0, abs=1e-15)
    # finite differences on x³ at 2
    f = lambda t: t ** 3
    h = 0.01
    one_sided, central = (f(2 + h) - f(2)) / h, (f(2 + h) - f(2 - h)) / (2 * h)
    shows(TOPIC, f"= {one_sided:.4f}. Central", f"= {central:.4f}.",
          f"{f(2 + h):.6f} − {f(2 - h):.6f}")
    assert round((one_sided - 12) / (central - 12)) == 601  # "about 600 times closer"


def test_lesson_plot_claims():
    z = torch.linspace(-12, 12, 240001, dtype=F64, requires_grad=True)
    s = torch.sigmoid(z)
    mse = 0.5 * F.mse_loss(s, torch.zeros_like(s), reduction="sum")
    bce = F.binary_cross_entropy_with_logits(z, torch.zeros_like(z), reduction="sum")
    (g_mse,) = torch.autograd.grad(mse, z, retain_graph=True)
    (g_bce,) = torch.autograd.grad(bce, z)
    assert torch.allclose(g_mse, s * s * (1 - s))  # the plotted σ·σ′
    assert torch.allclose(g_bce, s)  # the plotted σ − 0
    assert g_mse.max().item() == pytest.approx(4 / 27, rel=1e-8)
    shows(TOPIC, f"4/27 ≈ {4 / 27:.3f}")
    assert g_mse[z.detach() > 6].max() < 0.003 and g_bce[z.detach() > 6].min() > 0.997


# coverage --------------------------------------------------------------------------

def test_every_question_of_this_file_is_checked():
    """Every question of the topic (but the choice ones) and every appended one has a test."""
    mine = [q for q in bank_questions(TOPIC)]
    mine += [q for t in ("activations", "linear-algebra") for q in bank_questions(t)
             if q.id.startswith(APPENDED)]
    assert_checked(called_ids(__file__, "variants", "check_symbolic"), mine,
                   lambda q: q.kind != "choice", missing_says="questions without a PyTorch check")
