"""Every numeric or shape answer PyTorch can compute is computed by PyTorch.

Each test loads a question through the library, draws several variants,
builds the real module or tensor from `variant.values` and compares PyTorch's
result with the bank's answer. If the bank said the wrong number, these fail.
Shape-only checks run on the `meta` device: shapes without the arithmetic.
"""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from bank_access import (assert_checked, bank_questions, called_ids, close, dims, n_params, number,
                         variants)

META = torch.device("meta")
F64 = torch.float64
# Numeric and shape questions no test here can compute, each with the reason.
NOT_COMPUTABLE: dict[str, str] = {}


def scalar(x: float) -> torch.Tensor:
    return torch.tensor(float(x), dtype=F64, requires_grad=True)


def slope(function, x: float) -> float:
    point = scalar(x)
    function(point).backward()
    return point.grad.item()


# linear-algebra --------------------------------------------------------------

def test_image_batch_shape_is_what_conv2d_expects():
    for v in variants("la.image-batch-shape"):
        x = torch.empty(dims(v), device=META)
        assert x.shape[1] == 3
        nn.Conv2d(3, 8, 3, device=META)(x)  # raises for any other layout
        assert x.shape[2:] == (v.values["H"], v.values["W"])


def test_matmul_shape():
    for v in variants("la.matmul-shape"):
        a = torch.empty(v.values["m"], v.values["n"], device=META)
        b = torch.empty(v.values["n"], v.values["p"], device=META)
        assert (a @ b).shape == dims(v)


def test_batched_matmul_shape():
    for v in variants("la.batched-matmul-shape"):
        x = torch.empty(v.values["b"], v.values["m"], v.values["n"], device=META)
        w = torch.empty(v.values["n"], v.values["p"], device=META)
        assert (x @ w).shape == dims(v)


def test_linear_weight_shape():
    for v in variants("la.linear-weight-shape"):
        assert nn.Linear(v.values["n_in"], v.values["n_out"], device=META).weight.shape == dims(v)


def test_linear_output_shape():
    for v in variants("la.linear-output-shape"):
        x = torch.empty(v.values["N"], v.values["T"], v.values["d"], device=META)
        assert nn.Linear(v.values["d"], v.values["n_out"], device=META)(x).shape == dims(v)


def test_linear_params():
    for v in variants("la.linear-params"):
        assert n_params(nn.Linear(v.values["n_in"], v.values["n_out"], device=META)) == number(v)


def test_mlp_params():
    for v in variants("la.mlp-params"):
        d_in, h, d_out = v.values["d_in"], v.values["h"], v.values["d_out"]
        model = nn.Sequential(nn.Linear(d_in, h), nn.ReLU(), nn.Linear(h, d_out)).to(META)
        assert n_params(model) == number(v)


def test_linear_by_hand():
    for v in variants("la.linear-by-hand"):
        k = v.values
        weight = torch.tensor([[k["w11"], k["w12"]], [k["w21"], k["w22"]]], dtype=F64)
        bias = torch.tensor([k["b1"], k["b2"]], dtype=F64)
        x = torch.tensor([k["x1"], k["x2"]], dtype=F64)
        close(number(v), F.linear(x, weight, bias)[0].item())


def test_transpose_shapes():
    for v in variants("la.transpose-shapes"):
        a = torch.empty(v.values["m"], v.values["n"], device=META)
        b = torch.empty(v.values["n"], v.values["p"], device=META)
        assert (b.T @ a.T).shape == dims(v)


def test_rotate_point():
    for v in variants("la.rotate-point"):
        theta = torch.deg2rad(torch.tensor(float(v.values["theta"]), dtype=F64))
        rotation = torch.stack([torch.stack([theta.cos(), -theta.sin()]),
                                torch.stack([theta.sin(), theta.cos()])])
        point = torch.tensor([v.values["px"], v.values["py"]], dtype=F64)
        close(number(v), (rotation @ point)[0].item())


def test_pinv_shape():
    for v in variants("la.pinv-shape"):
        a = torch.randn(v.values["m"], v.values["n"], dtype=F64)
        assert torch.linalg.pinv(a).shape == dims(v)


def test_least_squares_slope():
    for v in variants("la.least-squares-slope"):
        t = torch.tensor([[1.0], [2.0], [3.0]], dtype=F64)
        y = torch.tensor([[v.values["y1"]], [v.values["y2"]], [v.values["y3"]]], dtype=F64)
        close(number(v), torch.linalg.lstsq(t, y).solution.item())


# activations -----------------------------------------------------------------

def test_sigmoid_value():
    for v in variants("act.sigmoid-value"):
        close(number(v), torch.sigmoid(scalar(v.values["x"])).item())


def test_sigmoid_slope_value():
    for v in variants("act.sigmoid-slope-value"):
        close(number(v), slope(torch.sigmoid, v.values["x"]))


def test_sigmoid_max_slope():
    (v,) = variants("act.sigmoid-max-slope")
    x = torch.linspace(-10, 10, 20001, dtype=F64, requires_grad=True)
    torch.sigmoid(x).sum().backward()
    close(number(v), x.grad.max().item())
    assert x[x.grad.argmax()].item() == pytest.approx(0.0, abs=1e-9)


def test_sigmoid_vanishing_bound():
    x = torch.linspace(-10, 10, 20001, dtype=F64, requires_grad=True)
    torch.sigmoid(x).sum().backward()
    best = x.grad.max().item()
    for v in variants("act.sigmoid-vanishing"):
        close(number(v), best ** v.values["n"])


