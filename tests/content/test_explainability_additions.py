"""The explainability additions (issue 11 §2): the IG axioms (sensitivity on a
saturated model), CAM, Grad-CAM and occlusion, every answer and worked number
recomputed with PyTorch."""

from __future__ import annotations

import pytest
import torch

from tests.content.bank_access import BOOKS, close, distinct, number, shows

F64 = torch.float64


def _saturating(x: torch.Tensor) -> torch.Tensor:
    """min(1, x₁ + x₂): of one input, or of each row of a batch of them."""
    return 1 - torch.relu(1 - x.sum(-1))


def _integrated_gradients(f, x: torch.Tensor, steps: int = 4000) -> torch.Tensor:
    """IG from baseline 0 by the midpoint rule, one batch of path points (f maps each
    row to its own output, so the gradient of the sum is each point's gradient)."""
    alphas = (torch.arange(steps, dtype=F64) + 0.5) / steps
    path = (alphas[:, None] * x).requires_grad_()
    (grads,) = torch.autograd.grad(f(path).sum(), path)
    return x * grads.mean(0)


def test_ig_on_a_saturated_model():
    for v in distinct("xai.ig-saturated", "a", "b"):
        x = torch.tensor([v.values["a"], v.values["b"]], dtype=F64)
        ig = _integrated_gradients(_saturating, x)
        assert ig[0].item() == pytest.approx(number(v), abs=1e-3)  # a Riemann sum
        assert ig.sum().item() == pytest.approx(_saturating(x).item(), abs=1e-3)
        leaf = x.clone().requires_grad_()
        (grad,) = torch.autograd.grad(_saturating(leaf), leaf)
        assert (grad * x).abs().sum().item() == 0  # gradient × input misses both features
    assert BOOKS.question("xai.axiom-gradient-fails").answer == "a"


def _gap_linear_scores(maps: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
    return (weights * maps.mean((-2, -1))).sum()


def test_gradcam_weight_of_a_gap_linear_head():
    for v in distinct("xai.gradcam-weight", "h", "w"):
        h = v.values["h"]
        maps = torch.rand(3, h, h, dtype=F64, generator=torch.Generator().manual_seed(h)).requires_grad_()
        weights = torch.tensor([v.values["w"], 1.0, -2.0], dtype=F64)
        (grad,) = torch.autograd.grad(_gap_linear_scores(maps, weights), maps)
        close(number(v), grad[0].mean().item())


def test_occlusion_passes():
    for v in distinct("xai.occlusion-passes"):
        n, k, s = v.values["n"], v.values["k"], v.values["s"]
        patches = torch.zeros(1, 1, n, n).unfold(2, k, s).unfold(3, k, s)
        assert number(v) == patches.shape[2] * patches.shape[3]


def test_the_worked_examples():
    x = torch.tensor([2.0, 1.5], dtype=F64)
    ig = _integrated_gradients(_saturating, x)
    assert ig.tolist() == pytest.approx([0.5714, 0.4286], abs=1e-3)
    maps = torch.tensor([[[1.0, 0], [2, 1]], [[0, 3], [1, 0]]], dtype=F64, requires_grad=True)
    weights = torch.tensor([2.0, -1.0], dtype=F64)
    score = _gap_linear_scores(maps, weights)
    cam = (weights[:, None, None] * maps).sum(0)
    assert cam.tolist() == [[2, -3], [3, 2]] and score.item() == 1 == cam.mean().item()
    (grad,) = torch.autograd.grad(score, maps)
    alpha = grad.mean((1, 2))
    assert alpha.tolist() == [0.5, -0.25]
    assert torch.relu((alpha[:, None, None] * maps).sum(0)).tolist() == [[0.5, 0], [0.75, 0.5]]
    patches = torch.zeros(1, 1, 224, 224).unfold(2, 16, 8).unfold(3, 16, 8)
    assert patches.shape[2:4] == (27, 27)
    shows("explainability", "IG₁ = 2 · (1/3.5) ≈ 0.5714", "≈ 0.4286", "CAM = 2A¹ − A² = [[2, −3], [3, 2]]",
          "α = w/4 = (0.5, −0.25)", "[[0.5, 0], [0.75, 0.5]]", "27² = 729")
