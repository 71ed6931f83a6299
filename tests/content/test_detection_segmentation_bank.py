"""detection-segmentation: every answer of the bank, recomputed with PyTorch.

The detection machinery (`detection_tools`) is written by hand in torch,
independently of the bank's formulas: anchors are generated and counted,
boxes encoded and decoded, IoU computed from corners, NMS and AP run as
algorithms. Architecture figures (RPN heads, transposed convolutions, RoI
pooling, the original U-Net) come from modules built in PyTorch, on the meta
device where only shapes matter. Symbolic answers are evaluated at points and
compared with the same computation in torch. A wrong answer fails here.
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
from dltutor.kinds.base import as_text
from dltutor.kinds.symbolic import read

from bank_access import (BOOKS, assert_checked, bank_questions, called_ids, close, dims, distinct,
                         n_params, number, variants)
from detection_tools import (F64, META, OriginalUNet, RPNHead, average_precision, decode, encode,
                             anchors, iou, nms, roi_pool, shifted_squares)

TOPIC = "detection-segmentation"


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def value_of(expr: sp.Basic, **point: float) -> float:
    return float(sp.N(expr.subs({s: point[str(s)] for s in expr.free_symbols}), 30))


def expression(variant: Variant) -> sp.Basic:
    return read(as_text(variant.answer), variant)


# boxes and anchors ----------------------------------------------------------

def test_anchor_count():
    for v in distinct("det.anchor-count"):
        shapes = [(16.0 * (i + 1), 16.0) for i in range(v.values["k"])]
        assert anchors(v.values["H"], v.values["W"], v.values["S"], shapes).shape[0] == number(v)


def test_anchor_width():
    for v in variants("det.anchor-width"):
        s, r = v.values["s"], v.values["r"]
        w = torch.tensor(float(number(v)), dtype=F64)
        close((w * (r * w)).item(), s * s)  # area s² with h = r·w
        assert w.item() == pytest.approx(math.sqrt(s * s / r))


def test_encode_tx():
    for v in variants("det.encode-tx"):
        box = torch.tensor([v.values[k] for k in ("x1", "y1", "x2", "y2")], dtype=F64)
        anchor = torch.tensor([v.values[k] for k in ("xa", "ya", "wa", "ha")], dtype=F64)
        close(number(v), encode(box, anchor)[0].item())


def test_encode_tw():
    for v in variants("det.encode-tw"):
        box = torch.tensor([0.0, 0.0, v.values["w"], 50.0], dtype=F64)
        anchor = torch.tensor([0.0, 25.0, v.values["wa"], 50.0], dtype=F64)
        close(number(v), encode(box, anchor)[2].item())


def test_decode_width():
    for v in variants("det.decode-width"):
        anchor = torch.tensor([100.0, 100.0, v.values["wa"], 64.0], dtype=F64)
        box = decode(torch.tensor([0.3, -0.2, v.values["tw"], 0.1], dtype=F64), anchor)
        close(number(v), (box[2] - box[0]).item())


def test_decode_left_edge_expression():
    (v,) = variants("det.decode-left-edge")
    bank = expression(v)
    rng = random.Random(5)
    for _ in range(8):
        x_a, w_a, t_x, t_w = rng.uniform(-50, 200), rng.uniform(4, 300), rng.uniform(-1, 1), rng.uniform(-1, 1)
        box = decode(torch.tensor([t_x, 0.0, t_w, 0.0], dtype=F64),
                     torch.tensor([x_a, 0.0, w_a, 10.0], dtype=F64))
        close(value_of(bank, x_a=x_a, w_a=w_a, t_x=t_x, t_w=t_w), box[0].item())


# IoU and matching -------------------------------------------------------------

def test_iou_shift_expression():
    (v,) = variants("det.iou-shift")
    for d in (0.01, 0.2, 1 / 3, 0.5, 0.77, 0.99):
        close(value_of(expression(v), d=d), shifted_squares(1.0, d).item())


def largest_shift(side: float, threshold: float) -> float:
    """Bisection on the computed IoU: the largest shift with IoU ≥ threshold."""
    lo, hi = 0.0, side
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if shifted_squares(side, mid).item() >= threshold else (lo, mid)
    return lo


def test_iou_shift_threshold():
    for v in distinct("det.iou-shift-threshold"):
        close(number(v), largest_shift(v.values["s"], v.values["t"]), rel=1e-9)


def rpn_labels(best_iou: list[float], best_for_object: list[bool]) -> list[int]:
    """Faster R-CNN's rule: 1 positive, 0 negative, −1 ignored."""
    return [1 if (i > 0.7 or best) else 0 if i < 0.3 else -1
            for i, best in zip(best_iou, best_for_object)]


def test_anchor_labels():
    (v,) = variants("det.anchor-labels")
    labels = rpn_labels([0.82, 0.64, 0.55, 0.25], [False, True, False, False])
    assert sorted(v.answer) == ["abcd"[i] for i, label in enumerate(labels) if label == 1]


# two-stage detectors --------------------------------------------------------

def test_rpn_shape():
    for v in distinct("det.rpn-shape", "C", "k", "N"):
        head = RPNHead(v.values["C"], v.values["k"], device=META)
        _, deltas = head(torch.empty(v.values["N"], v.values["C"], v.values["H"], v.values["W"],
                                     device=META))
        assert tuple(deltas.shape) == dims(v)


