"""The regularization additions (issue 11 §2): BatchNorm at evaluation time,
GroupNorm, InstanceNorm and RMSNorm, label smoothing and early stopping, every
answer and worked number recomputed with PyTorch."""

from __future__ import annotations

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from tests.content.bank_access import BOOKS, close, distinct, number, shows

F64 = torch.float64


def _eval_bn(mean: float, var: float, gamma: float, beta: float) -> nn.BatchNorm1d:
    bn = nn.BatchNorm1d(1, dtype=F64).eval()
    bn.running_mean.fill_(mean)
    bn.running_var.fill_(var)
    with torch.no_grad():
        bn.weight.fill_(gamma)
        bn.bias.fill_(beta)
    return bn


def test_bn_eval_output():
    for v in distinct("reg.bn-eval-output"):
        bn = _eval_bn(v.values["m"], v.values["v"], v.values["gamma"], v.values["beta"])
        out = bn(torch.tensor([[float(v.values["x"])]], dtype=F64)).item()
        close(number(v), out)


def test_forgetting_eval_uses_batch_statistics_even_under_no_grad():
    bn = _eval_bn(2.0, 4.0, 3.0, 0.5).train()
    for p in bn.parameters():
        p.requires_grad_(False)  # frozen parameters do not freeze the mode
    with torch.no_grad():
        out = bn(torch.tensor([[1.0], [5.0]], dtype=F64))
    assert out.flatten().tolist() == pytest.approx([-2.5, 3.5], abs=1e-4)  # batch statistics
    assert bn.running_mean.item() == pytest.approx(2.1)  # the running estimate moved
    assert BOOKS.question("reg.bn-forgot-eval").answer == ["a", "b"]


def test_groupnorm_statistic_size():
    for v in distinct("reg.groupnorm-count"):
        n, c, g, h = (v.values[k] for k in ("n", "c", "g", "h"))
        x = torch.randn(n, c, h, h, dtype=F64, generator=torch.Generator().manual_seed(0))
        groups = x.reshape(n, g, -1)  # what GroupNorm pools: one row per example and group
        manual = (groups - groups.mean(-1, keepdim=True)) / torch.sqrt(
            groups.var(-1, unbiased=False, keepdim=True) + 1e-5)
        gn = nn.GroupNorm(g, c, affine=False, dtype=F64)
        assert torch.allclose(gn(x), manual.reshape(x.shape))
        assert number(v) == groups.shape[-1]


def test_rmsnorm_value():
    for v in distinct("reg.rmsnorm-value"):
        x = torch.tensor([[float(v.values[k]) for k in "abcd"]], dtype=F64)
        close(number(v), nn.RMSNorm(4, eps=0.0, dtype=F64)(x)[0, 0].item())


def test_label_smoothing_target():
    for v in distinct("reg.label-smoothing-target"):
        k, alpha = v.values["k"], v.values["alpha"]
        logits = torch.randn(1, k, dtype=F64, generator=torch.Generator().manual_seed(k))
        target = torch.tensor([0])
        smoothed = F.cross_entropy(logits, target, label_smoothing=alpha)
        q = torch.full((1, k), alpha / k, dtype=F64)
        q[0, 0] = number(v)
        close(smoothed.item(), -(q * F.log_softmax(logits, -1)).sum().item())


def _early_stop(losses: list[float], patience: int) -> tuple[int, int]:
    """(the epoch after which training stops, the epoch whose weights are kept), from 1."""
    best, best_epoch, waited = float("inf"), 0, 0
    for epoch, loss in enumerate(losses, start=1):
        if loss < best:
            best, best_epoch, waited = loss, epoch, 0
        else:
            waited += 1
            if waited == patience:
                return epoch, best_epoch
    return len(losses), best_epoch


def test_early_stopping_epoch():
    losses = [0.80, 0.66, 0.58, 0.60, 0.55, 0.57, 0.56, 0.59, 0.61, 0.54]
    assert _early_stop(losses, 3) == (number(next(distinct("reg.early-stopping-epoch"))), 5)


def test_the_worked_examples():
    bn = _eval_bn(2.0, 4.0, 3.0, 0.5)
    assert bn(torch.tensor([[5.0]], dtype=F64)).item() == pytest.approx(4.999994, abs=1e-6)
    x = torch.tensor([[2.0, 4.0, 6.0, 8.0]], dtype=F64)
    rms = nn.RMSNorm(4, dtype=F64)(x)
    assert [round(t, 4) for t in rms[0].tolist()] == [0.3651, 0.7303, 1.0954, 1.4606]
    logits = torch.tensor([[2.0, 1.0, 0.0]], dtype=F64)
    assert [round(t, 4) for t in F.log_softmax(logits, -1)[0].tolist()] == [-0.4076, -1.4076, -2.4076]
    assert F.cross_entropy(logits, torch.tensor([0]), label_smoothing=0.1).item() == \
        pytest.approx(0.5076, abs=5e-5)
    assert _early_stop([0.90, 0.70, 0.62, 0.64, 0.60, 0.61, 0.63, 0.65], 3) == (8, 5)
    shows("regularization", "4.999994 to be exact", "t = 0.5 − 1.5·2 = −2.5",
          "y ≈ (0.3651, 0.7303, 1.0954, 1.4606)", "4 · 16 · 16 = 1024", "8 · 32 = 256",
          "≈ (0.9333, 0.0333, 0.0333)", "≈ 0.5076", "stops after epoch 8")
