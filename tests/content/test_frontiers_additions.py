"""The frontiers additions (issue 11 §2): contrastive learning with InfoNCE,
scaling laws, and quantum deep learning (a one-qubit circuit simulated with
complex tensors, its parameter-shift gradient checked against autograd and
SymPy), every answer and worked number recomputed."""

from __future__ import annotations

import math

import pytest
import sympy as sp
import torch
import torch.nn.functional as F

from tests.content.bank_access import close, distinct, number, shows

F64, C128 = torch.float64, torch.complex128
Z = torch.diag(torch.tensor([1, -1], dtype=C128))


def _infonce(positive: float, negatives: list[float], tau: float) -> float:
    logits = torch.tensor([[positive, *negatives]], dtype=F64) / tau
    return F.cross_entropy(logits, torch.tensor([0])).item()


def _ry(theta: torch.Tensor) -> torch.Tensor:
    c, s = torch.cos(theta / 2), torch.sin(theta / 2)
    return torch.stack([torch.stack([c, -s]), torch.stack([s, c])]).to(C128)


def _expectation_z(theta: torch.Tensor) -> torch.Tensor:
    """⟨ψ|Z|ψ⟩ for |ψ⟩ = RY(θ)|0⟩, simulated on complex amplitudes."""
    psi = _ry(theta) @ torch.tensor([1, 0], dtype=C128)
    return (psi.conj() @ Z @ psi).real


def _parameter_shift(theta: float) -> float:
    shifted = [_expectation_z(torch.tensor(theta + d, dtype=F64)) for d in (math.pi / 2, -math.pi / 2)]
    return ((shifted[0] - shifted[1]) / 2).item()


def test_infonce_loss():
    for v in distinct("frontiers.infonce-loss"):
        loss = _infonce(v.values["sp"], [v.values["sn1"], v.values["sn2"]], v.values["tau"])
        close(number(v), loss)


def test_infonce_chance_level():
    for v in distinct("frontiers.infonce-chance", "n"):
        n = v.values["n"]
        sim = torch.zeros(n, n, dtype=F64)  # every similarity the same
        close(number(v), F.cross_entropy(sim, torch.arange(n)).item())


def test_training_flops_and_chinchilla_size():
    for v in distinct("frontiers.training-flops", "nb", "dt"):
        close(number(v), 6 * v.values["nb"] * 1e9 * v.values["dt"] * 1e9)
    for v in distinct("frontiers.chinchilla-size", "nb"):
        n = number(v)
        close(6 * n * (20 * n), v.values["c"])  # the size spends exactly the budget at 20 tokens each


def test_qubit_expectation_and_unitarity():
    for v in distinct("frontiers.qubit-expectation", "t"):
        theta = torch.tensor(v.values["t"], dtype=F64)
        u = _ry(theta)
        assert torch.allclose(u.conj().T @ u, torch.eye(2, dtype=C128))
        psi = u @ torch.tensor([1, 0], dtype=C128)
        probs = psi.abs() ** 2
        assert probs.sum().item() == pytest.approx(1)
        close(number(v), _expectation_z(theta).item(), rel=1e-12)
        close(number(v), (probs[0] - probs[1]).item(), rel=1e-12)


def test_parameter_shift_matches_autograd_and_sympy():
    theta_s = sp.symbols("theta")
    shift_rule = (sp.cos(theta_s + sp.pi / 2) - sp.cos(theta_s - sp.pi / 2)) / 2
    assert sp.simplify(shift_rule - sp.diff(sp.cos(theta_s), theta_s)) == 0
    for v in distinct("frontiers.parameter-shift", "t"):
        theta = torch.tensor(v.values["t"], dtype=F64, requires_grad=True)
        (grad,) = torch.autograd.grad(_expectation_z(theta), theta)
        close(number(v), grad.item(), rel=1e-12)
        close(number(v), _parameter_shift(v.values["t"]), rel=1e-12)


def test_the_worked_examples():
    assert round(_infonce(0.8, [0.2, -0.4], 0.5), 4) == 0.3307
    assert round(_infonce(0.8, [0.2, -0.4], 0.1), 4) == 0.0025
    assert round(math.log(256), 3) == 5.545
    assert 6 * 70e9 * 1.4e12 == pytest.approx(5.88e23)
    assert math.sqrt(5.88e23 / 120) == pytest.approx(70e9)
    assert 2 ** -0.076 == pytest.approx(0.949, abs=5e-4)
    theta = math.pi / 3
    psi = _ry(torch.tensor(theta, dtype=F64)) @ torch.tensor([1, 0], dtype=C128)
    assert (psi.abs() ** 2).tolist() == pytest.approx([0.75, 0.25])
    assert _expectation_z(torch.tensor(theta, dtype=F64)).item() == pytest.approx(0.5)
    assert _parameter_shift(theta) == pytest.approx(-0.8660, abs=5e-5)
    h = 0.1
    central = (_expectation_z(torch.tensor(theta + h, dtype=F64))
               - _expectation_z(torch.tensor(theta - h, dtype=F64))).item() / (2 * h)
    assert round(central, 4) == -0.8646
    shows("frontiers", "L = −log softmax₁ ≈ 0.3307", "L ≈ 0.0025", "log 256 ≈ 5.545",
          "≈ 5.88·10²³ FLOPs", "2^(−0.076) ≈ 0.949", "P(0) = 0.75", "≈ −0.8660 = −sin(π/3)",
          "gives −0.8646")
