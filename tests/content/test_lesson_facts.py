"""The numbers in the lessons' worked examples, recomputed with PyTorch.

Each check computes a value the lesson states and asserts that the lesson
shows exactly that value, so a wrong number in a lesson fails here.
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

from bank_access import shows

F64 = torch.float64
META = torch.device("meta")


def params(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def dec(value: float, places: int) -> str:
    return f"{value:.{places}f}"


def test_linear_algebra_examples():
    shows("linear-algebra", f"{torch.empty(32, 3, 224, 224, device=META).numel():,}")
    product = torch.tensor([[1.0, 2], [3, 4]]) @ torch.tensor([[5.0], [6]])
    shows("linear-algebra", f"[[{product[0, 0]:.0f}], [{product[1, 0]:.0f}]]")
    weight = torch.tensor([[1.0, 0, 2], [-1, 3, 1]])
    y = F.linear(torch.tensor([1.0, 2, 3]), weight, torch.tensor([0.5, -1]))
    shows("linear-algebra", f"y = Wx + b = ({y[0].item():g}, {y[1].item():g})")
    shows("linear-algebra", f"{params(nn.Linear(784, 256)):,} parameters")
    quarter = torch.tensor([[0.0, -1], [1, 0]])
    turned = quarter @ torch.tensor([3.0, 4])
    assert torch.allclose(quarter.T @ quarter, torch.eye(2))
    shows("linear-algebra", f"Rotating (3, 4) gives ({turned[0]:g}, {turned[1]:g})")
    a = torch.tensor([[0.0, 1], [1, 1], [2, 1]], dtype=F64)
    b = torch.tensor([[1.0], [3], [4]], dtype=F64)
    w, c = torch.linalg.lstsq(a, b).solution.ravel().tolist()
    assert abs(c - 7 / 6) < 1e-12
    shows("linear-algebra", f"({w:g}, 7/6 ≈ {dec(c, 3)})")
    assert torch.allclose(torch.linalg.pinv(a) @ b, torch.linalg.lstsq(a, b).solution)
    residual = (b - a @ torch.linalg.lstsq(a, b).solution).ravel() * 6
    assert torch.allclose(residual, torch.tensor([-1.0, 2, -1], dtype=F64))
    shows("linear-algebra", "(−1/6, 1/3, −1/6)")


def test_activation_examples():
    x2 = torch.tensor(2.0, dtype=F64)
    s2 = torch.sigmoid(x2).item()
    shows("activations", f"≈ {dec(s2, 4)}", f"≈ {dec(s2 * (1 - s2), 4)}")
    shows("activations", f"{0.25 ** 10:.1e}".replace("e-07", " × 10⁻⁷"))
    t1 = torch.tanh(torch.tensor(1.0, dtype=F64)).item()
    shows("activations", f"tanh(1) ≈ {dec(t1, 4)}", f"≈ {dec(1 - t1 ** 2, 4)}")
    minus3 = torch.tensor(-3.0, dtype=F64)
    shows("activations", f"≈ {dec(F.softplus(minus3).item(), 3)} with slope",
          f"σ(−3) ≈ {dec(torch.sigmoid(minus3).item(), 3)}",
          f"log 2 ≈ {dec(F.softplus(torch.tensor(0.0, dtype=F64)).item(), 3)}")
    one = torch.tensor(1.0, dtype=F64, requires_grad=True)
    shows("activations", f"GELU(1) ≈ {dec(F.gelu(one).item(), 4)}",
          f"approximation gives {dec(F.gelu(one, approximate='tanh').item(), 4)}",
          f"SiLU(1) = σ(1) ≈ {dec(F.silu(one).item(), 4)}")
    F.silu(one).backward()
    shows("activations", f"≈ {dec(one.grad.item(), 4)}")


def test_activation_shapes_of_curves():
    x = torch.linspace(-6, 6, 120001, dtype=F64)
    gap = (F.gelu(x) - F.gelu(x, approximate="tanh")).abs().max().item()
    assert 4e-4 < gap < 5e-4
    shows("activations", "within 5 × 10⁻⁴")
    gelu, silu = F.gelu(x), F.silu(x)
    shows("activations", f"GELU reaches about {gelu.min().item():.2f}".replace("-", "−"),
          f"near x ≈ {x[gelu.argmin()].item():.2f}".replace("-", "−"),
          f"SiLU about {silu.min().item():.2f}".replace("-", "−"),
          f"near x ≈ {x[silu.argmin()].item():.2f}".replace("-", "−"))


def test_convolution_examples():
    shows("convolution", f"= {params(nn.Linear(3072, 16384, device=META)):,}",
          f"= {params(nn.Conv2d(3, 16, 3, padding=1)):,} parameters",
          f"= {params(nn.Conv2d(64, 128, 3)):,}.",
          f"= {params(nn.Conv2d(64, 64, 3, groups=64)):,}.",
          f"= {params(nn.Conv2d(64, 128, 1)):,}.")
    stem = nn.Conv2d(3, 64, 7, stride=2, padding=3, device=META)
    shows("convolution", f"+ 1 = {stem(torch.empty(1, 3, 224, 224, device=META)).shape[-1]}.")
    dilated = nn.Conv2d(1, 1, 3, dilation=2, padding=2, device=META)
    assert dilated(torch.empty(1, 1, 10, 10, device=META)).shape[-1] == 10
    x = torch.tensor([[[1.0, 2, 3, 4]]])
    w = torch.tensor([[[1.0, 0, -1]]])
    correlated = F.conv1d(x, w).ravel().tolist()
    convolved = F.conv1d(x, w.flip(-1)).ravel().tolist()
    show = lambda v: "[" + ", ".join(f"{t:g}" for t in v).replace("-", "−") + "]"
    shows("convolution", f"Output {show(correlated)}", f"output {show(convolved)}")
    grid = torch.tensor([[1.0, 3, 2, 0], [4, 6, 1, 1], [0, 2, 5, 7], [1, 1, 3, 8]])[None, None]
    as_list = lambda t: str([[float(v) if v % 1 else int(v) for v in row] for row in t[0, 0].tolist()])
    shows("convolution", f"max pooling: {as_list(F.max_pool2d(grid, 2))}",
          f"average pooling: {as_list(F.avg_pool2d(grid, 2))}")
