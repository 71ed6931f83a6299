"""manifolds: every answer of the bank, recomputed with PyTorch.

Charts are checked by going back through the other chart formula (a point and
its coordinate must round-trip); layers by building them and inverting them;
Jacobians by autograd; intrinsic dimensions by the rank of a Jacobian at a
random point (the dimension of the tangent space); PCA by eigenvalues of a
covariance of sampled points. A wrong answer in the bank fails here.
"""

from __future__ import annotations

import math
import random

import pytest
import sympy as sp
import torch
import torch.nn as nn
import torch.nn.functional as F

from dltutor.bank.models import Variant
from dltutor.bank.validate import question_problems
from dltutor.kinds.derivative import reference_expr
from dltutor.kinds.symbolic import read

from bank_access import (BOOKS, assert_checked, bank_questions, called_ids, close, dims, distinct,
                         number, variants)
from manifold_tools import (F64, circle_in_space, covariance_eigenvalues, north_chart_inverse,
                            tangent_dimension)

TOPIC = "manifolds"
# numeric questions whose answer is a theorem rather than a computation, with the reason
NOT_COMPUTABLE = {
    "mf.circle-charts": "that one chart cannot cover the circle is topology (compactness); "
                        "test_two_charts_cover_the_circle checks that two do",
}


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def value_of(expr: sp.Basic, **point: float) -> float:
    return float(sp.N(expr.subs({s: point[str(s)] for s in expr.free_symbols}), 30))


def entries(variant: Variant) -> list:
    """A matrix or vector answer as SymPy expressions, nested like the answer."""
    if isinstance(variant.answer[0], list):
        return [[read(str(e), variant) for e in row] for row in variant.answer]
    return [read(str(e), variant) for e in variant.answer]


# charts ----------------------------------------------------------------------

def test_stereographic_round_trips():
    for v in variants("mf.stereographic"):
        point = torch.tensor([v.values["xn"], v.values["yn"]], dtype=F64) / v.values["den"]
        assert point.square().sum().item() == pytest.approx(1.0)
        back = north_chart_inverse(torch.tensor(number(v), dtype=F64))
        assert torch.allclose(back, point, atol=1e-12)


def test_stereographic_inverse_lands_on_the_line_and_the_circle():
    (v,) = variants("mf.stereographic-inverse")
    x_expr, y_expr = entries(v)
    for u in (-3.0, -0.4, 0.0, 0.7, 3.0, 11.0):
        x, y = value_of(x_expr, u=u), value_of(y_expr, u=u)
        assert x * x + y * y == pytest.approx(1.0, abs=1e-12)
        # (0, 1), (u, 0) and (x, y) are collinear: the projection's line
        assert (u - 0) * (y - 1) - (0 - 1) * (x - 0) == pytest.approx(0.0, abs=1e-12)
        assert (x, y) != pytest.approx((0.0, 1.0))


def test_two_charts_cover_the_circle():
    theta = torch.linspace(0, 2 * math.pi, 721, dtype=F64)[:-1]
    x, y = torch.cos(theta), torch.sin(theta)
    north, south = y < 1 - 1e-9, y > -1 + 1e-9
    assert bool((north | south).all())
    u = x[north] / (1 - y[north])
    assert torch.allclose(north_chart_inverse(u), torch.stack([x[north], y[north]]), atol=1e-9)
    assert u.unique().numel() == u.numel()  # one-to-one on its patch


# homeomorphisms and layers ---------------------------------------------------

CHOICE_FUNCTIONS = [torch.tanh, torch.square, torch.relu, lambda x: x ** 3,
                    lambda x: torch.sigmoid(2 * x + 1), lambda x: F.leaky_relu(x, 0.01)]


