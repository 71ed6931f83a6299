"""The calculus-backprop additions (issue 11 §2): the Hessian, second-order
Taylor, critical and saddle points and the softmax Jacobian, every answer
and worked number recomputed with PyTorch."""

from __future__ import annotations

import math

import pytest
import torch
from torch.autograd.functional import hessian, jacobian

from tests.content.bank_access import close, distinct, number, shows


def _softmax(z: torch.Tensor) -> torch.Tensor:
    return torch.softmax(z, dim=0)


def test_hessian_determinant():
    for v in distinct("cb.hessian-det", "a", "b", "c"):
        a, b, c = (v.values[n] for n in ("a", "b", "c"))
        h = hessian(lambda p: a * p[0] ** 2 + b * p[0] * p[1] + c * p[1] ** 2,
                    torch.zeros(2, dtype=torch.float64))
        close(number(v), torch.det(h).item(), rel=1e-12)


def test_the_critical_point_is_a_saddle():
    h = hessian(lambda p: p[0] ** 2 + 4 * p[0] * p[1] + p[1] ** 2, torch.zeros(2, dtype=torch.float64))
    eig = torch.linalg.eigvalsh(h)
    assert eig.tolist() == pytest.approx([-2.0, 6.0])
    v = next(distinct("cb.critical-point-kind"))
    assert v.answer == "a" and v.extra["choices"][0] == "a saddle point"


def test_softmax_jacobian_entry():
    for v in distinct("cb.softmax-jacobian", "u", "v"):
        u, w = v.values["u"], v.values["v"]
        # logits whose softmax is exactly (u, w, 1 - u - w)
        z = torch.log(torch.tensor([u, w, 1 - u - w], dtype=torch.float64))
        close(number(v), jacobian(_softmax, z)[0, 1].item(), rel=1e-9)


def test_the_worked_example():
    h = hessian(lambda p: p[0] ** 2 - p[1] ** 2, torch.zeros(2, dtype=torch.float64))
    assert torch.equal(h, torch.tensor([[2.0, 0.0], [0.0, -2.0]], dtype=torch.float64))
    assert 1 + 0.1 + 0.1 ** 2 / 2 == pytest.approx(1.105)
    assert math.exp(0.1) == pytest.approx(1.10517, abs=5e-6)
    j = jacobian(_softmax, torch.zeros(2, dtype=torch.float64))
    assert torch.allclose(j, torch.tensor([[0.25, -0.25], [-0.25, 0.25]], dtype=torch.float64))
    shows("calculus-backprop", "[[2, 0], [0, −2]]", "1 + 0.1 + 0.1²/2 = 1.105",
          "e^0.1 ≈ 1.10517", "J = [[¼, −¼], [−¼, ¼]]")
