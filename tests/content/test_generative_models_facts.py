"""The generative-models topic, recomputed with PyTorch: the GAN value, the
optimal discriminator found by optimisation and by torch.distributions, the
generator losses through autograd, the DDPM schedule by a cumulative product,
the noise-prediction loss by F.mse_loss, and flows by TransformedDistribution
and torch.autograd.functional.jacobian.

Every numeric, shape and symbolic answer of the bank is drawn for several
seeds and compared with an independent computation; the lesson's worked
examples and its schedule plot are recomputed; every lesson section is taught
by a question.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter

import pytest
import sympy as sp
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.distributions import AffineTransform, Normal, TransformedDistribution

from dltutor.bank.models import PlotBlock
from dltutor.kinds import derivative, matrix
from dltutor.kinds.base import as_text
from dltutor.kinds.symbolic import variables as declared
from dltutor.mathexpr import parse
from dltutor.mathexpr.plot import numeric_function

from bank_access import (BOOKS, assert_checked, bank_questions, called_ids, close, dims, number,
                         shows, variants)

TOPIC = "generative-models"
META = torch.device("meta")
F64 = torch.float64


def t64(*values: float, grad: bool = False) -> torch.Tensor:
    return torch.tensor(values, dtype=F64, requires_grad=grad)


def at(expr: sp.Expr, point: dict[str, float]) -> float:
    return float(expr.subs({s: point[s.name] for s in expr.free_symbols}).evalf(30))


def points(names: dict[str, tuple[float, float]], count: int = 8):
    rng = random.Random(0)
    for _ in range(count):
        yield {name: rng.uniform(lo, hi) for name, (lo, hi) in names.items()}


def chosen(question_id: str) -> list[str]:
    question = BOOKS.question(question_id)
    letters = question.answer if isinstance(question.answer, list) else [question.answer]
    return [question.extra["choices"][ord(letter) - ord("a")] for letter in letters]


# GANs -------------------------------------------------------------------------

def gan_value(d_real: torch.Tensor, d_fake: torch.Tensor) -> torch.Tensor:
    """V as minus the discriminator's BCE (label 1 on real, 0 on fake)."""
    return -(F.binary_cross_entropy(d_real, torch.ones_like(d_real), reduction="sum")
             + F.binary_cross_entropy(d_fake, torch.zeros_like(d_fake), reduction="sum"))


def test_gan_value():
    for v in variants("gen.gan-value"):
        close(number(v), gan_value(t64(v.values["r"]), t64(v.values["f"])).item())


def best_discriminator(p_data: torch.Tensor, p_gen: torch.Tensor) -> torch.Tensor:
    """The D that maximises V pointwise, found by gradient ascent on its logit."""
    logit = torch.zeros_like(p_data, requires_grad=True)
    optimiser = torch.optim.LBFGS([logit], max_iter=200, tolerance_grad=1e-14,
                                  tolerance_change=1e-16, line_search_fn="strong_wolfe")

    def loss() -> torch.Tensor:
        optimiser.zero_grad()
        d = torch.sigmoid(logit)
        value = -(p_data * torch.log(d) + p_gen * torch.log1p(-d)).sum()
        value.backward()
        return value

    optimiser.step(loss)
    return torch.sigmoid(logit).detach()


def test_optimal_discriminator_value():
    for v in variants("gen.d-star-value"):
        d = best_discriminator(t64(v.values["a"]), t64(v.values["b"]))
        assert number(v) == pytest.approx(d.item(), abs=1e-8)


def test_optimal_discriminator_derivative_matches_autograd():
    (v,) = variants("gen.d-star-derivative")
    reference = derivative.reference_expr(v)
    for p in points({"a": (0.05, 2), "b": (0.05, 2), "D": (0.05, 0.95)}):
        d = t64(p["D"], grad=True)
        (p["a"] * torch.log(d) + p["b"] * torch.log1p(-d)).sum().backward()
        close(at(reference, p), d.grad.item())


def test_optimal_discriminator_between_gaussians():
    for v in variants("gen.d-star-gaussians"):
        m = v.values["m"]
        expr = parse(as_text(v.answer), declared(v))
        for x in torch.linspace(-3, 3, 13, dtype=F64):
            p_d, p_g = Normal(m, 1.0).log_prob(x).exp(), Normal(-m, 1.0).log_prob(x).exp()
            close(at(expr, {"x": x.item()}), (p_d / (p_d + p_g)).item())


def js_divergence(p: torch.Tensor, q: torch.Tensor) -> torch.Tensor:
    m = (p + q) / 2
    return (F.kl_div(m.log(), p, reduction="sum") + F.kl_div(m.log(), q, reduction="sum")) / 2