def test_rpn_params():
    for v in distinct("det.rpn-params"):
        assert n_params(RPNHead(v.values["C"], v.values["k"], device=META)) == number(v)


def test_roi_pool_shape():
    rng = random.Random(7)
    for v in distinct("det.roi-pool-shape", "C", "R", "P", "N"):
        n, c = v.values["N"], v.values["C"]
        features = torch.empty(n, c, 50, 50, device=META)
        rois = []
        for _ in range(v.values["R"]):
            x1, y1 = rng.randrange(0, 40), rng.randrange(0, 40)
            rois.append((rng.randrange(n), x1, y1, x1 + rng.randrange(3, 11), y1 + rng.randrange(3, 11)))
        assert tuple(roi_pool(features, rois, v.values["P"]).shape) == dims(v)


# one-stage detectors and NMS --------------------------------------------------

def test_yolo_shape():
    for v in distinct("det.yolo-shape"):
        s, b, k, n = (v.values[name] for name in ("S", "B", "K", "N"))
        per_cell = nn.Conv2d(1024, 5 * b + k, 1, device=META)  # B boxes of 5 numbers + K classes
        out = per_cell(torch.empty(n, 1024, s, s, device=META)).permute(0, 2, 3, 1)
        assert tuple(out.shape) == dims(v)


NMS_BOXES = torch.tensor([[0, 0, 10, 10], [1, 0, 11, 10], [5, 0, 15, 10], [20, 20, 30, 30]],
                         dtype=F64)


def test_nms_survivors():
    (v,) = variants("det.nms-survivors")
    p, q, r = NMS_BOXES[:3]
    assert iou(p, q).item() == pytest.approx(9 / 11)
    assert iou(p, r).item() == pytest.approx(1 / 3)
    assert iou(q, r).item() == pytest.approx(3 / 7)
    kept = nms(NMS_BOXES, torch.tensor([0.95, 0.9, 0.85, 0.3]), 0.4)
    names = ", ".join("PQRT"[i] for i in sorted(kept))
    choices = BOOKS.question("det.nms-survivors").extra["choices"]
    assert choices["abcd".index(v.answer)] == names


def test_average_precision():
    (v,) = variants("det.ap-staircase")
    close(number(v), average_precision([True, False, False, True, True, False], 4))


def test_recall():
    for v in variants("det.recall"):
        hits = [True] * v.values["tp"] + [False] * (v.values["n"] - v.values["tp"])
        found = torch.tensor(hits).sum().item()
        close(number(v), found / v.values["G"])


# segmentation ---------------------------------------------------------------

def test_transposed_conv_size():
    for v in distinct("det.tconv-size"):
        k, s, p, q, h = (v.values[name] for name in ("K", "S", "P", "Q", "H"))
        up = nn.ConvTranspose2d(64, 32, k, stride=s, padding=p, output_padding=q, device=META)
        assert up(torch.empty(1, 64, h, h, device=META)).shape[-1] == number(v)


def test_transposed_conv_weight_shape():
    for v in distinct("det.tconv-weight-shape"):
        up = nn.ConvTranspose2d(v.values["C_in"], v.values["C_out"], v.values["K"], device=META)
        assert tuple(up.weight.shape) == dims(v)


def test_transposed_conv_matrix():
    (v,) = variants("det.tconv-matrix")
    bank = [[read(str(e), v) for e in row] for row in v.answer]
    for kernel in ([1.5, -2.0, 0.25], [3.0, 7.0, -1.0]):
        weight = torch.tensor(kernel, dtype=F64).reshape(1, 1, 3)
        columns = [F.conv_transpose1d(e.reshape(1, 1, 2), weight, stride=2).ravel()
                   for e in torch.eye(2, dtype=F64)]
        matrix = torch.stack(columns, 1)
        assert matrix.shape == (len(bank), len(bank[0]))
        point = dict(zip(("w1", "w2", "w3"), kernel))
        for i, row in enumerate(bank):
            for j, entry in enumerate(row):
                close(value_of(entry, **point), matrix[i, j].item())


def test_segmentation_logits_shape():
    for v in distinct("det.seg-logits-shape"):
        n, h, w, k = (v.values[name] for name in ("N", "H", "W", "K"))
        head = nn.Conv2d(64, k, 1, device=META)
        logits = head(torch.empty(n, 64, h, w, device=META))
        assert tuple(logits.shape) == dims(v)
        small = torch.randn(2, k, 4, 5)  # the same layout, small enough to run
        F.cross_entropy(small, torch.randint(k, (2, 4, 5)))


def test_unet_output():
    for v in distinct("det.unet-output"):
        out = OriginalUNet()(torch.empty(1, 1, v.values["H"], v.values["H"], device=META))
        assert out.shape[-1] == number(v)


# coverage --------------------------------------------------------------------

def test_every_variant_self_checks_over_many_seeds():
    """Beyond `bank validate`'s 25 seeds: the answer grades right and every wrong answer
    wrong, with its own mistake, for 60 seeds of each parametrised question."""
    problems = [p for q in bank_questions(TOPIC) for seed in range(60 if q.parametrised else 1)
                for p in question_problems(q, seed)]
    assert not problems, "\n".join(problems[:10])


def test_every_computable_answer_is_covered():
    """A new numeric, shape or symbolic question needs a test here."""
    assert_checked(called_ids(__file__, "variants", "distinct"), bank_questions(TOPIC),
                   lambda q: q.kind != "choice", (),
                   "detection-segmentation questions without a PyTorch check")
