"""The errors two reviewers found in the lessons (issue 11 §3), each recomputed
with PyTorch here, and each lesson or question now saying what PyTorch does."""

from __future__ import annotations

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from tests.content.bank_access import BOOKS, lesson_text, shows


def test_kl_div_is_kl_only_with_sum_or_batchmean():
    p, q = torch.tensor([[0.5, 0.5]]), torch.tensor([[0.9, 0.1]])
    kl = (p * (p / q).log()).sum()
    assert F.kl_div(q.log(), p, reduction="batchmean") == pytest.approx(kl.item())
    with pytest.warns(UserWarning):
        mean = F.kl_div(q.log(), p, reduction="mean").item()
    assert mean == pytest.approx(kl.item() / 2)
    shows("losses-information", "reduction='batchmean'", f"{mean:.4f}", f"{kl.item():.4f}")


def test_a_second_backward_through_one_graph_raises_without_retain_graph():
    w = torch.tensor(2.0, requires_grad=True)
    loss = 3 * w * w
    loss.backward()
    with pytest.raises(RuntimeError):
        loss.backward()
    shows("calculus-backprop", "retain_graph=True")
    assert "each iteration's backward()" in BOOKS.question("cb.autograd-facts").extra["choices"][0]


def test_orthogonal_is_not_only_rotations_and_reflections_beyond_2d():
    q = -torch.eye(3)
    assert torch.allclose(q.T @ q, torch.eye(3)) and torch.det(q) == -1
    assert sorted(torch.linalg.eigvalsh(q).tolist()) != [-1.0, 1.0, 1.0]  # not one reflection
    shows("linear-algebra", "−I₃", "full column rank")


def test_the_normal_equations_pseudo_inverse_needs_full_column_rank():
    a = torch.tensor([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]], dtype=torch.float64)  # rank 1
    assert torch.linalg.matrix_rank(a.T @ a) == 1  # (AᵀA)⁻¹ does not exist
    assert torch.allclose(torch.linalg.pinv(a) @ a @ torch.linalg.pinv(a), torch.linalg.pinv(a))


def test_singular_values_of_a_wide_matrix_leave_extra_zero_eigenvalues():
    a = torch.randn(2, 5, generator=torch.Generator().manual_seed(3), dtype=torch.float64)
    eig = torch.linalg.eigvalsh(a.T @ a).flip(0)
    assert torch.allclose(eig[:2].sqrt(), torch.linalg.svdvals(a))
    assert torch.allclose(eig[2:], torch.zeros(3, dtype=torch.float64), atol=1e-12)
    assert "n − m eigenvalues" in BOOKS.question("eig.singular-values-def").explanation


def test_sgd_decays_a_zero_gradient_but_skips_a_missing_one():
    used, unused = nn.Parameter(torch.tensor([2.0])), nn.Parameter(torch.tensor([2.0]))
    sgd = torch.optim.SGD([used, unused], lr=0.1, weight_decay=0.01)
    (0 * used).sum().backward()
    sgd.step()
    assert unused.grad is None and unused.item() == 2.0
    assert used.item() == pytest.approx(2.0 * (1 - 0.1 * 0.01))
    assert "zero gradient tensor" in BOOKS.question("reg.decay-only-shrink").prompt


def test_a_sum_without_keepdim_breaks_softmax_over_the_last_dim_of_a_square_input():
    x = torch.randn(4, 4, generator=torch.Generator().manual_seed(0))
    e = x.exp()
    assert torch.allclose(e / e.sum(dim=0), x.softmax(dim=0))  # dim 0: still right
    assert not torch.allclose(e / e.sum(dim=-1), x.softmax(dim=-1))  # the case that catches it
    cases = BOOKS.question("code.softmax").extra["cases"]
    square = next(c for c in cases if c["x"].get("shape") == [4, 4])
    assert square["dim"] == -1


def test_boolean_masks_mean_opposite_things_in_the_two_apis():
    gen = torch.Generator().manual_seed(1)
    x = torch.randn(1, 3, 4, generator=gen)
    allow = torch.tensor([[True, False, False], [True, True, False], [True, True, True]])
    sdpa = F.scaled_dot_product_attention(x, x, x, attn_mask=allow)
    mha = nn.MultiheadAttention(4, 1, batch_first=True, bias=False)
    with torch.no_grad():
        mha.in_proj_weight.copy_(torch.cat([torch.eye(4)] * 3))
        mha.out_proj.weight.copy_(torch.eye(4))
    blocked_by_mha, _ = mha(x, x, x, attn_mask=~allow)  # True there means blocked
    assert torch.allclose(sdpa, blocked_by_mha, atol=1e-6)
    shows("attention-transformers", "True = **blocked**", "True = **may attend**")


def test_a_strided_convolution_does_not_commute_with_a_shift_of_one():
    conv = nn.Conv1d(1, 1, 3, stride=2, bias=False)
    x = torch.randn(1, 1, 16, generator=torch.Generator().manual_seed(2))
    shifted = torch.roll(x, 1, dims=-1)
    assert not torch.allclose(conv(shifted)[..., 1:-1], conv(x)[..., 1:-1])
    shows("convolution", "with stride 1", "away from the")


def test_a_mean_reconstruction_beside_a_summed_kl_is_beta_equal_to_the_features():
    x, xhat = torch.rand(8, 784), torch.rand(8, 784)
    summed = F.binary_cross_entropy(xhat, x, reduction="sum") / 8
    averaged = F.binary_cross_entropy(xhat, x, reduction="mean")
    assert summed.item() == pytest.approx(784 * averaged.item(), rel=1e-5)
    shows("autoencoders-vae", "β = 784", "1/(2σ²)")
    assert "does not depend on μ" in BOOKS.question("vae.dz-dlv").prompt


def test_map_weight_decay_scales_with_the_loss_reduction():
    n, tau = 50, 0.5
    w = torch.tensor(0.7, requires_grad=True)
    prior = w ** 2 / (2 * tau ** 2)
    (grad_sum,) = torch.autograd.grad(prior, w)  # summed NLL + prior: λ = 1/τ²
    assert grad_sum.item() == pytest.approx(w.item() / tau ** 2)
    assert (grad_sum / n).item() == pytest.approx(w.item() / (n * tau ** 2))  # per-example mean
    shows("bayesian", "1/(Nτ²)", "proximal")


def test_the_remaining_prose_fixes_are_in_place():
    shows("frontiers", "MnasNet", "ρ(Σᵢ φ(xᵢ))", "4Ld²")
    shows("cnn-architectures", "stride 1 when only", "pre-activation")
    shows("activations", "PReLU")
    shows("gradient-flow", "weights of size at most 1 give at most (1/4)ⁿ")
    shows("calculus-backprop", "counting classes from 1")
    shows("losses-information", "counting from 0")
    shows("eigen-svd-pca", "rank at most k", "reflection")
    assert "n = " in BOOKS.question("gf.linear-chain-factor").prompt
    assert "proximal" in BOOKS.question("bayes.l1-vs-l2").explanation
