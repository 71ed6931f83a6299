"""The probability additions (issue 11 §2): joint, marginal and conditional
distributions, covariance, the multivariate Gaussian, the law of large
numbers, the CLT and Monte Carlo, every answer and worked number
recomputed with PyTorch."""

from __future__ import annotations

import math

import pytest
import torch
from torch.distributions import MultivariateNormal, Normal

from tests.content.bank_access import close, distinct, number, shows

F64 = torch.float64


def _joint(n11: int, n10: int, n01: int, n00: int) -> torch.Tensor:
    """P(X = x, Y = y) indexed [x, y] from counts."""
    counts = torch.tensor([[n00, n01], [n10, n11]], dtype=F64)
    return counts / counts.sum()


def test_conditional_from_counts():
    for v in distinct("prob.conditional-from-counts", "n11", "n10", "n01", "n00"):
        joint = _joint(*(v.values[n] for n in ("n11", "n10", "n01", "n00")))
        p_x = joint.sum(dim=1)
        close(number(v), (joint[1, 1] / p_x[1]).item())
        # the chosen ranges never make X and Y independent
        assert joint[1, 1] != pytest.approx((p_x[1] * joint.sum(dim=0)[1]).item())


def test_variance_of_a_sum_by_sampling_a_gaussian():
    for v in distinct("prob.variance-of-sum", "a", "b", "c"):
        a, b, c = v.values["a"], v.values["b"], v.values["c"]
        cov = torch.tensor([[a, c], [c, b]], dtype=F64)
        ones = torch.ones(2, dtype=F64)
        close(number(v), (ones @ cov @ ones).item())  # Var(1ᵀx) = 1ᵀ Σ 1
    gen = torch.Generator().manual_seed(0)
    x = torch.randn(200_000, 2, generator=gen, dtype=F64) @ torch.tensor([[2.0, 0.0], [1.0, 1.0]], dtype=F64)
    # Σ of this x is AᵀA = [[5, 1], [1, 1]]: Var(x₁ + x₂) = 5 + 1 + 2
    assert x.sum(dim=1).var().item() == pytest.approx(8.0, rel=0.02)


def test_zero_covariance_without_independence():
    x = torch.linspace(-1, 1, 2001, dtype=F64)
    assert torch.mean(x * x**2) - x.mean() * (x**2).mean() == pytest.approx(0.0, abs=1e-12)
    v = next(distinct("prob.zero-covariance"))
    assert sorted(v.answer) == ["a", "c", "d"]
    p = MultivariateNormal(torch.zeros(2, dtype=F64), torch.diag(torch.tensor([4.0, 9.0], dtype=F64)))
    point = torch.tensor([0.7, -1.3], dtype=F64)
    product = Normal(0.0, 2.0).log_prob(point[0]) + Normal(0.0, 3.0).log_prob(point[1])
    assert p.log_prob(point).item() == pytest.approx(product.item())


def test_standard_error_and_monte_carlo():
    for v in distinct("prob.standard-error", "s", "n"):
        s, n = v.values["s"], v.values["n"]
        gen = torch.Generator().manual_seed(n)
        means = (s * torch.randn(4000, n, generator=gen, dtype=F64)).mean(dim=1)
        close(number(v), s / math.sqrt(n))
        assert means.std().item() == pytest.approx(number(v), rel=0.05)
    for v in distinct("prob.monte-carlo-samples", "n", "k"):
        n, k = v.values["n"], v.values["k"]
        close(1 / math.sqrt(number(v)), 1 / (k * math.sqrt(n)))


def test_the_worked_examples():
    joint = torch.tensor([[0.3, 0.2], [0.1, 0.4]], dtype=F64)  # [x, y]
    assert joint[1].sum().item() == pytest.approx(0.5) and joint[:, 1].sum().item() == pytest.approx(0.6)
    assert (joint[1, 1] / joint[1].sum()).item() == pytest.approx(0.8)
    assert (joint[1, 1] - 0.5 * 0.6).item() == pytest.approx(0.1)
    cov = torch.tensor([[4.0, 1.0], [1.0, 2.0]], dtype=F64)
    assert torch.det(cov).item() == pytest.approx(7)
    peak = MultivariateNormal(torch.zeros(2, dtype=F64), cov).log_prob(torch.zeros(2, dtype=F64)).exp()
    assert peak.item() == pytest.approx(0.0602, abs=5e-5)
    die = torch.arange(1, 7, dtype=F64)
    sigma = die.var(unbiased=False).sqrt().item()
    assert die.var(unbiased=False).item() == pytest.approx(35 / 12) and sigma == pytest.approx(1.708, abs=5e-4)
    assert sigma / 10 == pytest.approx(0.171, abs=5e-4) and 1.96 * sigma / 10 == pytest.approx(0.335, abs=5e-4)
    u = torch.linspace(0, 1, 100_001, dtype=F64)
    sigma_f = ((u**4).mean() - (u**2).mean() ** 2).sqrt().item()
    assert sigma_f == pytest.approx(math.sqrt(4 / 45), rel=1e-3) and sigma_f == pytest.approx(0.298, abs=5e-4)
    shows("probability", "P(Y=1 | X=1) = 0.4/0.5 = 0.8", "0.4 − 0.5 · 0.6 = 0.1", "1/(2π√7) ≈ 0.0602",
          "1.708/√100 ≈ 0.171", "1.96 · 0.171 ≈ 0.335", "1/5 − 1/9 = 4/45")