def test_homeomorphisms_are_the_strictly_monotone_choices():
    (v,) = variants("mf.homeomorphism-which")
    x = torch.linspace(-4, 4, 8001, dtype=F64)
    monotone = {"abcdef"[i] for i, f in enumerate(CHOICE_FUNCTIONS)
                if bool((f(x).diff() > 0).all() or (f(x).diff() < 0).all())}
    assert monotone == set(v.answer)
    assert len(BOOKS.question("mf.homeomorphism-which").extra["choices"]) == len(CHOICE_FUNCTIONS)


def test_only_the_leaky_layer_is_inverted():
    (v,) = variants("mf.layer-conditions")
    torch.manual_seed(0)
    w = torch.randn(3, 3, dtype=F64) + 3 * torch.eye(3, dtype=F64)
    b = torch.randn(3, dtype=F64)
    x = torch.randn(100, 3, dtype=F64)
    y = F.leaky_relu(x @ w.T + b, 0.01)
    z = torch.where(y >= 0, y, y / 0.01)
    assert torch.allclose(torch.linalg.solve(w, (z - b).T).T, x)
    # ReLU: two inputs whose pre-activations are all negative give the same output
    x1, x2 = torch.linalg.solve(w, -b - 1), torch.linalg.solve(w, -b - 2)
    assert torch.equal(torch.relu(w @ x1 + b), torch.relu(w @ x2 + b))
    # rank 2 (or 2×3): x and x + null vector collide
    singular = w.clone()
    singular[2] = singular[0] + singular[1]
    null = torch.linalg.svd(singular).Vh[-1]
    assert torch.allclose(torch.tanh(singular @ (x[0] + null)), torch.tanh(singular @ x[0]))
    assert v.answer == "a"


def test_layer_inverse():
    for v in variants("mf.layer-inverse"):
        w, b, y = v.values["w"], v.values["b"], torch.tensor(v.values["y"], dtype=F64)
        close(number(v), ((torch.logit(y) - b) / w).item())
        forward = torch.sigmoid(torch.tensor(w * number(v) + b, dtype=F64)).item()
        assert forward == pytest.approx(v.values["y"], abs=1e-12)


def test_layer_jacobian_matches_autograd():
    rng = random.Random(3)
    for v in distinct("mf.layer-jacobian"):
        p, q, s = v.values["p"], v.values["q"], v.values["s"]
        w = torch.tensor([[p, q], [-q, s]], dtype=F64)
        bank = entries(v)
        for _ in range(2):
            x1, x2 = rng.uniform(-1.5, 1.5), rng.uniform(-1.5, 1.5)
            jac = torch.autograd.functional.jacobian(lambda x: torch.tanh(w @ x),
                                                     torch.tensor([x1, x2], dtype=F64))
            for i in range(2):
                for j in range(2):
                    close(value_of(bank[i][j], x1=x1, x2=x2), jac[i, j].item(), rel=1e-9)


def test_inverse_derivative_matches_autograd():
    (v,) = variants("mf.inverse-derivative")
    reference = reference_expr(v)
    for y0, w0, b0 in [(0.2, 1.5, 0.3), (0.7, 0.4, -1.0), (0.95, 2.0, 0.0)]:
        y = torch.tensor(y0, dtype=F64, requires_grad=True)
        ((torch.logit(y) - b0) / w0).backward()
        close(value_of(reference, y=y0, w=w0, b=b0), y.grad.item())


# width -----------------------------------------------------------------------

def test_one_unit_is_monotone_and_two_units_separate():
    (v,) = variants("mf.min-width-1d")
    x = torch.cat([torch.linspace(-3, -2, 101), torch.linspace(-1, 1, 201), torch.linspace(2, 3, 101)])
    label_b = x.abs() >= 2
    gen = torch.Generator().manual_seed(0)
    for _ in range(200):  # one ReLU unit and a linear output: monotone, so a half-line
        w, b, a, c = torch.randn(4, generator=gen)
        out = a * torch.relu(w * x + b) + c
        assert bool((out.diff() >= 0).all() or (out.diff() <= 0).all())
    for cut in x:  # no half-line is class B
        assert not torch.equal(x > cut, label_b) and not torch.equal(x < cut, label_b)
    two_units = torch.relu(x) + torch.relu(-x) - 1.5
    assert torch.equal(two_units > 0, label_b)
    assert number(v) == 2


