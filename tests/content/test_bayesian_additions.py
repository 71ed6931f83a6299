"""The bayesian additions (issue 11 §2): the posterior predictive, the
Normal–Gamma posterior, the Laplace approximation and MC dropout, every
answer and worked number recomputed with PyTorch."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn as nn
from torch.distributions import Beta, Gamma, Normal

from tests.content.bank_access import close, distinct, number, shows

F64 = torch.float64


def _gaussian_mean_posterior(s0sq: float, ssq: float, xs: torch.Tensor) -> tuple[float, float]:
    """(μ_N, σ_N²) for a N(0, s0sq) prior on the mean, from precisions."""
    precision = 1 / s0sq + len(xs) / ssq
    return (xs.sum().item() / ssq) / precision, 1 / precision


def test_predictive_variance_by_sampling():
    for v in distinct("bayes.predictive-variance", "s0sq", "ssq", "n"):
        s0sq, ssq, n = v.values["s0sq"], v.values["ssq"], v.values["n"]
        _, post = _gaussian_mean_posterior(s0sq, ssq, torch.zeros(n, dtype=F64))
        close(number(v), post + ssq)
        gen = torch.Generator().manual_seed(n)
        mu = math.sqrt(post) * torch.randn(200_000, generator=gen, dtype=F64)
        x_new = mu + math.sqrt(ssq) * torch.randn(200_000, generator=gen, dtype=F64)
        assert x_new.var().item() == pytest.approx(number(v), rel=0.02)


def _normal_gamma_log_posterior(mu, lam, xs, mu0, k0, a0, b0):
    """log prior + log likelihood, unnormalised, on a grid of (μ, λ)."""
    prior = Gamma(a0, b0).log_prob(lam) + Normal(mu0, (1 / (k0 * lam)).sqrt()).log_prob(mu)
    lik = Normal(mu.unsqueeze(-1), (1 / lam).sqrt().unsqueeze(-1)).log_prob(xs).sum(-1)
    return prior + lik


def test_normal_gamma_posterior_mean_of_precision_by_quadrature():
    # a 2-D quadrature per variant is slow: eight seeds cover every branch of the formula
    for v in distinct("bayes.normal-gamma-precision", seeds=range(8)):
        k0, a0, b0, n, xb, s = (v.values[k] for k in ("k0", "a0", "b0", "n", "xb", "s"))
        # n points with mean xb and Σ(x − x̄)² = s: ±d around x̄ in pairs
        d = math.sqrt(s / n)
        xs = torch.tensor([xb + d, xb - d] * (n // 2), dtype=F64)
        mu = torch.linspace(xb - 5, xb + 5, 401, dtype=F64)
        lam = torch.linspace(1e-4, 5, 800, dtype=F64)
        grid_mu, grid_lam = torch.meshgrid(mu, lam, indexing="ij")
        logp = _normal_gamma_log_posterior(grid_mu, grid_lam, xs, 0.0, k0, float(a0), float(b0))
        w = torch.softmax(logp.flatten(), dim=0).reshape(logp.shape)
        assert number(v) == pytest.approx((w * grid_lam).sum().item(), rel=2e-3)


def test_laplace_variance_is_inverse_curvature():
    for v in distinct("bayes.laplace-beta", "a", "b"):
        a, b = v.values["a"], v.values["b"]
        mode = torch.tensor((a - 1) / (a + b - 2), dtype=F64, requires_grad=True)
        neg_log = -Beta(torch.tensor(float(a), dtype=F64), torch.tensor(float(b), dtype=F64)).log_prob(mode)
        (g,) = torch.autograd.grad(neg_log, mode, create_graph=True)
        (h,) = torch.autograd.grad(g, mode)
        assert g.item() == pytest.approx(0, abs=1e-9)  # the mode
        close(number(v), 1 / h.item(), rel=1e-9)


def test_mc_dropout_needs_training_mode():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Dropout(0.5), nn.Linear(16, 1))
    x = torch.randn(1, 4)
    with torch.no_grad():
        model.eval()
        assert torch.equal(model(x), model(x))
        model[2].train()
        assert torch.stack([model(x) for _ in range(20)]).std() > 0
    assert sorted(next(distinct("bayes.mc-dropout")).answer) == ["a", "b", "d"]


def test_the_worked_examples():
    mu_n, post = _gaussian_mean_posterior(1, 4, torch.full((4,), 2.0, dtype=F64))
    assert (mu_n, post, post + 4) == pytest.approx((1, 0.5, 4.5))
    assert 9 / 14 == pytest.approx(0.643, abs=5e-4)
    xs = torch.tensor([0.0, 2.0, 2.0, 4.0], dtype=F64)
    s = ((xs - xs.mean()) ** 2).sum().item()
    bn = 1 + s / 2 + 1 * 4 * xs.mean().item() ** 2 / (2 * 5)
    assert (xs.mean().item(), s, bn) == pytest.approx((2, 8, 6.6))
    assert (0 + 4 * 2) / 5 == 1.6 and 3 / bn == pytest.approx(0.4545, abs=5e-5) and 4 / s == 0.5
    mode = torch.tensor(2 / 3, dtype=F64, requires_grad=True)
    beta = Beta(torch.tensor(9.0, dtype=F64), torch.tensor(5.0, dtype=F64))
    (g,) = torch.autograd.grad(-beta.log_prob(mode), mode, create_graph=True)
    (h,) = torch.autograd.grad(g, mode)
    assert h.item() == pytest.approx(54)
    assert 1 / math.sqrt(54) == pytest.approx(0.136, abs=5e-4)
    assert beta.stddev.item() == pytest.approx(0.124, abs=5e-4)
    shows("bayesian", "N(1, 0.5 + 4) = N(1, 4.5)", "9/14 ≈ 0.643", "(0 + 4 · 2)/5 = 1.6",
          "1 + 8/2 + 1 · 4 · 2²/(2 · 5) = 6.6", "3/6.6 ≈ 0.4545", "18 + 36 = 54",
          "1/√54 ≈ 0.136", "≈ 0.124")
