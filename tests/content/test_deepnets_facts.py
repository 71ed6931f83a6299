"""gradient-flow, cnn-architectures and recurrent: every answer PyTorch can compute.

Each test loads a question through the library, draws several variants,
computes the answer independently with PyTorch (real modules for parameter
counts and shapes, autograd for derivatives, nn.init and clip_grad_norm_ for
their numbers, gradient experiments for receptive fields) and compares it with
the bank. Symbolic answers (expression, derivative, matrix) are evaluated at
random points and compared with autograd. A wrong answer in the bank fails here.
"""

from __future__ import annotations

import math
import random
from typing import Iterator

import pytest
import sympy as sp
import torch
import torch.nn as nn

from dltutor.bank.models import Variant
from dltutor.kinds.base import as_text
from dltutor.kinds.derivative import reference_expr
from dltutor.kinds.symbolic import read

from bank_access import (BOOKS, assert_checked, bank_questions, called_ids, close, dims, distinct,
                         n_params, number, shows, variants)

META = torch.device("meta")
F64 = torch.float64
TOPICS = ("gradient-flow", "cnn-architectures", "recurrent")
# Numeric and shape questions no test here can compute, each with the reason.
NOT_COMPUTABLE: dict[str, str] = {}


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """Small tensors: one thread is faster, and much faster on a busy machine."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def t64(*values: float) -> list[torch.Tensor]:
    return [torch.tensor(float(v), dtype=F64, requires_grad=True) for v in values]


def value_of(expr: sp.Basic, **point: float) -> float:
    """A bank expression (SymPy, from the library) at a point, by variable name."""
    subs = {s: point[str(s)] for s in expr.free_symbols}
    return float(sp.N(expr.subs(subs), 30))


def answer_expr(variant: Variant) -> sp.Basic:
    return read(as_text(variant.answer), variant)


def answer_matrix(variant: Variant) -> list[list[sp.Basic]]:
    return [[read(str(entry), variant) for entry in row] for row in variant.answer]


def points(seed: int, count: int = 8, **ranges: tuple[float, float]) -> Iterator[dict[str, float]]:
    rng = random.Random(seed)
    for _ in range(count):
        yield {name: rng.uniform(lo, hi) for name, (lo, hi) in ranges.items()}


def receptive_field(layers: list[nn.Module], size: int) -> int:
    """Side of the input square that one central output unit depends on.

    All weights are 1 and all inputs 1, so no gradient cancels: the input
    pixels with a non-zero gradient are exactly the receptive field.
    """
    net = nn.Sequential(*layers).to(F64)
    for m in net.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.ones_(m.weight)
    x = torch.ones(1, 1, size, size, dtype=F64, requires_grad=True)
    y = net(x)
    c = y.shape[-1] // 2
    y[0, 0, c, c].backward()
    cols = (x.grad[0, 0].abs().sum(0) > 0).nonzero().ravel()
    rows = (x.grad[0, 0].abs().sum(1) > 0).nonzero().ravel()
    side = (cols.max() - cols.min() + 1).item()
    assert side == (rows.max() - rows.min() + 1).item()
    return side


def conv1(k: int, stride: int = 1, dilation: int = 1) -> nn.Conv2d:
    return nn.Conv2d(1, 1, k, stride=stride, dilation=dilation, bias=False)


# gradient-flow ---------------------------------------------------------------

def test_jacobian_shape():
    for v in distinct("gf.jacobian-shape"):
        layer = nn.Linear(v.values["n_in"], v.values["n_out"])
        jac = torch.autograd.functional.jacobian(lambda x: torch.tanh(layer(x)),
                                                 torch.randn(v.values["n_in"]), vectorize=True)
        assert jac.shape == dims(v)


def test_linear_chain_factor():
    for v in variants("gf.linear-chain-factor"):
        h0, = t64(1.0)
        h = h0
        for _ in range(v.values["L"]):
            h = v.values["w"] * h
        h.backward()
        close(number(v), h0.grad.item())


def test_chain_derivative_matches_autograd():
    for v in variants("gf.chain-derivative"):
        reference = reference_expr(v)
        for p in points(1, x=(-3, 3), v=(-3, 3), w=(-3, 3)):
            x, vv, w = t64(p["x"], p["v"], p["w"])
            torch.sigmoid(vv * torch.sigmoid(w * x)).backward()
            close(value_of(reference, **p), x.grad.item(), rel=1e-9)


def test_elementwise_jacobian_matches_autograd():
    for v in variants("gf.elementwise-jacobian"):
        bank = answer_matrix(v)
        for p in points(2, z1=(-4, 4), z2=(-4, 4)):
            z = torch.tensor([p["z1"], p["z2"]], dtype=F64)
            jac = torch.autograd.functional.jacobian(torch.sigmoid, z)
            for i in range(2):
                for j in range(2):
                    close(value_of(bank[i][j], **p), jac[i, j].item())


def test_sigmoid_depth():
    x = torch.linspace(-10, 10, 20001, dtype=F64, requires_grad=True)
    torch.sigmoid(x).sum().backward()
    best = x.grad.max().item()  # the largest slope of the sigmoid, 1/4
    for v in variants("gf.sigmoid-depth"):
        n = 1
        while best ** n >= 10.0 ** -v.values["k"]:
            n += 1
        assert number(v) == n


def test_variance_sum_by_sampling():
    gen = torch.Generator().manual_seed(0)
    (v,) = variants("gf.variance-sum")
    for n, s, var_x in [(8, 0.5, 2.0), (3, 2.0, 0.25)]:
        w = torch.randn(400_000, n, generator=gen, dtype=F64) * math.sqrt(s)
        x = torch.randn(400_000, n, generator=gen, dtype=F64) * math.sqrt(var_x)
        sampled = (w * x).sum(1).var().item()
        assert value_of(answer_expr(v), n=n, s=s, v=var_x) == pytest.approx(sampled, rel=0.02)


def test_he_derivation_by_sampling():
    gen = torch.Generator().manual_seed(1)
    (v,) = variants("gf.he-derivation")
    for n, s, q in [(8, 0.5, 2.0), (4, 1.5, 0.5)]:
        w = torch.randn(400_000, n, generator=gen, dtype=F64) * math.sqrt(s)
        u = torch.randn(400_000, n, generator=gen, dtype=F64) * math.sqrt(q)
        sampled = (w * torch.relu(u)).sum(1).var().item()
        assert value_of(answer_expr(v), n=n, s=s, q=q) == pytest.approx(sampled, rel=0.02)


def draws_uniform(init, weight: torch.Tensor, bound: float) -> bool:
    """Does `init(weight)` draw exactly what weight.uniform_(-bound, bound) draws?"""
    torch.manual_seed(1234)
    init(weight)
    torch.manual_seed(1234)
    expected = torch.empty_like(weight).uniform_(-bound, bound)
    return torch.allclose(weight, expected, rtol=1e-5, atol=1e-7)


def test_xavier_bound_expression():
    (v,) = variants("gf.xavier-bound-expr")
    for fan_in, fan_out in [(300, 100), (784, 256), (64, 64)]:
        bound = value_of(answer_expr(v), fan_in=fan_in, fan_out=fan_out)
        weight = nn.Linear(fan_in, fan_out).weight.detach()
        assert draws_uniform(nn.init.xavier_uniform_, weight, bound)
        assert not draws_uniform(nn.init.xavier_uniform_, weight, bound * 1.01)


def test_xavier_variance():
    for v in distinct("gf.xavier-variance"):
        weight = nn.Linear(v.values["n_in"], v.values["n_out"]).weight.detach()
        assert draws_uniform(nn.init.xavier_uniform_, weight, math.sqrt(3 * number(v)))


def test_xavier_variance_empirically():
    weight = torch.empty(1000, 784)
    nn.init.xavier_uniform_(weight)
    for v in distinct("gf.xavier-variance"):
        if (v.values["n_in"], v.values["n_out"]) == (784, 1000):
            assert number(v) == pytest.approx(weight.var().item(), rel=0.01)


def test_xavier_conv_bound():
    for v in distinct("gf.xavier-conv-bound"):
        k = v.values
        weight = nn.Conv2d(k["C_in"], k["C_out"], k["k"]).weight.detach()
        assert draws_uniform(nn.init.xavier_uniform_, weight, number(v))


def test_he_std():
    for v in distinct("gf.he-std"):
        k = v.values
        weight = nn.Conv2d(k["C_in"], k["C_out"], k["k"]).weight.detach()
        torch.manual_seed(99)
        nn.init.kaiming_normal_(weight, mode="fan_in", nonlinearity="relu")
        torch.manual_seed(99)
        expected = torch.empty_like(weight).normal_(0, number(v))
        assert torch.allclose(weight, expected, rtol=1e-5, atol=1e-7)


def test_default_init_variance():
    for v in distinct("gf.default-init-variance"):
        n_in, n_out = v.values["n_in"], v.values["n_out"]
        torch.manual_seed(7)
        layer = nn.Linear(n_in, n_out)  # the weight is initialised first
        torch.manual_seed(7)
        expected = torch.empty(n_out, n_in).uniform_(-math.sqrt(3 * number(v)),
                                                     math.sqrt(3 * number(v)))
        assert torch.allclose(layer.weight.detach(), expected, rtol=1e-5, atol=1e-7)


def grads_of(*values: list[float]) -> list[nn.Parameter]:
    params = [nn.Parameter(torch.zeros(len(g), dtype=F64)) for g in values]
    for p, g in zip(params, values):
        p.grad = torch.tensor(g, dtype=F64)
    return params


def test_clip_entry():
    for v in variants("gf.clip-entry"):
        k = v.values
        params = grads_of([k["a"], k["b"]], [k["c"]])
        torch.nn.utils.clip_grad_norm_(params, max_norm=k["m"])
        # PyTorch divides by (norm + 1e-6); the bank's value is the exact one
        close(number(v), params[0].grad[0].item(), rel=1e-6)


def test_clip_facts():
    (v,) = variants("gf.clip-facts")
    q = BOOKS.question("gf.clip-facts")
    params = grads_of([3.0, 4.0], [12.0])
    before = [p.grad.clone() for p in params]
    total = torch.nn.utils.clip_grad_norm_(params, max_norm=5.0)
    ratios = {(p.grad / b).unique().item() for p, b in zip(params, before)}
    facts = {
        "a": len(ratios) == 1,                                     # one common factor
        "b": total.item() == pytest.approx(13.0),                  # norm before clipping
        "c": all(p.grad.norm().item() == pytest.approx(5.0) for p in params),
    }
    assert "same factor" in q.extra["choices"][0] and "before" in q.extra["choices"][1]
    assert "each parameter" in q.extra["choices"][2] and "before" in q.extra["choices"][3]
    truth = {letter for letter, holds in facts.items() if holds}  # d: no .grad before backward
    assert set(v.answer) == truth


# cnn-architectures -----------------------------------------------------------

def vgg16() -> tuple[nn.Module, nn.Module]:
    layers, c = [], 3
    for item in [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M",
                 512, 512, 512, "M"]:
        if item == "M":
            layers.append(nn.MaxPool2d(2))
        else:
            layers += [nn.Conv2d(c, item, 3, padding=1), nn.ReLU()]
            c = item
    classifier = nn.Sequential(nn.Linear(512 * 7 * 7, 4096), nn.ReLU(), nn.Linear(4096, 4096),
                               nn.ReLU(), nn.Linear(4096, 1000))
    return nn.Sequential(*layers).to(META), classifier.to(META)


def test_vgg_params_where():
    (v,) = variants("cnn.vgg-params-where")
    features, classifier = vgg16()
    assert features(torch.empty(1, 3, 224, 224, device=META)).shape == (1, 512, 7, 7)
    total = n_params(features) + n_params(classifier)
    assert total == 138_357_544
    assert n_params(classifier[0]) > total / 2 > n_params(features)
    assert "first fully connected" in BOOKS.question("cnn.vgg-params-where").extra["choices"][0]
    assert v.answer == "a"


def test_vgg_block_params():
    for v in variants("cnn.vgg-block-params"):
        k = v.values
        layers, c = [], k["C_in"]
        for _ in range(k["n"]):
            layers += [nn.Conv2d(c, k["C"], 3, padding=1), nn.ReLU()]
            c = k["C"]
        block = nn.Sequential(*layers, nn.MaxPool2d(2)).to(META)
        assert n_params(block) == number(v)


def test_rf_formula_expression():
    (v,) = variants("cnn.rf-formula")
    for layers, k in [(2, 3), (3, 3), (4, 5), (3, 7)]:
        side = receptive_field([conv1(k) for _ in range(layers)], size=61)
        assert value_of(answer_expr(v), L=layers, K=k) == pytest.approx(side)


def test_two_3x3_weights_expression():
    (v,) = variants("cnn.two-3x3-weights")
    for c in (16, 64, 128):
        pair = nn.Sequential(nn.Conv2d(c, c, 3, bias=False), nn.Conv2d(c, c, 3, bias=False))
        assert value_of(answer_expr(v), C=c) == pytest.approx(n_params(pair.to(META)))
        assert receptive_field([conv1(3), conv1(3)], size=21) == 5


def test_rf_strided():
    for v in distinct("cnn.rf-strided"):
        k, n = v.values["k"], v.values["n"]
        # average pooling has the same window geometry as max pooling, and a
        # gradient that reaches every pixel of the window
        layers = [conv1(k, stride=2), nn.AvgPool2d(3, stride=2)] + [conv1(3) for _ in range(n)]
        assert receptive_field(layers, size=181) == number(v)


def test_rf_dilated():
    for v in distinct("cnn.rf-dilated"):
        layers = [conv1(3, dilation=2 ** i) for i in range(v.values["L"])]
        assert receptive_field(layers, size=2 ** (v.values["L"] + 1) + 41) == number(v)


def test_inception_concat():
    for v in variants("cnn.inception-concat"):
        k = v.values
        c_in = k["C_in"]
        branches = [
            nn.Conv2d(c_in, k["c1"], 1),
            nn.Sequential(nn.Conv2d(c_in, 96, 1), nn.Conv2d(96, k["c3"], 3, padding=1)),
            nn.Sequential(nn.Conv2d(c_in, 16, 1), nn.Conv2d(16, k["c5"], 5, padding=2)),
            nn.Sequential(nn.MaxPool2d(3, stride=1, padding=1), nn.Conv2d(c_in, k["cp"], 1)),
        ]
        x = torch.empty(k["N"], c_in, k["H"], k["H"], device=META)
        out = torch.cat([b.to(META)(x) for b in branches], dim=1)
        assert out.shape == dims(v)


def test_inception_reduce_weights():
    for v in variants("cnn.inception-reduce-weights"):
        k = v.values
        branch = nn.Sequential(nn.Conv2d(k["C_in"], k["r"], 1, bias=False),
                               nn.Conv2d(k["r"], k["C_out"], 5, padding=2, bias=False))
        assert n_params(branch.to(META)) == number(v)


class Basic(nn.Module):
    def __init__(self, c_in: int, c: int, stride: int = 1) -> None:
        super().__init__()
        self.c1, self.b1 = nn.Conv2d(c_in, c, 3, stride, 1, bias=False), nn.BatchNorm2d(c)
        self.c2, self.b2 = nn.Conv2d(c, c, 3, 1, 1, bias=False), nn.BatchNorm2d(c)
        self.down = None
        if stride != 1 or c_in != c:
            self.down = nn.Sequential(nn.Conv2d(c_in, c, 1, stride, bias=False), nn.BatchNorm2d(c))

    def forward(self, x):
        y = self.b2(self.c2(torch.relu(self.b1(self.c1(x)))))
        return torch.relu(y + (x if self.down is None else self.down(x)))


class Bottleneck(nn.Module):
    def __init__(self, c_in: int, m: int, stride: int = 1) -> None:
        super().__init__()
        self.c1, self.b1 = nn.Conv2d(c_in, m, 1, bias=False), nn.BatchNorm2d(m)
        self.c2, self.b2 = nn.Conv2d(m, m, 3, stride, 1, bias=False), nn.BatchNorm2d(m)
        self.c3, self.b3 = nn.Conv2d(m, 4 * m, 1, bias=False), nn.BatchNorm2d(4 * m)
        self.down = None
        if stride != 1 or c_in != 4 * m:
            self.down = nn.Sequential(nn.Conv2d(c_in, 4 * m, 1, stride, bias=False),
                                      nn.BatchNorm2d(4 * m))

    def forward(self, x):
        y = torch.relu(self.b1(self.c1(x)))
        y = self.b3(self.c3(torch.relu(self.b2(self.c2(y)))))
        return torch.relu(y + (x if self.down is None else self.down(x)))


def test_basic_block_params():
    for v in distinct("cnn.basic-block-params"):
        c = v.values["C"]
        block = Basic(c, c)
        assert block.down is None
        assert n_params(block) == number(v)
        x = torch.empty(2, c, 8, 8, device=META)
        assert block.to(META)(x).shape == x.shape


def test_bottleneck_params():
    for v in distinct("cnn.bottleneck-params"):
        m = v.values["m"]
        block = Bottleneck(4 * m, m)
        assert block.down is None
        assert n_params(block) == number(v)


def test_downsample_shape():
    for v in distinct("cnn.downsample-shape"):
        k = v.values
        block = Bottleneck(2 * k["m"], k["m"], stride=2).to(META)
        x = torch.empty(k["N"], 2 * k["m"], k["H"], k["H"], device=META)
        assert block(x).shape == dims(v)


def test_residual_derivative_matches_autograd():
    for v in variants("cnn.residual-derivative"):
        reference = reference_expr(v)
        for p in points(3, x=(-3, 3), a=(-2, 2), b=(-2, 2)):
            x, a, b = t64(p["x"], p["a"], p["b"])
            (x + b * torch.tanh(a * x)).backward()
            close(value_of(reference, **p), x.grad.item())


def test_two_blocks_derivative_matches_autograd():
    for v in variants("cnn.two-blocks-derivative"):
        reference = reference_expr(v)
        for p in points(4, x=(-3, 3), a=(-2, 2), b=(-2, 2)):
            x, a, b = t64(p["x"], p["a"], p["b"])
            y1 = x + a * torch.tanh(x)
            (y1 + b * torch.tanh(y1)).backward()
            close(value_of(reference, **p), x.grad.item())


def test_residual_jacobian_matches_autograd():
    for v in variants("cnn.residual-jacobian"):
        p_, q_ = v.values["p"], v.values["q"]
        bank = answer_matrix(v)

        def block(x):
            return x + torch.stack([p_ * torch.tanh(x[1]), q_ * torch.tanh(x[0])])

        for p in points(5, x1=(-2, 2), x2=(-2, 2)):
            jac = torch.autograd.functional.jacobian(
                block, torch.tensor([p["x1"], p["x2"]], dtype=F64))
            for i in range(2):
                for j in range(2):
                    close(value_of(bank[i][j], **p), jac[i, j].item())


def iou(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """IoU by counting unit cells of a rasterised grid: no box formula."""
    grid = torch.zeros(2, 32, 32, dtype=torch.bool)
    grid[0, a[1]:a[3], a[0]:a[2]] = True
    grid[1, b[1]:b[3], b[0]:b[2]] = True
    return ((grid[0] & grid[1]).sum() / (grid[0] | grid[1]).sum()).item()


def test_iou():
    for v in variants("cnn.iou"):
        k = v.values
        box_a, box_b = (0, 0, k["ax"], k["ay"]), (k["p"], k["q"], k["bx"], k["by"])
        assert f"A = (0, 0, {k['ax']}, {k['ay']})" in v.prompt
        assert f"B = ({k['p']}, {k['q']}, {k['bx']}, {k['by']})" in v.prompt
        close(number(v), iou(box_a, box_b), rel=1e-6)


def test_iou_contained():
    (v,) = variants("cnn.iou-contained")
    close(number(v), iou((0, 0, 8, 8), (2, 2, 6, 6)), rel=1e-6)  # 16 of 64 cells


# recurrent -------------------------------------------------------------------

def test_rnn_params():
    for v in variants("rnn.rnn-params"):
        assert n_params(nn.RNN(v.values["I"], v.values["H"], device=META)) == number(v)


def test_gru_params():
    for v in variants("rnn.gru-params"):
        assert n_params(nn.GRU(v.values["I"], v.values["H"], device=META)) == number(v)


def test_lstm_params():
    for v in variants("rnn.lstm-params"):
        k = v.values
        lstm = nn.LSTM(k["I"], k["H"], num_layers=k["L"], device=META)
        assert n_params(lstm) == number(v)


def test_lstm_bidir_params():
    for v in variants("rnn.lstm-bidir-params"):
        lstm = nn.LSTM(v.values["I"], v.values["H"], num_layers=2, bidirectional=True,
                       device=META)
        assert n_params(lstm) == number(v)


def test_lstm_weight_shape():
    for v in variants("rnn.lstm-weight-shape"):
        assert nn.LSTM(v.values["I"], v.values["H"], device=META).weight_ih_l0.shape == dims(v)


def test_output_shape():
    for v in distinct("rnn.output-shape"):
        k = v.values
        lstm = nn.LSTM(k["I"], k["H"], bidirectional=True, batch_first=True)
        with torch.no_grad():
            output, _ = lstm(torch.zeros(k["N"], k["T"], k["I"]))
        assert output.shape == dims(v)


def test_hn_shape():
    for v in distinct("rnn.hn-shape"):
        k = v.values
        gru = nn.GRU(k["I"], k["H"], num_layers=k["L"], bidirectional=True, batch_first=True)
        with torch.no_grad():
            _, h_n = gru(torch.zeros(k["N"], k["T"], k["I"]))
        assert h_n.shape == dims(v)


def test_factor_steps():
    for v in variants("rnn.factor-steps"):
        w = torch.tensor(v.values["w"], dtype=F64)
        factor, steps = torch.tensor(1.0, dtype=F64), 0
        while factor >= 0.01:
            factor, steps = factor * w, steps + 1
        assert number(v) == steps


def scalar_rnn(w: float, u: float, b: float = 0.0, nonlinearity: str = "tanh") -> nn.RNN:
    rnn = nn.RNN(1, 1, nonlinearity=nonlinearity, dtype=F64)
    with torch.no_grad():
        rnn.weight_hh_l0.fill_(w)
        rnn.weight_ih_l0.fill_(u)
        rnn.bias_ih_l0.fill_(b)
        rnn.bias_hh_l0.zero_()
    return rnn


def test_scalar_recurrence_matches_nn_rnn():
    for v in variants("rnn.scalar-recurrence"):
        reference = reference_expr(v)
        for p in points(6, h=(-1, 1), w=(-2, 2), u=(-2, 2), x=(-2, 2), b=(-1, 1)):
            rnn = scalar_rnn(p["w"], p["u"], p["b"])
            h0 = torch.tensor([[[p["h"]]]], dtype=F64, requires_grad=True)
            _, h1 = rnn(torch.tensor([[[p["x"]]]], dtype=F64), h0)
            h1.sum().backward()
            close(value_of(reference, **p), h0.grad.item())


def test_gradient_factor_matches_linear_rnn():
    (v,) = variants("rnn.gradient-factor")
    for w, steps in [(0.9, 5), (1.1, 12), (0.5, 3), (1.3, 20)]:
        # ReLU RNN with positive weights, inputs and state: exactly linear
        rnn = scalar_rnn(w, 0.7, nonlinearity="relu")
        h0 = torch.tensor([[[0.3]]], dtype=F64, requires_grad=True)
        _, h_t = rnn(torch.full((steps, 1, 1), 0.5, dtype=F64), h0)
        h_t.sum().backward()
        close(value_of(answer_expr(v), w=w, T=steps), h0.grad.item())


def test_bptt_weight_gradient_matches_nn_rnn():
    for v in variants("rnn.bptt-weight-gradient"):
        reference = reference_expr(v)
        for p in points(7, w=(-2, 2), h=(-1, 1), u=(-2, 2), x1=(-2, 2), x2=(-2, 2)):
            rnn = scalar_rnn(p["w"], p["u"])
            xs = torch.tensor([[[p["x1"]]], [[p["x2"]]]], dtype=F64)
            _, h2 = rnn(xs, torch.tensor([[[p["h"]]]], dtype=F64))
            h2.sum().backward()
            close(value_of(reference, **p), rnn.weight_hh_l0.grad.item())


def lstm_step(seed: int):
    """One nn.LSTMCell step with the gates read off in PyTorch's order i, f, g, o."""
    torch.manual_seed(seed)
    cell = nn.LSTMCell(2, 1).to(F64)
    x, h = torch.randn(1, 2, dtype=F64), torch.randn(1, 1, dtype=F64)
    c = torch.randn(1, 1, dtype=F64, requires_grad=True)
    pre = x @ cell.weight_ih.T + cell.bias_ih + h @ cell.weight_hh.T + cell.bias_hh
    i, f, g, o = pre.chunk(4, dim=1)
    gates = {"i": torch.sigmoid(i).item(), "f": torch.sigmoid(f).item(),
             "g": torch.tanh(g).item(), "o": torch.sigmoid(o).item(), "c": c.item()}
    h_new, c_new = cell(x, (h, c))
    return gates, c, h_new, c_new


