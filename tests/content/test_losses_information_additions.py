"""The losses-information additions (issue 11 §2): KL between Gaussians,
label smoothing and the hinge loss, every answer and worked number
recomputed with PyTorch."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F
from torch.distributions import Normal, kl_divergence

from tests.content.bank_access import close, distinct, number, shows

F64 = torch.float64


def _normal(mean: float, std: float) -> Normal:
    return Normal(torch.tensor(float(mean), dtype=F64), torch.tensor(float(std), dtype=F64))


def test_kl_between_gaussians():
    for v in distinct("loss.kl-gaussians", "m1", "m2", "s1", "s2"):
        p = _normal(v.values["m1"], v.values["s1"])
        q = _normal(v.values["m2"], v.values["s2"])
        close(number(v), kl_divergence(p, q).item())
        assert kl_divergence(q, p).item() != pytest.approx(number(v), abs=5e-3)


def _logits_with_true_probability(p: float, k: int) -> torch.Tensor:
    """Logits for k classes whose softmax gives class 0 probability p, the rest equal."""
    rest = (1 - p) / (k - 1)
    return torch.log(torch.tensor([[p] + [rest] * (k - 1)], dtype=F64))


def test_label_smoothing_target_and_gradient():
    for v in distinct("loss.label-smoothing-target", "k", "eps"):
        k, eps = v.values["k"], v.values["eps"]
        # against a uniform softmax the gradient on the true logit is 1/K − target
        z = torch.zeros(1, k, dtype=F64, requires_grad=True)
        F.cross_entropy(z, torch.tensor([0]), label_smoothing=eps).backward()
        close(number(v), 1 / k - z.grad[0, 0].item())
    for v in distinct("loss.label-smoothing-grad", "k", "eps", "p"):
        z = _logits_with_true_probability(v.values["p"], v.values["k"]).requires_grad_()
        F.cross_entropy(z, torch.tensor([0]), label_smoothing=v.values["eps"]).backward()
        close(number(v), z.grad[0, 0].item())


def test_hinge_loss():
    for v in distinct("loss.hinge-value", "y", "m"):
        y, score = v.values["y"], v.values["y"] * v.values["m"]
        loss = torch.clamp(1 - torch.tensor(y * score, dtype=F64), min=0)
        close(number(v), loss.item())
        # PyTorch's two-class MultiMarginLoss with scores (−f/2, f/2) is the same hinge, halved
        scores = torch.tensor([[-score / 2, score / 2]], dtype=F64)
        target = torch.tensor([1 if y == 1 else 0])
        close(number(v), 2 * torch.nn.MultiMarginLoss()(scores, target).item())


def test_the_worked_examples():
    assert kl_divergence(_normal(1, 1), _normal(0, 2)).item() == pytest.approx(0.4431, abs=5e-5)
    assert kl_divergence(_normal(0, 2), _normal(1, 1)).item() == pytest.approx(1.3069, abs=5e-5)
    assert math.log(2) == pytest.approx(0.6931, abs=5e-5)
    z = torch.tensor([[2.0, 0.0, 0.0, 0.0]], dtype=F64, requires_grad=True)
    p = torch.softmax(z, dim=1)[0]
    assert p[0].item() == pytest.approx(0.7112, abs=5e-5) and p[1].item() == pytest.approx(0.0963, abs=5e-5)
    target = torch.tensor([0])
    assert F.cross_entropy(z, target).item() == pytest.approx(0.3408, abs=5e-5)
    assert -torch.log(p[1]).item() == pytest.approx(2.3408, abs=5e-5)
    smoothed = F.cross_entropy(z, target, label_smoothing=0.1)
    assert smoothed.item() == pytest.approx(0.4908, abs=5e-5)
    smoothed.backward()
    assert z.grad[0, 0].item() == pytest.approx(-0.2138, abs=5e-5)
    assert p[0].item() - 1 == pytest.approx(-0.2888, abs=5e-5)
    hinge = torch.clamp(1 - torch.tensor([0.3, 2.0, -0.3]), min=0)
    assert hinge.tolist() == pytest.approx([0.7, 0.0, 1.3])
    shows("losses-information", "log 2 + (1 + 1)/(2 · 4) − ½ ≈ 0.6931 + 0.25 − 0.5 ≈ 0.4431",
          "≈ 1.3069", "(0.925, 0.025, 0.025, 0.025)", "−log 0.7112 ≈ 0.3408",
          "(0.3408 + 3 · 2.3408)/4 ≈ 0.4908", "0.7112 − 0.925 ≈ −0.2138", "loss 1 − 0.3 = 0.7",
          "loss 1.3")
