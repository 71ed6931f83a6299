"""The optimizers additions (issue 11 §2): the quadratic model (η < 2/λ_max, the
condition number's rate, Newton's step) and AdamW's decoupled decay, every
answer and worked number recomputed with PyTorch."""

from __future__ import annotations

import math

import pytest
import torch

from tests.content.bank_access import close, distinct, number, shows


def _gd_factors(hessian: torch.Tensor, eta: float) -> torch.Tensor:
    """The eigenvalues of I − ηH: what one GD step does to the error."""
    return torch.linalg.eigvalsh(torch.eye(len(hessian), dtype=torch.float64) - eta * hessian)


def test_hessian_max_lr_is_where_gd_stops_converging():
    for v in distinct("opt.hessian-max-lr", "a", "b"):
        h = torch.diag(torch.tensor([v.values["a"], v.values["b"]], dtype=torch.float64))
        eta_max = number(v)
        close(eta_max, 2 / torch.linalg.eigvalsh(h).max().item())
        assert _gd_factors(h, eta_max * 0.999).abs().max() < 1
        assert _gd_factors(h, eta_max * 1.001).abs().max() > 1


def test_condition_number_rate_is_the_slowest_factor():
    for v in distinct("opt.condition-number-rate", "a", "k"):
        h = torch.diag(torch.tensor([v.values["a"], v.values["b"]], dtype=torch.float64))
        lam = torch.linalg.eigvalsh(h)
        factors = _gd_factors(h, 2 / (lam.min() + lam.max()).item())
        close(number(v), factors.abs().max().item())


def test_newton_on_a_quartic():
    for v in distinct("opt.newton-quartic", "w0"):
        w = torch.tensor(float(v.values["w0"]), dtype=torch.float64, requires_grad=True)
        (slope,) = torch.autograd.grad(w**4, w, create_graph=True)
        (curvature,) = torch.autograd.grad(slope, w)
        close(number(v), (w - slope / curvature).item())


def _first_step(optimizer, w0: float, g: float, lr: float, wd: float) -> float:
    w = torch.nn.Parameter(torch.tensor([float(w0)], dtype=torch.float64))
    opt = optimizer([w], lr=lr, weight_decay=wd)
    w.grad = torch.tensor([float(g)], dtype=torch.float64)
    opt.step()
    return w.item()


def test_adamw_first_step_and_its_coupled_twin():
    for v in distinct("opt.adamw-first-step"):
        args = [v.values[n] for n in ("w0", "g", "lr", "wd")]
        close(number(v), _first_step(torch.optim.AdamW, *args))
        coupled = _first_step(torch.optim.Adam, *args)
        assert number(v) != pytest.approx(coupled, abs=1e-4)  # the question tells them apart


def test_the_worked_examples():
    h = torch.diag(torch.tensor([1.0, 10.0], dtype=torch.float64))
    w = torch.ones(2, dtype=torch.float64)
    assert _gd_factors(h, 0.1).tolist() == pytest.approx([0.0, 0.9])
    iterates = []
    for _ in range(2):
        w = w - 2 / 11 * h @ w
        iterates.append([round(x, 4) for x in w.tolist()])
    assert iterates == [[0.8182, -0.8182], [0.6694, 0.6694]]
    assert math.ceil(math.log(1e-3) / math.log(9 / 11)) == 35
    g = h @ torch.ones(2, dtype=torch.float64)
    assert torch.linalg.solve(h, g).tolist() == [1.0, 1.0]
    assert _first_step(torch.optim.AdamW, 2, 0.5, 0.01, 0.1) == pytest.approx(1.988, abs=1e-6)
    assert _first_step(torch.optim.Adam, 2, 0.5, 0.01, 0.1) == pytest.approx(1.990, abs=1e-6)
    shows("optimizers", "0 < η < 2/10 = 0.2", "(0.8182, −0.8182), (0.6694, 0.6694)",
          "(10 − 1)/(10 + 1) = 9/11 ≈ 0.818", "takes 35 steps", "w₁ ≈ 1.988", "w₁ ≈ 1.990")