def value_at_optimum(p_data: torch.Tensor, p_gen: torch.Tensor) -> torch.Tensor:
    d = p_data / (p_data + p_gen)
    return (p_data * d.log()).sum() + (p_gen * (1 - d).log()).sum()


def test_value_at_optimum_is_js_and_the_bank_uses_it():
    torch.manual_seed(0)
    for _ in range(5):
        p, q = torch.rand(6, dtype=F64).softmax(0), torch.rand(6, dtype=F64).softmax(0)
        identity = -math.log(4) + 2 * js_divergence(p, q)
        assert value_at_optimum(p, q).item() == pytest.approx(identity.item(), abs=1e-12)
    for v in variants("gen.js-from-value"):
        # two outcomes, p_d = (1 − g, g) and p_g = (g, 1 − g), with g solved for V(D*, G) = v
        target = v.values["v"]
        pair = lambda g: (t64(1 - g, g), t64(g, 1 - g))
        lo, hi = 1e-12, 0.5  # V falls from 0 (disjoint) to −log 4 (equal) as g rises to 1/2
        for _ in range(200):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if value_at_optimum(*pair(mid)).item() > target else (lo, mid)
        assert value_at_optimum(*pair(lo)).item() == pytest.approx(target, abs=1e-9)
        assert number(v) == pytest.approx(js_divergence(*pair(lo)).item(), abs=1e-9)


def test_equilibrium_value():
    (v,) = variants("gen.equilibrium-value")
    p = t64(0.2, 0.5, 0.3)
    close(number(v), value_at_optimum(p, p).item())


def test_nonsaturating_gradient():
    for v in variants("gen.nonsaturating-gradient"):
        f = v.values["f"]
        logit = t64(math.log(f / (1 - f)), grad=True)
        F.binary_cross_entropy_with_logits(logit, torch.ones_like(logit)).backward()
        close(number(v), logit.grad.item())


def test_nonsaturating_code_choices():
    torch.manual_seed(0)
    l = torch.randn(16, dtype=F64)
    target = (-torch.log(torch.sigmoid(l))).mean()
    candidates = {
        "`F.binary_cross_entropy_with_logits(l, torch.ones_like(l))`":
            F.binary_cross_entropy_with_logits(l, torch.ones_like(l)),
        "`-F.binary_cross_entropy_with_logits(l, torch.zeros_like(l))`":
            -F.binary_cross_entropy_with_logits(l, torch.zeros_like(l)),
        "`F.softplus(-l).mean()`": F.softplus(-l).mean(),
        "`F.binary_cross_entropy_with_logits(l, torch.zeros_like(l))`":
            F.binary_cross_entropy_with_logits(l, torch.zeros_like(l)),
    }
    assert set(BOOKS.question("gen.nonsaturating-code").extra["choices"]) == set(candidates)
    right = [text for text, value in candidates.items() if torch.allclose(value, target)]
    assert sorted(chosen("gen.nonsaturating-code")) == sorted(right)


def test_gan_lesson_examples():
    value = gan_value(t64(0.9), t64(0.2)).item()
    shows(TOPIC, f"≈ {math.log(0.9):.4f} − {-math.log(0.8):.4f} = {value:.4f}".replace("-", "−"),
          f"BCE loss is the negative, {-value:.4f}")
    shows(TOPIC, f"0.3/0.4 = {best_discriminator(t64(0.3), t64(0.1)).item():.2f}")
    p_d, p_g = t64(0.5, 0.5), t64(0.9, 0.1)
    d = p_d / (p_d + p_g)
    shows(TOPIC, "≈ ({:.4f}, {:.4f})".format(*d.tolist()),
          f"V(D*, G) ≈ {value_at_optimum(p_d, p_g).item():.4f}".replace("-", "−"),
          f"JS ≈ {js_divergence(p_d, p_g).item():.4f}", f"≈ {-math.log(4):.4f}".replace("-", "−"))
    for name, loss in [("Minimax", lambda l: torch.log1p(-torch.sigmoid(l))),
                       ("Non-saturating", lambda l: -F.logsigmoid(l))]:
        logit = t64(math.log(0.01 / 0.99), grad=True)
        loss(logit).sum().backward()
        shows(TOPIC, f"= {logit.grad.item():.2f}".replace("-", "−"))


# diffusion ----------------------------------------------------------------------

def linear_alpha_bar(steps: int = 1000) -> torch.Tensor:
    """ᾱ_t for t = 1 … T of DDPM's linear schedule, as a cumulative product."""
    betas = torch.linspace(1e-4, 0.02, steps, dtype=F64)
    return torch.cumprod(1 - betas, 0)


