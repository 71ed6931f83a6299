"""The feedforward additions (issue 11 §2): Xavier and He initialisation in
the context of an MLP, every answer and worked number recomputed with
PyTorch."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from tests.content.bank_access import close, distinct, number, shows


def test_he_std():
    for v in distinct("ff.he-std", "n_in", "n_out"):
        n_in, n_out = v.values["n_in"], v.values["n_out"]
        w = torch.empty(n_out, n_in)
        torch.manual_seed(n_in + n_out)
        nn.init.kaiming_normal_(w, nonlinearity="relu")
        close(number(v), math.sqrt(2 / n_in))
        assert w.std().item() == pytest.approx(number(v), rel=0.05)


def test_constant_init_keeps_hidden_units_identical():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    for p in model.parameters():
        nn.init.constant_(p, 0.01)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(5):
        x, y = torch.randn(32, 784), torch.randint(0, 10, (32,))
        opt.zero_grad()
        F.cross_entropy(model(x), y).backward()
        opt.step()
    w1 = model[0].weight
    assert torch.equal(w1, w1[:1].expand_as(w1)) and not torch.equal(w1, torch.full_like(w1, 0.01))
    assert next(distinct("ff.constant-init")).answer == "a"


def _variance_factor(depth: int, init: str, n: int = 1000) -> float:
    """Var of the last pre-activation over Var of the first, through ReLU layers."""
    gen = torch.Generator().manual_seed(depth)
    z0 = torch.randn(2000, n, generator=gen, dtype=torch.float64)
    z = z0
    for _ in range(depth):
        layer = nn.Linear(n, n, bias=False).double()
        if init == "he":
            nn.init.kaiming_normal_(layer.weight, nonlinearity="relu", generator=gen)
        else:  # PyTorch's default: U(−1/√n, 1/√n)
            nn.init.uniform_(layer.weight, -1 / math.sqrt(n), 1 / math.sqrt(n), generator=gen)
        z = layer(torch.relu(z))
    return (z.var() / z0.var()).item()


def test_default_init_shrinks_the_variance():
    bound = 1 / math.sqrt(1000)  # the default's bound, as nn.Linear draws it
    assert nn.Linear(1000, 1000).weight.abs().max().item() <= bound
    with torch.no_grad():
        for v in distinct("ff.default-init-depth", "depth"):
            close(number(v), (1000 * (bound**2 / 3) / 2) ** v.values["depth"])
            # a finite-width sample: 20 % is loose, yet the (1/3)^L mistake is 2^L ≥ 4 times off
            assert _variance_factor(v.values["depth"], "default") == pytest.approx(number(v), rel=0.2)
        assert _variance_factor(5, "he") == pytest.approx(1, rel=0.2)


def test_the_worked_example():
    assert math.sqrt(2 / 784) == pytest.approx(0.0505, abs=5e-5)
    assert math.sqrt(2 / (256 + 10)) == pytest.approx(0.0867, abs=5e-5)
    torch.manual_seed(0)
    default_std = nn.Linear(784, 256).weight.std().item()
    assert 1 / math.sqrt(3 * 784) == pytest.approx(0.0206, abs=5e-5)
    assert default_std == pytest.approx(0.0206, rel=0.02)
    assert (1 / 6) ** 10 == pytest.approx(1.65e-8, rel=5e-3)
    shows("feedforward", "√(2/784) ≈ 0.0505", "√(2/(256 + 10)) ≈ 0.0867", "1/√(3 · 784) ≈ 0.0206",
          "(1/6)¹⁰ ≈ 1.65 × 10⁻⁸")