def test_lstm_gate_order():
    q = BOOKS.question("rnn.gate-order")
    for seed in range(5):
        gates, c, h_new, c_new = lstm_step(seed)
        assert c_new.item() == pytest.approx(gates["f"] * gates["c"] + gates["i"] * gates["g"])
        assert h_new.item() == pytest.approx(gates["o"] * math.tanh(c_new.item()))
    # rows H:2H are the second block, the forget gate
    assert q.answer == "a" and "forget" in q.extra["choices"][0]


def test_cell_state_grad_is_forget_gate():
    (v,) = variants("rnn.cell-state-grad")
    for seed in range(6):
        gates, c, _, c_new = lstm_step(seed)
        c_new.sum().backward()
        close(value_of(answer_expr(v), **gates), c.grad.item())


def test_hidden_from_cell_matches_lstm_cell():
    (v,) = variants("rnn.hidden-from-cell")
    reference = reference_expr(v)
    for seed in range(6):
        gates, c, h_new, _ = lstm_step(seed)
        h_new.sum().backward()
        close(value_of(reference, **gates), c.grad.item())


def test_gru_convention():
    (v,) = variants("rnn.gru-convention")
    cell = nn.GRUCell(2, 1).to(F64)
    with torch.no_grad():
        cell.bias_ih[1] = 100.0  # the update gate z (order r, z, n) saturates at 1
    h = torch.tensor([[0.37]], dtype=F64)
    out = cell(torch.randn(1, 2, dtype=F64), h)
    assert out.item() == pytest.approx(h.item())
    assert v.answer == "a" and "old state is kept" in v.extra["choices"][0]