def test_alpha_bar_constant_schedule():
    for v in variants("gen.alphabar-constant"):
        betas = torch.full((v.values["t"],), v.values["beta"], dtype=F64)
        close(number(v), torch.cumprod(1 - betas, 0)[-1].item())


def noised(x0: float, eps: float, alpha_bar: float) -> float:
    """x_t drawn from q(x_t | x_0) at quantile ε: mean √ᾱ x0, standard deviation √(1 − ᾱ)."""
    q = Normal(t64(math.sqrt(alpha_bar) * x0), t64(math.sqrt(1 - alpha_bar)))
    return (q.loc + q.scale * eps).item()


def test_xt_sample():
    for v in variants("gen.xt-sample"):
        k = v.values
        close(number(v), noised(k["x0"], k["eps"], k["ab"]))


def test_xt_variance_expression_matches_sampling():
    (v,) = variants("gen.xt-variance")
    expr = parse(as_text(v.answer), declared(v))
    generator = torch.Generator().manual_seed(0)
    for abar, var in [(0.9, 4.0), (0.5, 0.25), (0.1, 2.0), (0.7, 1.0)]:
        x0 = torch.randn(400_000, dtype=F64, generator=generator) * math.sqrt(var)
        eps = torch.randn(400_000, dtype=F64, generator=generator)
        sampled = (math.sqrt(abar) * x0 + math.sqrt(1 - abar) * eps).var().item()
        assert at(expr, {"abar": abar, "v": var}) == pytest.approx(sampled, rel=0.02)


def test_noise_loss():
    for v in variants("gen.noise-loss"):
        k = v.values
        eps, eps_hat = t64(k["e1"], k["e2"], k["e3"]), t64(k["h1"], k["h2"], k["h3"])
        close(number(v), F.mse_loss(eps_hat, eps).item())


def test_x0_estimate_inverts_the_noising():
    for v in variants("gen.x0-estimate"):
        k = v.values
        x0 = number(v)
        close(noised(x0, k["eh"], k["ab"]), k["xt"])


def test_eps_model_shape():
    class TinyEps(nn.Module):
        """A small noise predictor: a conv net that also reads the step."""

        def __init__(self, channels: int) -> None:
            super().__init__()
            self.step = nn.Embedding(1000, 8)
            self.conv_in = nn.Conv2d(channels, 8, 3, padding=1)
            self.conv_out = nn.Conv2d(8, channels, 3, padding=1)

        def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
            h = F.silu(self.conv_in(x) + self.step(t)[:, :, None, None])
            return self.conv_out(h)

    for v in variants("gen.eps-shape", seeds=range(10)):
        k = v.values
        x_t = torch.randn(k["N"], k["C"], k["H"], k["H"])
        out = TinyEps(k["C"])(x_t, torch.randint(0, 1000, (k["N"],)))
        assert out.shape == dims(v)
        F.mse_loss(out, torch.randn_like(x_t))  # the loss accepts it without broadcasting


def test_schedule_lesson_example_and_plot():
    abar = linear_alpha_bar()
    shows(TOPIC, f"ᾱ_1 = 1 − 10⁻⁴ = {abar[0].item():.4f}", f"ᾱ_250 ≈ {abar[249].item():.4f}",
          f"ᾱ_500 ≈ {abar[499].item():.4f}",
          f"ᾱ_1000 ≈ {abar[-1].item() * 1e5:.2f} · 10⁻⁵".replace(".", ".", 1))
    a500 = round(abar[499].item(), 4)
    x_t = math.sqrt(a500) * 0.8 + math.sqrt(1 - a500) * (-0.5)
    shows(TOPIC, f"√{a500} · 0.8 + √{1 - a500:.4f} · (−0.5) ≈ {math.sqrt(a500) * 0.8:.4f}"
          f" − {math.sqrt(1 - a500) * 0.5:.4f} ≈ {x_t:.4f}".replace("≈ -", "≈ −"))
    assert x_t == pytest.approx(noised(0.8, -0.5, abar[499].item()), abs=2e-4)
    plots = [b for s in BOOKS.lesson(TOPIC).sections for b in s.blocks
             if isinstance(b, PlotBlock) and "ᾱ_t" in b.labels]
    (plot,) = plots
    t = torch.arange(1, 1001, dtype=F64)
    curves = [torch.as_tensor(numeric_function(f)(t.numpy())) for f in plot.functions]
    exact = [abar, abar.sqrt(), (1 - abar).sqrt()]
    for curve, truth in zip(curves, exact):
        assert torch.allclose(curve, truth, rtol=1e-3, atol=0)  # "within 0.1 %"


