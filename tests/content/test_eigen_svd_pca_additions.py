"""The eigen-svd-pca additions (issue 11 §2): the pseudo-inverse by SVD, the
condition number and power iteration, every answer and worked number
recomputed with PyTorch."""

from __future__ import annotations

import pytest
import torch

from tests.content.bank_access import close, distinct, number, shows

F64 = torch.float64


def _pinv_by_svd(a: torch.Tensor) -> torch.Tensor:
    """V Σ⁺ Uᵀ, inverting only the singular values that are not (numerically) zero."""
    u, s, vh = torch.linalg.svd(a, full_matrices=False)
    s_plus = torch.where(s > 1e-12 * s.max(), 1 / s, torch.zeros_like(s))
    return vh.T @ torch.diag(s_plus) @ u.T


def _power_iteration(a: torch.Tensor, x: torch.Tensor, steps: int) -> list[torch.Tensor]:
    iterates = []
    for _ in range(steps):
        x = a @ x
        iterates.append(x)
    return iterates


def test_pinv_of_a_rank_one_matrix():
    for v in distinct("eig.pinv-rank-one", "a"):
        a = torch.full((2, 2), float(v.values["a"]), dtype=F64)
        pinv = torch.linalg.pinv(a)
        assert torch.allclose(pinv, _pinv_by_svd(a))
        assert torch.allclose(pinv, torch.full_like(pinv, number(v)))
        assert torch.allclose(a @ pinv @ a, a)


def test_condition_number():
    for v in distinct("eig.condition-number", "a", "b"):
        a, b = float(v.values["a"]), float(v.values["b"])
        m = torch.tensor([[a, b], [b, a]], dtype=F64)
        close(number(v), torch.linalg.cond(m).item(), rel=1e-12)


def test_power_iteration_rate():
    for v in distinct("eig.power-iteration-rate", "l1", "l2", "l3"):
        lam = torch.tensor([v.values[k] for k in ("l1", "l2", "l3")], dtype=F64)
        q, _ = torch.linalg.qr(torch.randn(3, 3, dtype=F64, generator=torch.Generator().manual_seed(1)))
        a = q @ torch.diag(lam) @ q.T
        x = torch.ones(3, dtype=F64)
        tangents = []  # the size of the error relative to the v₁ component
        for _ in range(20):  # |λ₃/λ₂|²⁰ is negligible, |λ₂/λ₁|²⁰ still far above rounding
            x = a @ x
            x = x / x.norm()
            y = q.T @ x  # x in the eigenbasis
            tangents.append((y[1:].norm() / y[0].abs()).item())
        assert tangents[-1] / tangents[-2] == pytest.approx(number(v), rel=1e-4)


def test_rayleigh_quotient():
    for v in distinct("eig.rayleigh-quotient"):
        a, b, c, k = (float(v.values[n]) for n in ("a", "b", "c", "k"))
        m = torch.tensor([[a, b], [b, c]], dtype=F64)
        x = torch.tensor([1.0, k], dtype=F64)
        quotient = (x @ m @ x / (x @ x)).item()
        close(number(v), quotient)
        lam = torch.linalg.eigvalsh(m)
        assert lam.min() <= quotient <= lam.max()  # an estimate within the spectrum


def test_the_worked_examples():
    a = torch.tensor([[2.0, 0], [0, 0.5], [0, 0]], dtype=F64)
    assert torch.linalg.pinv(a).tolist() == [[0.5, 0, 0], [0, 2, 0]]
    assert (torch.linalg.pinv(a) @ torch.ones(3, dtype=F64)).tolist() == [0.5, 2]
    assert torch.linalg.cond(a).item() == pytest.approx(4)
    assert torch.linalg.cond(a.T @ a).item() == pytest.approx(16)
    ones = torch.ones(2, 2, dtype=F64)
    assert torch.allclose(torch.linalg.pinv(ones), torch.full((2, 2), 0.25, dtype=F64))
    assert torch.allclose(torch.linalg.pinv(ones) @ torch.tensor([2.0, 4.0], dtype=F64),
                          torch.tensor([1.5, 1.5], dtype=F64))
    m = torch.tensor([[2.0, 1], [1, 2]], dtype=F64)
    xs = _power_iteration(m, torch.tensor([1.0, 0], dtype=F64), 3)
    assert [x.tolist() for x in xs] == [[2, 1], [5, 4], [14, 13]]
    assert [round(t, 4) for t in (xs[2] / xs[2].norm()).tolist()] == [0.7328, 0.6805]
    rayleigh = [round((x @ m @ x / (x @ x)).item(), 4) for x in xs]
    assert rayleigh == [2.8, 2.9756, 2.9973]
    shows("eigen-svd-pca", "A⁺ = [[0.5, 0, 0], [0, 2, 0]] and κ = 2/0.5 = 4", "κ(AᵀA) = 16",
          "A⁺ = [[0.25, 0.25], [0.25, 0.25]]", "x = A⁺b = (1.5, 1.5)",
          "x₃ = (14, 13)", "x₃ ≈ (0.7328, 0.6805)", "2.8, 2.9756, 2.9973")
