"""manifolds: the numbers in the lesson's worked examples, recomputed with PyTorch.

Each check computes a value the lesson states (a chart and its inverse, a
tanh layer and its Jacobian, the four-ReLU ring feature, PCA of a circle, the
dimension of low-rank matrices) and asserts that the lesson shows exactly that
value, so a wrong number in the lesson fails here.
"""

from __future__ import annotations

import math

import pytest
import torch

from bank_access import shows
from manifold_tools import F64, circle_in_space, covariance_eigenvalues, north_chart_inverse

TOPIC = "manifolds"


def test_chart_example():
    u = 0.6 / (1 - 0.8)
    back = north_chart_inverse(torch.tensor(u, dtype=F64))
    assert torch.allclose(back, torch.tensor([0.6, 0.8], dtype=F64))
    shows(TOPIC, f"u = 0.6/(1 − 0.8) = {u:g}", f"(2·3/10, (9 − 1)/10) = ({back[0]:g}, {back[1]:g})")
    assert 0.6 / 1.8 == pytest.approx(1 / 3)
    y = torch.linspace(-0.999, -0.001, 99, dtype=F64)  # the lower half: |u| = |x|/(1 − y) < 1
    assert bool(((1 - y ** 2).sqrt() / (1 - y) < 1).all())
    shows(TOPIC, "(0.6, −0.8) gets u = 0.6/1.8 = 1/3", "lower half of the circle fills the interval (−1, 1)")


def test_homeomorphism_examples():
    t1 = torch.tanh(torch.tensor(1.0, dtype=F64)).item()
    shows(TOPIC, f"tanh(1) ≈ {t1:.4f}", f"atanh({t1:.4f}) ≈ {math.atanh(round(t1, 4)):.0f}")
    assert torch.relu(torch.tensor(-1.0)) == torch.relu(torch.tensor(-2.0)) == 0


def test_tanh_layer_example():
    w = torch.tensor([[2.0, 1], [1, 1]], dtype=F64)
    x = torch.tensor([1.0, -1], dtype=F64)
    z = w @ x
    y = torch.tanh(z)
    back = torch.linalg.inv(w) @ torch.atanh(y)
    jac = torch.autograd.functional.jacobian(lambda t: torch.tanh(w @ t), x)
    assert torch.allclose(torch.linalg.inv(w), torch.tensor([[1.0, -1], [-1, 2]], dtype=F64))
    assert torch.allclose(back, x)
    shows(TOPIC, f"(det W = {torch.linalg.det(w).item():.0f})",
          f"z = Wx = ({z[0]:g}, {z[1]:g}), so y = (tanh 1, tanh 0) ≈ ({y[0]:.4f}, {y[1]:g})",
          f"x = (1 − 0, −1 + 0) = ({back[0]:g}, −{-back[1]:g})",
          f"≈ 1 · {1 - t1_sq(1.0):.4f} · 1 = {torch.linalg.det(jac).item():.4f}",
          f"to {torch.linalg.det(jac).item() * 100:.0f} % of their size")


def t1_sq(value: float) -> float:
    return math.tanh(value) ** 2


def test_rings_examples():
    points = torch.tensor([[0.6, 0.8], [-1.2, 1.6], [2.0, 0.0]], dtype=F64)
    units = torch.relu(points) + torch.relu(-points)
    scores = units.sum(1)
    assert torch.allclose(points.norm(dim=1), torch.tensor([1.0, 2, 2], dtype=F64))
    shows(TOPIC, f"0.6 + 0.8 = {scores[0]:g}", f"1.2 + 1.6 = {scores[1]:g}", f"2 + 0 = {scores[2]:g}",
          f"√2 ≈ {math.sqrt(2):.3f}", f"2√2 ≈ {2 * math.sqrt(2):.3f}", "A threshold at 1.7")
    theta = torch.linspace(0, 2 * math.pi, 4001, dtype=F64)
    ring = torch.stack([theta.cos(), theta.sin()], 1)
    l1 = lambda p: (torch.relu(p) + torch.relu(-p)).sum(1)
    assert l1(ring).max() < 1.7 < l1(2 * ring).min()
    # along x₂ = 0 the order B, A, A, B survives a monotone unit; |x| sends A to 1, B to 2
    slice_ = torch.tensor([-2.0, -1, 1, 2], dtype=F64)
    assert bool((torch.tanh(1.5 * slice_).diff() > 0).all())
    assert (torch.relu(slice_) + torch.relu(-slice_)).tolist() == [2, 1, 1, 2]


def test_ambient_sizes():
    shows(TOPIC, f"224 · 224 · 3 = {torch.empty(224, 224, 3, device='meta').numel():,}",
          f"28 · 28 = {28 * 28}", "ℝ¹⁵⁰⁵²⁸", "ℝ⁷⁸⁴")


def test_counting_dimensions_example():
    eig = covariance_eigenvalues(circle_in_space(2.0, 10, 16, seed=5))
    assert eig[:2].tolist() == pytest.approx([2.0, 2.0]) and eig[2:].abs().max() < 1e-9
    assert len(eig) - 2 == 8
    shows(TOPIC, "Sixteen points evenly spaced on a circle of radius 2",
          f"eigenvalues {eig[0]:.0f}, {eig[1]:.0f} and eight zeros")
    # the normal space of the rank-r matrices at M has dimension (m − r)(n − r): the
    # directions A·M·B cannot reach, with A, B spanning the left and right null spaces
    gen = torch.Generator().manual_seed(6)
    m = torch.randn(100, 5, generator=gen, dtype=F64) @ torch.randn(5, 100, generator=gen, dtype=F64)
    r = int(torch.linalg.matrix_rank(m))
    ambient = m.numel()
    shows(TOPIC, f"5 · (100 + 100 − 5) = {ambient - (100 - r) * (100 - r)}", f"dimension {ambient:,}")