def test_denoising_lesson_example():
    eps, eps_hat = t64(0.5, -1.0), t64(0.3, -0.6)
    shows(TOPIC, "Squared errors {:.2f} and {:.2f}".format(*((eps - eps_hat) ** 2).tolist()),
          f"their mean, {F.mse_loss(eps_hat, eps).item():g}")
    x_t, abar = t64(0.7, -0.2), 0.64
    estimate = (x_t - math.sqrt(1 - abar) * eps_hat) / math.sqrt(abar)
    shows(TOPIC, "= ({:.2f}, {:g})".format(*estimate.tolist()))


# normalising flows --------------------------------------------------------------

def affine_flow(m: float, s: float) -> TransformedDistribution:
    """x = s z + m with z ~ N(0, 1): the flow z = (x − m)/s run backwards."""
    return TransformedDistribution(Normal(t64(0.0), t64(1.0)), [AffineTransform(m, s)])


def test_flow_log_density():
    for v in variants("gen.flow-logp"):
        k = v.values
        close(number(v), affine_flow(k["m"], k["s"]).log_prob(t64(k["x"])).item())


def coupling(x: torch.Tensor, a: float, b: float) -> torch.Tensor:
    return torch.stack([x[0], x[1] * torch.exp(a * x[0]) + b * x[0]])


def test_coupling_jacobian_matches_autograd():
    (v,) = variants("gen.coupling-jacobian")
    rows = matrix.parse(matrix.reference(v), v)
    for p in points({"x1": (-2, 2), "x2": (-2, 2), "a": (-1, 1), "b": (-2, 2)}):
        jac = torch.autograd.functional.jacobian(lambda x: coupling(x, p["a"], p["b"]),
                                                 t64(p["x1"], p["x2"]))
        for i in range(2):
            for j in range(2):
                close(at(rows[i][j], p), jac[i, j].item())
        assert torch.logdet(jac).item() == pytest.approx(p["a"] * p["x1"], abs=1e-12)


def test_coupling_log_determinant():
    torch.manual_seed(0)
    shift = nn.Linear(2, 3).double()
    for v in variants("gen.coupling-logdet"):
        s = t64(v.values["s1"], v.values["s2"], v.values["s3"])
        x1 = torch.randn(2, dtype=F64)

        def layer(x: torch.Tensor) -> torch.Tensor:  # x = (x₁, x₂), scale fixed at this input
            return torch.cat([x[:2], x[2:] * torch.exp(s) + shift(x[:2])])

        jac = torch.autograd.functional.jacobian(layer, torch.cat([x1, torch.randn(3, dtype=F64)]))
        close(number(v), torch.linalg.slogdet(jac).logabsdet.item(), rel=1e-12)


def test_flow_lesson_example():
    flow = affine_flow(1.0, 2.0)
    z, log_pz = 0.5, Normal(0.0, 1.0).log_prob(torch.tensor(0.5, dtype=F64)).item()
    shows(TOPIC, f"z = {z}", f"½ log 2π ≈ {log_pz:.4f}".replace("-", "−"),
          f"log ½ ≈ {math.log(0.5):.4f}".replace("-", "−"),
          f"log p(x) ≈ {flow.log_prob(t64(2.0)).item():.4f}".replace("-", "−"))
    assert flow.log_prob(t64(2.0)).item() == pytest.approx(Normal(1.0, 2.0).log_prob(
        torch.tensor(2.0)).item(), abs=1e-6)


# coverage -----------------------------------------------------------------------

def test_every_computable_answer_is_covered():
    covered = called_ids(__file__, "variants")
    checked_kinds = ("numeric", "shape", "expression", "matrix", "derivative")
    assert_checked(covered, bank_questions(TOPIC), lambda q: q.kind in checked_kinds,
                   missing_says="without an independent check")


def test_every_section_is_taught_by_a_question():
    titles = [s.title for s in BOOKS.lesson(TOPIC).sections]
    taught = Counter(q.section for q in bank_questions(TOPIC))
    assert set(taught) <= set(titles)
    assert all(taught[title] for title in titles), [t for t in titles if not taught[t]]


def test_bank_meets_the_new_topic_bar():
    questions = bank_questions(TOPIC)
    assert len(questions) >= 14 and len({q.kind for q in questions}) >= 4
    assert 3 * sum(q.parametrised for q in questions) >= len(questions)
    assert {q.kind for q in questions} & {"expression", "derivative", "matrix"}
    assert all(q.id.startswith("gen.") for q in questions)
    rounding = re.compile(r"\bdecimals?\b|significant", re.IGNORECASE)
    assert not [q.id for q in questions if rounding.search(q.prompt)]