def test_tanh_slope_from_output():
    for v in variants("act.tanh-slope-from-output"):
        x = math.atanh(v.values["t"])
        close(number(v), slope(torch.tanh, x))


def test_softplus_value():
    for v in variants("act.softplus-value"):
        close(number(v), F.softplus(scalar(v.values["x"])).item())


def test_gelu_value_is_pytorch_default_gelu():
    for v in variants("act.gelu-value"):
        x = scalar(v.values["x"])
        close(number(v), F.gelu(x).item())
        close(number(v), nn.GELU()(x).item())


def test_silu_slope_value():
    for v in variants("act.silu-slope-value"):
        close(number(v), slope(F.silu, v.values["x"]))


def test_transformer_mlp_hidden_shape():
    for v in variants("act.mlp-hidden-shape"):
        d = v.values["d"]
        x = torch.empty(v.values["N"], v.values["T"], d, device=META)
        fc1 = nn.Linear(d, 4 * d, device=META)
        assert nn.GELU()(fc1(x)).shape == dims(v)


# convolution -----------------------------------------------------------------

def test_conv1d_by_hand():
    for v in variants("conv.conv1d-by-hand"):
        k = v.values
        x = torch.tensor([[[k["a"], k["b"], k["c"]]]], dtype=F64)
        w = torch.tensor([[[k["p"], k["q"], k["r"]]]], dtype=F64)
        out = F.conv1d(x, w)
        assert out.shape == (1, 1, 1)
        close(number(v), out.item())


def conv_height(conv: nn.Conv2d, size: int) -> int:
    x = torch.empty(1, conv.in_channels, size, size, device=META)
    return conv(x).shape[-1]


def test_output_size_dilated():
    for v in variants("conv.output-size-dilated"):
        k = v.values
        conv = nn.Conv2d(k["C"], k["C"], k["K"], padding=k["P"], dilation=k["D"], device=META)
        assert conv_height(conv, k["H"]) == number(v)


def test_output_size_strided():
    for v in variants("conv.output-size-strided"):
        k = v.values
        conv = nn.Conv2d(3, 32, k["K"], stride=2, padding=k["P"], device=META)
        assert conv_height(conv, k["H"]) == number(v)


def test_same_padding_keeps_the_size():
    for v in variants("conv.same-padding"):
        padding = number(v)
        assert padding == int(padding)
        conv = nn.Conv2d(64, 64, v.values["K"], dilation=v.values["D"], padding=int(padding),
                         device=META)
        for size in (17, 32):
            assert conv_height(conv, size) == size


def test_conv_output_shape():
    for v in variants("conv.output-shape"):
        k = v.values
        x = torch.empty(k["N"], k["C_in"], k["H"], k["W"], device=META)
        conv = nn.Conv2d(k["C_in"], k["C_out"], k["K"], stride=k["S"], padding=k["P"], device=META)
        assert conv(x).shape == dims(v)


def test_resnet_stem_shape():
    for v in variants("conv.resnet-stem-shape"):
        k = v.values
        stem = nn.Sequential(nn.Conv2d(3, 64, 7, stride=2, padding=3),
                             nn.MaxPool2d(3, stride=2, padding=1)).to(META)
        assert stem(torch.empty(k["N"], 3, k["H"], k["W"], device=META)).shape == dims(v)


def test_conv_params():
    for v in variants("conv.params"):
        k = v.values
        assert n_params(nn.Conv2d(k["C_in"], k["C_out"], k["K"], device=META)) == number(v)


def test_conv_params_asymmetric():
    for v in variants("conv.params-asymmetric"):
        k = v.values
        conv = nn.Conv2d(k["C_in"], k["C_out"], (k["kH"], k["kW"]), bias=False, device=META)
        assert n_params(conv) == number(v)


def test_depthwise_params():
    for v in variants("conv.depthwise-params"):
        c, size = v.values["C"], v.values["K"]
        assert n_params(nn.Conv2d(c, c, size, groups=c, device=META)) == number(v)


def test_conv_weight_shape():
    for v in variants("conv.weight-shape"):
        k = v.values
        conv = nn.Conv2d(k["C_in"], k["C_out"], k["K"], groups=k["G"], device=META)
        assert conv.weight.shape == dims(v)


def test_maxpool_shape():
    for v in variants("conv.maxpool-shape"):
        k = v.values
        x = torch.empty(k["N"], k["C"], k["H"], k["W"], device=META)
        assert nn.MaxPool2d(k["k"])(x).shape == dims(v)


def test_global_pool_shape():
    for v in variants("conv.global-pool-shape"):
        k = v.values
        x = torch.empty(k["N"], k["C"], k["H"], k["H"], device=META)
        assert nn.AdaptiveAvgPool2d(1)(x).shape == dims(v)


# coverage --------------------------------------------------------------------

def test_every_computable_answer_is_covered():
    """A new numeric or shape question needs a test here (or a reason in NOT_COMPUTABLE)."""
    topics = ("linear-algebra", "activations", "convolution")
    assert_checked(called_ids(__file__, "variants"), [q for t in topics for q in bank_questions(t)],
                   lambda q: q.kind in ("numeric", "shape"), NOT_COMPUTABLE,
                   "numeric/shape questions without a PyTorch check")
