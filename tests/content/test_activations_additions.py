"""The activations additions (issue 11 §2): Leaky ReLU, PReLU, ELU, GLU and
SwiGLU, every answer and worked number recomputed with PyTorch."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from tests.content.bank_access import close, dims, distinct, n_params, number, shows

F64 = torch.float64


def test_elu_value():
    for v in distinct("act.elu-value", "x", "alpha"):
        x = torch.tensor(float(v.values["x"]), dtype=F64)
        close(number(v), F.elu(x, alpha=v.values["alpha"]).item())


def test_prelu_parameters():
    for v in distinct("act.prelu-params", "c"):
        assert number(v) == n_params(nn.PReLU(num_parameters=v.values["c"]))
    assert n_params(nn.PReLU()) == 1 and nn.PReLU().weight.item() == 0.25


def test_leaky_relu_keeps_a_gradient():
    x = torch.tensor([-5.0, -0.1], requires_grad=True)
    F.leaky_relu(x).sum().backward()
    assert x.grad.tolist() == pytest.approx([0.01, 0.01])
    assert next(distinct("act.leaky-relu-grad")).answer == "a"


def test_glu_shape():
    for v in distinct("act.glu-shape", "n", "t", "k"):
        x = torch.zeros(v.values["n"], v.values["t"], 2 * v.values["k"])
        assert dims(v) == tuple(F.glu(x, dim=-1).shape)


class SwiGLU(nn.Module):
    def __init__(self, d: int, h: int) -> None:
        super().__init__()
        self.w1, self.w3 = nn.Linear(d, h, bias=False), nn.Linear(d, h, bias=False)
        self.w2 = nn.Linear(h, d, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.w2(F.silu(self.w1(x)) * self.w3(x))


def test_swiglu_parameters():
    for v in distinct("act.swiglu-params", "d", "h"):
        d, h = v.values["d"], v.values["h"]
        with torch.device("meta"):  # count without allocating up to 135 M floats
            assert number(v) == n_params(SwiGLU(d, h))


def test_the_worked_examples():
    x = torch.tensor(-2.0, dtype=F64)
    assert F.leaky_relu(x, 0.01).item() == pytest.approx(-0.02)
    assert F.prelu(x.reshape(1), torch.tensor([0.25], dtype=F64)).item() == pytest.approx(-0.5)
    elu = F.elu(x).item()
    assert elu == pytest.approx(-0.8647, abs=5e-5) and math.exp(-2) == pytest.approx(0.1353, abs=5e-5)
    xg = x.clone().requires_grad_()
    F.elu(xg).backward()
    assert xg.grad.item() == pytest.approx(elu + 1)
    assert [f(torch.tensor(3.0)).item() for f in (F.leaky_relu, F.elu)] == [3.0, 3.0]
    glu = F.glu(torch.tensor([1.0, 2.0, 3.0, 4.0], dtype=F64), dim=0)
    assert glu.tolist() == pytest.approx([0.9526, 1.9640], abs=5e-5)
    with torch.device("meta"):
        assert n_params(SwiGLU(4096, 11008)) == 135_266_304
        plain = nn.Sequential(nn.Linear(4096, 16384, bias=False), nn.Linear(16384, 4096, bias=False))
        assert n_params(plain) == 134_217_728
    shows("activations", "gives −0.02", "gives −0.5", "e⁻² − 1 ≈ −0.8647", "e⁻² ≈ 0.1353 = −0.8647 + 1",
          "≈ (0.9526, 1.9640)", "3 · 4096 · 11008 = 135,266,304", "2 · 4096 · 16384 = 134,217,728")