def test_output_vs_hn():
    (v,) = variants("rnn.output-vs-hn")
    choices = v.extra["choices"]
    x = torch.randn(7, 3, 5)
    uni = nn.LSTM(5, 4)
    out, (h_n, _) = uni(x)
    bi = nn.LSTM(5, 4, bidirectional=True)
    out_bi, (h_bi, _) = bi(x)
    two = nn.LSTM(5, 4, num_layers=2)
    out_two, _ = two(x)
    facts = {
        "a": torch.allclose(out[-1], h_n[-1]),
        "b": torch.allclose(out_bi[0, :, 4:], h_bi[1]),
        "c": torch.allclose(out_bi[-1], torch.cat([h_bi[0], h_bi[1]], dim=1)),
        "d": out_two.shape[-1] != 4,  # only the top layer's 4 features
    }
    assert "Unidirectional" in choices[0] and "h_n[1]" in choices[1]
    assert "both directions" in choices[2] and "num_layers=2" in choices[3]
    assert set(v.answer) == {letter for letter, holds in facts.items() if holds}


# the lessons' worked examples ---------------------------------------------------

def test_gradient_flow_examples():
    shows("gradient-flow", f"0.9⁵⁰ ≈ {0.9 ** 50:.5f}", f"1.1⁵⁰ ≈ {1.1 ** 50:.1f}",
          f"0.375²⁰ ≈ {0.375 ** 20 * 1e9:.1f} × 10⁻⁹")
    weight = nn.Linear(256, 512).weight.detach()
    fan_in, fan_out = nn.init._calculate_fan_in_and_fan_out(weight)
    assert draws_uniform(nn.init.xavier_uniform_, weight, math.sqrt(6 / 768))
    shows("gradient-flow", f"2/({fan_in} + {fan_out}) = 1/384 ≈ {1 / 384:.4f}",
          f"a = √(6/768) ≈ {math.sqrt(6 / 768):.4f}")
    conv = nn.Conv2d(64, 128, 3).weight.detach()
    fan_in, _ = nn.init._calculate_fan_in_and_fan_out(conv)
    torch.manual_seed(3)
    nn.init.kaiming_normal_(conv, nonlinearity="relu")
    torch.manual_seed(3)
    assert torch.allclose(conv, torch.empty_like(conv).normal_(0, math.sqrt(2 / fan_in)))
    shows("gradient-flow", f"fan_in = 64 · 9 = {fan_in}", f"√(2/{fan_in}) ≈ {math.sqrt(2 / fan_in):.4f}")
    params = grads_of([3.0, 4.0], [12.0])
    total = torch.nn.utils.clip_grad_norm_(params, max_norm=5.0)
    g1, g2 = params[0].grad.tolist(), params[1].grad.item()
    shows("gradient-flow", f"= {total.item():g} > 5", f"≈ ({g1[0]:.3f}, {g1[1]:.3f})",
          f"60/13 ≈ {g2:.3f}")