def test_l1_feature_threshold():
    theta = torch.linspace(0, 2 * math.pi, 8001, dtype=F64)
    for v in variants("mf.l1-separates"):
        a = v.values["a"]
        x1, x2 = a * torch.cos(theta), a * torch.sin(theta)
        units = torch.relu(x1) + torch.relu(-x1) + torch.relu(x2) + torch.relu(-x2)
        close(number(v), units.max().item(), rel=1e-12)
        assert units.min().item() == pytest.approx(a)


# manifold hypothesis and dimensions -----------------------------------------

def test_decoder_jacobian_shape():
    for v in distinct("mf.decoder-jacobian-shape"):
        d, big_d = v.values["d"], v.values["D"]
        decoder = nn.Sequential(nn.Linear(d, 32), nn.Tanh(), nn.Linear(32, big_d))
        jac = torch.func.jacrev(decoder)(torch.randn(d))
        assert tuple(jac.shape) == dims(v)


def test_rotation_dimension_is_the_tangent_rank():
    gen = torch.Generator().manual_seed(1)
    for v in distinct("mf.rotation-dim"):
        n = v.values["n"]
        a0 = torch.randn(n, n, generator=gen, dtype=F64) * 0.3
        rotate = lambda a: torch.linalg.matrix_exp(a - a.T).reshape(-1)
        q = rotate(a0).reshape(n, n)
        assert torch.allclose(q.T @ q, torch.eye(n, dtype=F64)) and torch.linalg.det(q) > 0
        assert tangent_dimension(rotate, a0) == number(v)


def test_low_rank_dimension_is_the_tangent_rank():
    gen = torch.Generator().manual_seed(2)
    for v in distinct("mf.low-rank-dim", seeds=range(12)):
        m, n, r = v.values["m"], v.values["n"], v.values["r"]
        factors = torch.randn(r * (m + n), generator=gen, dtype=F64)
        product = lambda f: (f[:m * r].reshape(m, r) @ f[m * r:].reshape(r, n)).reshape(-1)
        assert tangent_dimension(product, factors) == number(v)


def test_layernorm_output_dimension():
    gen = torch.Generator().manual_seed(3)
    for v in distinct("mf.layernorm-dim"):
        n = v.values["n"]
        x = torch.randn(n, generator=gen, dtype=F64)
        norm = lambda t: F.layer_norm(t, (n,), eps=0.0)
        y = norm(x)
        assert y.sum().item() == pytest.approx(0, abs=1e-9)
        assert y.square().sum().item() == pytest.approx(n)
        assert tangent_dimension(norm, x) == number(v)


def test_pca_of_a_circle():
    for v in distinct("mf.pca-circle"):
        eig = covariance_eigenvalues(circle_in_space(v.values["R"], v.values["D"], 36, seed=4))
        close(number(v), eig[0].item(), rel=1e-9)
        assert eig[1].item() == pytest.approx(eig[0].item())
        assert eig[2:].abs().max().item() < 1e-9


# coverage --------------------------------------------------------------------

def test_every_variant_self_checks_over_many_seeds():
    """Beyond `bank validate`'s 25 seeds: the answer grades right and every wrong answer
    wrong, with its own mistake, for 60 seeds of each parametrised question."""
    problems = [p for q in bank_questions(TOPIC) for seed in range(60 if q.parametrised else 1)
                for p in question_problems(q, seed)]
    assert not problems, "\n".join(problems[:10])


def test_every_computable_answer_is_covered():
    """A new numeric, shape or symbolic question needs a test here (or a reason)."""
    assert_checked(called_ids(__file__, "variants", "distinct"), bank_questions(TOPIC),
                   lambda q: q.kind not in ("choice",), NOT_COMPUTABLE,
                   "manifolds questions without a PyTorch check")
