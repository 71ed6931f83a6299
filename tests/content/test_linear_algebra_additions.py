"""The linear-algebra additions (issue 11 §2): cosine similarity, norms,
determinants, rank and broadcasting, every answer and worked number
recomputed with PyTorch."""

from __future__ import annotations

import pytest
import torch

from tests.content.bank_access import close, dims, distinct, number, shows


def _vector(variant, *names):
    return torch.tensor([float(variant.values[n]) for n in names], dtype=torch.float64)


def test_cosine_similarity():
    for v in distinct("la.cosine-similarity", "a", "b", "c", "d", "e", "f"):
        x, y = _vector(v, "a", "b", "c"), _vector(v, "d", "e", "f")
        close(number(v), torch.nn.functional.cosine_similarity(x, y, dim=0).item())


def test_l1_norm():
    for v in distinct("la.norm-kinds", "a", "b", "c", "d"):
        x = torch.tensor([v.values["a"], -v.values["b"], v.values["c"], -v.values["d"]],
                         dtype=torch.float64)
        close(number(v), torch.linalg.vector_norm(x, ord=1).item())


def test_frobenius_norm_and_determinant():
    for v in distinct("la.frobenius-norm", "a", "b", "c", "d"):
        a = _vector(v, "a", "b", "c", "d").reshape(2, 2)
        close(number(v), torch.linalg.matrix_norm(a).item())
    for v in distinct("la.det-2x2", "a", "b", "c", "d"):
        a = _vector(v, "a", "b", "c", "d").reshape(2, 2)
        close(number(v), torch.det(a).item(), rel=1e-12)


def test_lora_rank_is_at_most_r():
    for v in distinct("la.lora-rank", "n", "r"):
        n, r = v.values["n"], v.values["r"]
        gen = torch.Generator().manual_seed(n + r)
        delta = torch.randn(n, r, generator=gen) @ torch.randn(r, n, generator=gen)
        # rank(ΔW P) = min(rank ΔW, 2r) for a random (n, 2r) P, almost surely: a sketch
        # that sees any rank above r, without the SVD of an up to 4096 × 4096 matrix
        sketch = delta @ torch.randn(n, 2 * r, generator=gen)
        assert torch.linalg.matrix_rank(sketch).item() == number(v) == r


def test_broadcast_shape():
    for v in distinct("la.broadcast-shape", "n", "m", "k"):
        x = torch.zeros(v.values["n"], 1, v.values["k"])
        y = torch.zeros(v.values["m"], 1)
        assert dims(v) == tuple((x + y).shape)


def test_the_worked_example():
    x, y = torch.tensor([3.0, 4.0]), torch.tensor([4.0, 3.0])
    assert torch.dot(x, y) == 24 and torch.nn.functional.cosine_similarity(x, y, dim=0) == \
        pytest.approx(0.96)
    assert torch.linalg.vector_norm(x, 1) == 7 and torch.linalg.vector_norm(x, float("inf")) == 4
    a = torch.tensor([[2.0, 1.0], [1.0, 3.0]])
    assert torch.det(a).item() == pytest.approx(5)
    assert torch.allclose(torch.linalg.inv(a), torch.tensor([[3.0, -1.0], [-1.0, 2.0]]) / 5)
    assert torch.linalg.matrix_norm(a).item() == pytest.approx(3.873, abs=5e-4)
    shows("linear-algebra", "cos θ = 24/25 = 0.96", "√15 ≈ 3.873", "det A = 2·3 − 1·1 = 5")