def test_cnn_examples():
    lenet = [nn.Conv2d(1, 6, 5), nn.Conv2d(6, 16, 5), nn.Linear(400, 120), nn.Linear(120, 84),
             nn.Linear(84, 10)]
    counts = [n_params(m) for m in lenet]
    features = nn.Sequential(lenet[0], nn.AvgPool2d(2), lenet[1], nn.AvgPool2d(2))
    assert features(torch.zeros(1, 1, 32, 32)).shape == (1, 16, 5, 5)
    shows("cnn-architectures", f"has {counts[0]} parameters", f"{counts[1]:,};",
          f"add {counts[2]:,} + {counts[3]:,} + {counts[4]}", f"Total: {sum(counts):,}")
    feats, classifier = vgg16()
    shows("cnn-architectures", f"{n_params(feats) + n_params(classifier):,} parameters",
          f"{n_params(classifier[0]):,} of them", f"only {n_params(feats) / 1e6:.1f} million")
    side = receptive_field([conv1(3), conv1(3, stride=2), conv1(3)], size=41)
    shows("cnn-architectures", f"r = {side}.", f"form a {side}×{side} square")
    direct = n_params(nn.Conv2d(192, 32, 5, bias=False))
    reduce, conv5 = n_params(nn.Conv2d(192, 16, 1, bias=False)), n_params(nn.Conv2d(16, 32, 5, bias=False))
    shows("cnn-architectures", f"= {direct:,} weights", f"= {reduce:,} + {conv5:,} = {reduce + conv5:,}")
    basic, bottle = Basic(64, 64), Bottleneck(256, 64)
    conv_w = sum(p.numel() for n, p in bottle.named_parameters() if n.startswith("c"))
    shows("cnn-architectures", f"= {n_params(basic):,}.", f"= {conv_w:,} weights",
          f"= {n_params(bottle) - conv_w}: {n_params(bottle):,}")
    shows("cnn-architectures", f"IoU = 4/28 = 1/7 ≈ {iou((0, 0, 4, 4), (2, 2, 6, 6)):.3f}")


def test_recurrent_examples():
    shows("recurrent", f"= {n_params(nn.RNN(100, 256, device=META)):,} parameters",
          f"= {n_params(nn.LSTM(100, 256, device=META)):,} parameters",
          f"= {n_params(nn.GRU(100, 256, device=META)):,} parameters",
          f"0.95¹⁰⁰ ≈ {0.95 ** 100:.4f}", f"1.05¹⁰⁰ ≈ {1.05 ** 100:.1f}")
    lstm = nn.LSTM(100, 256, num_layers=2, bidirectional=True, batch_first=True)
    with torch.no_grad():
        output, (h_n, c_n) = lstm(torch.zeros(32, 50, 100))
    layer1 = sum(p.numel() for n, p in lstm.named_parameters() if "_l0" in n)
    layer2 = sum(p.numel() for n, p in lstm.named_parameters() if "_l1" in n)
    shows("recurrent", f"output {tuple(output.shape)}; h_n and c_n {tuple(h_n.shape)}",
          f"= {layer1:,};", f"= {layer2:,}; total {n_params(lstm):,}")
    assert c_n.shape == h_n.shape


# coverage --------------------------------------------------------------------

def test_every_computable_answer_is_covered():
    """A new numeric or shape question needs a test here (or a reason in NOT_COMPUTABLE)."""
    assert_checked(called_ids(__file__, "variants", "distinct"),
                   [q for t in TOPICS for q in bank_questions(t)],
                   lambda q: q.kind in ("numeric", "shape"), NOT_COMPUTABLE,
                   "numeric/shape questions without a PyTorch check")
