"""detection-segmentation: every answer and every number of the lesson, recomputed.

torchvision is not a dependency, so the detection machinery is written here
by hand in torch, independently of the bank's formulas: anchors are generated
and counted, boxes encoded and decoded, IoU computed from corners, NMS and AP
run as algorithms. Architecture figures (RPN heads, transposed convolutions,
RoI pooling, the original U-Net) come from modules built in PyTorch, on the
meta device where only shapes matter. A wrong number in the bank or the
lesson fails here.
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
                         n_params, number, shows, variants)

F64 = torch.float64
META = torch.device("meta")
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


# the machinery, by hand --------------------------------------------------------

def iou(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """IoU of corner boxes (..., 4), broadcast."""
    wh = (torch.minimum(a[..., 2:], b[..., 2:]) - torch.maximum(a[..., :2], b[..., :2])).clamp(min=0)
    inter = wh[..., 0] * wh[..., 1]
    area = lambda t: (t[..., 2] - t[..., 0]) * (t[..., 3] - t[..., 1])
    return inter / (area(a) + area(b) - inter)


def to_centre(box: torch.Tensor) -> torch.Tensor:
    return torch.cat([(box[..., :2] + box[..., 2:]) / 2, box[..., 2:] - box[..., :2]], -1)


def encode(box: torch.Tensor, anchor: torch.Tensor) -> torch.Tensor:
    """Deltas of a corner box against a centre-size anchor."""
    c = to_centre(box)
    return torch.cat([(c[..., :2] - anchor[..., :2]) / anchor[..., 2:],
                      torch.log(c[..., 2:] / anchor[..., 2:])], -1)


def decode(deltas: torch.Tensor, anchor: torch.Tensor) -> torch.Tensor:
    """Corner box from deltas and a centre-size anchor."""
    centre = anchor[..., :2] + deltas[..., :2] * anchor[..., 2:]
    size = anchor[..., 2:] * torch.exp(deltas[..., 2:])
    return torch.cat([centre - size / 2, centre + size / 2], -1)


def anchors(height: int, width: int, stride: int, shapes: list[tuple[float, float]]) -> torch.Tensor:
    """Every anchor (cx, cy, w, h) of an image: each shape at each feature-map cell."""
    ys, xs = torch.meshgrid(torch.arange(height // stride), torch.arange(width // stride),
                            indexing="ij")
    centres = (torch.stack([xs, ys], -1).reshape(-1, 1, 2) + 0.5) * stride
    sizes = torch.tensor(shapes, dtype=torch.float32).expand(centres.shape[0], -1, -1)
    return torch.cat([centres.expand(-1, len(shapes), -1), sizes], -1).reshape(-1, 4)


def nms(boxes: torch.Tensor, scores: torch.Tensor, threshold: float) -> list[int]:
    """Indices kept by greedy non-maximum suppression, best first."""
    order = scores.argsort(descending=True).tolist()
    kept: list[int] = []
    for i in order:
        if all(iou(boxes[i], boxes[j]).item() <= threshold for j in kept):
            kept.append(i)
    return kept


def average_precision(hits: list[bool], n_objects: int, interpolate: bool = True) -> float:
    """Area under the (interpolated) precision–recall curve of detections sorted by score."""
    tp = torch.tensor(hits, dtype=F64).cumsum(0)
    precision = tp / torch.arange(1, len(hits) + 1, dtype=F64)
    recall = tp / n_objects
    if interpolate:  # best precision at this recall or beyond
        precision = precision.flip(0).cummax(0).values.flip(0)
    steps = torch.diff(recall, prepend=torch.zeros(1, dtype=F64))
    return (steps * precision).sum().item()


class RPNHead(nn.Module):
    """Faster R-CNN's RPN head: 3×3 conv, then 2k scores and 4k deltas per position."""

    def __init__(self, channels: int, k: int, device: torch.device | None = None) -> None:
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1, device=device)
        self.scores = nn.Conv2d(channels, 2 * k, 1, device=device)
        self.deltas = nn.Conv2d(channels, 4 * k, 1, device=device)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        h = torch.relu(self.conv(x))
        return self.scores(h), self.deltas(h)


def roi_pool(features: torch.Tensor, rois: list[tuple[int, int, int, int, int]], size: int) -> torch.Tensor:
    """Max-pool each region (image, x1, y1, x2, y2 in feature cells) to size×size."""
    return torch.stack([F.adaptive_max_pool2d(features[i, :, y1:y2, x1:x2], size)
                        for i, x1, y1, x2, y2 in rois])


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

def shifted_squares(side: float, d: float, diagonal: bool = False) -> torch.Tensor:
    a = torch.tensor([0.0, 0.0, side, side], dtype=F64)
    b = a + torch.tensor([d, d if diagonal else 0.0, d, d if diagonal else 0.0], dtype=F64)
    return iou(a, b)


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


def double_conv(c_in: int, c_out: int) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(c_in, c_out, 3, device=META), nn.ReLU(),
                         nn.Conv2d(c_out, c_out, 3, device=META), nn.ReLU())


class OriginalUNet(nn.Module):
    """Ronneberger et al. (2015): unpadded convolutions, cropped skips; records its sizes."""

    def __init__(self, classes: int = 2) -> None:
        super().__init__()
        widths = [64, 128, 256, 512, 1024]
        self.down = nn.ModuleList(double_conv(a, b) for a, b in zip([1] + widths[:-1], widths))
        self.up = nn.ModuleList(nn.ConvTranspose2d(b, a, 2, stride=2, device=META)
                                for a, b in zip(widths[-2::-1], widths[:0:-1]))
        self.merge = nn.ModuleList(double_conv(2 * a, a) for a in widths[-2::-1])
        self.head = nn.Conv2d(64, classes, 1, device=META)
        self.sizes: list[tuple[int, int]] = []  # (side, channels) after each step

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        skips = []
        for i, block in enumerate(self.down):
            if i:
                x = F.max_pool2d(x, 2)
                self.sizes.append((x.shape[-1], x.shape[1]))
            x = block[:2](x)
            self.sizes.append((x.shape[-1], x.shape[1]))
            x = block[2:](x)
            self.sizes.append((x.shape[-1], x.shape[1]))
            skips.append(x)
        for up, merge, skip in zip(self.up, self.merge, skips[-2::-1]):
            x = up(x)
            self.sizes.append((x.shape[-1], x.shape[1]))
            cut = (skip.shape[-1] - x.shape[-1]) // 2
            x = torch.cat([skip[..., cut:cut + x.shape[-2], cut:cut + x.shape[-1]], x], 1)
            self.sizes.append((x.shape[-1], x.shape[1]))
            x = merge[:2](x)
            self.sizes.append((x.shape[-1], x.shape[1]))
            x = merge[2:](x)
            self.sizes.append((x.shape[-1], x.shape[1]))
        return self.head(x)


def test_unet_output():
    for v in distinct("det.unet-output"):
        out = OriginalUNet()(torch.empty(1, 1, v.values["H"], v.values["H"], device=META))
        assert out.shape[-1] == number(v)


# the lesson's worked examples -----------------------------------------------

SCALES, RATIOS = (128, 256, 512), (0.5, 1.0, 2.0)


def test_anchor_examples():
    shapes = [(s / math.sqrt(r), s * math.sqrt(r)) for s in SCALES for r in RATIOS]
    count = anchors(800, 800, 16, shapes).shape[0]
    w, h = shapes[2]  # scale 128, r = 2
    shows(TOPIC, f"{800 // 16}×{800 // 16} feature map", f"50 · 50 · 9 = {count:,} anchors",
          f"128/√2 ≈ {w:.1f} pixels wide", f"128·√2 ≈ {h:.1f} high")


def test_encoding_example():
    anchor = torch.tensor([100.0, 100.0, 64.0, 128.0], dtype=F64)
    box = torch.tensor([80.0, 40.0, 144.0, 200.0], dtype=F64)
    t = encode(box, anchor)
    centre = to_centre(box)
    back = to_centre(decode(t, anchor))
    shows(TOPIC, f"centre ({centre[0]:g}, {centre[1]:g}) and size {centre[2]:g}×{centre[3]:g}",
          f"t_x = (112 − 100)/64 = {t[0]:g}", f"t_y = (120 − 100)/128 = {t[1]:g}",
          f"t_w = log(64/64) = {t[2]:g}", f"log 1.25 ≈ {t[3]:.4f}",
          f"x = 100 + 64·0.1875 = {back[0]:g}", f"h = 128·e^0.2231 ≈ {128 * math.exp(0.2231):.0f}")
    assert torch.allclose(back, centre)


def test_iou_falls_fast_example():
    shows(TOPIC, f"d = 1/3: IoU = (2/3)/(4/3) = {shifted_squares(1.0, 1 / 3).item():g}")
    d = 1 - math.sqrt(2 / 3)
    assert shifted_squares(1.0, d, diagonal=True).item() == pytest.approx(0.5)
    shows(TOPIC, f"d = 1 − √(2/3) ≈ {d:.4f}", f"18 % of the side", "brings IoU down to 0.5")
    assert f"{d:.0%}" == "18%"


def test_rpn_example():
    head = RPNHead(512, 9, device=META)
    parts = [n_params(head.conv), n_params(head.scores), n_params(head.deltas)]
    scores, deltas = head(torch.empty(1, 512, 50, 50, device=META))
    shows(TOPIC, f"9 · 512 · 512 + 512 = {parts[0]:,}", f"512 · 18 + 18 = {parts[1]:,}",
          f"512 · 36 + 36 = {parts[2]:,}", f"Total {sum(parts):,} parameters",
          f"outputs {tuple(scores.shape)} scores and {tuple(deltas.shape)} deltas",
          f"the {512 * 7 * 7:,} features")
    pooled = roi_pool(torch.randn(1, 512, 50, 50), [(0, 3, 4, 20, 30)], 7)
    assert pooled.shape[1:].numel() == 512 * 7 * 7


def test_yolo_and_nms_examples():
    shows(TOPIC, f"7×7×{5 * 2 + 20} for S = 7")
    boxes = torch.tensor([[10, 10, 50, 50], [12, 12, 52, 52], [40, 40, 80, 80], [45, 42, 85, 82]],
                         dtype=F64)
    a, b, c, d = boxes
    shows(TOPIC, f"IoU(A, B) ≈ {iou(a, b).item():.3f}", f"IoU(A, C) ≈ {iou(a, c).item():.3f}",
          f"IoU(C, D) ≈ {iou(c, d).item():.3f}", f"IoU(A, D) ≈ {iou(a, d).item():.3f}")
    scores = torch.tensor([0.9, 0.8, 0.7, 0.6])
    kept = lambda t: ", ".join("ABCD"[i] for i in sorted(nms(boxes, scores, t)))
    shows(TOPIC, f"Kept: {kept(0.5)}.", f"Kept: {kept(0.75)}.", f"({iou(c, d).item():.3f} ≤ 0.75)")


def test_average_precision_example():
    hits = [True, False, True, True, False]
    tp = torch.tensor(hits, dtype=F64).cumsum(0)
    precision = (tp / torch.arange(1, 6, dtype=F64)).tolist()
    recall = (tp / 4).tolist()
    assert precision == pytest.approx([1, 1 / 2, 2 / 3, 3 / 4, 3 / 5])
    shows(TOPIC, "precision 1, 1/2, 2/3, 3/4, 3/5",
          "recall " + ", ".join(f"{r:g}" for r in recall[:-1]) + f", {recall[-1]:g}")
    shows(TOPIC, f"AP = 0.25 · 1 + 0.5 · 0.75 = {average_precision(hits, 4):g}",
          f"≈ {average_precision(hits, 4, interpolate=False):.3f}")
    # the plotted stronger detector: the area under 1 − r⁴ is 0.8
    r = torch.linspace(0, 1, 100001, dtype=F64)
    assert torch.trapezoid(1 - r ** 4, r).item() == pytest.approx(0.8, abs=1e-8)


def test_transposed_conv_examples():
    up = nn.ConvTranspose2d(64, 32, 2, stride=2)
    shows(TOPIC, f"(28 − 1)·2 + 1 + 1 = {up(torch.zeros(1, 64, 28, 28)).shape[-1]}",
          f"64 · 32 · 4 + 32 = {n_params(up):,}")
    doubler = nn.ConvTranspose2d(8, 8, 4, stride=2, padding=1, device=META)
    for h in (5, 14, 33):
        assert doubler(torch.empty(1, 8, h, h, device=META)).shape[-1] == 2 * h
    fcn = nn.ConvTranspose2d(21, 21, 64, stride=32, padding=16, device=META)
    shows(TOPIC, f"6 · 32 − 32 + 63 + 1 = {fcn(torch.empty(1, 21, 7, 7, device=META)).shape[-1]}")
    overlap = F.conv_transpose1d(torch.ones(1, 1, 4), torch.ones(1, 1, 3), stride=2).ravel()
    shows(TOPIC, f"[{', '.join(f'{t:g}' for t in overlap.tolist())}]")
    conv = nn.Conv2d(8, 8, 3, stride=2, padding=1, device=META)
    assert {conv(torch.empty(1, 8, h, h, device=META)).shape[-1] for h in (7, 8)} == {4}


def test_fcn_convolutionalised_classifier():
    torch.manual_seed(0)
    fc = nn.Linear(512 * 7 * 7, 64)  # VGG's fc6 with fewer outputs: the same reshaping
    conv = nn.Conv2d(512, 64, 7)
    with torch.no_grad():
        conv.weight.copy_(fc.weight.reshape(64, 512, 7, 7))
        conv.bias.copy_(fc.bias)
    x = torch.randn(2, 512, 7, 7)
    assert torch.allclose(conv(x).flatten(1), fc(x.flatten(1)), atol=1e-4)
    assert n_params(nn.Linear(25088, 4096, device=META)) == n_params(nn.Conv2d(512, 4096, 7, device=META))


def test_unet_example():
    net = OriginalUNet()
    out = net(torch.empty(1, 1, 572, 572, device=META))
    side = [s for s, _ in net.sizes]
    assert side == [570, 568, 284, 282, 280, 140, 138, 136, 68, 66, 64, 32, 30, 28,
                    56, 56, 54, 52, 104, 104, 102, 100, 200, 200, 198, 196, 392, 392, 390, 388]
    channels = dict(net.sizes)
    shows(TOPIC, f"572 → {side[0]} → {side[1]} ({channels[568]} channels)",
          f"pool to {side[2]} → {side[4]} ({channels[280]})", f"{side[5]} → {side[7]} ({channels[136]})",
          f"{side[8]} → {side[10]} ({channels[64]})", f"{side[11]} → {side[13]} ({channels[28]})")
    shows(TOPIC, f"up to {side[14]} ({net.sizes[14][1]})", f"cropped to {side[14]} ({net.sizes[15][1]} channels)",
          f"then {side[16]} → {side[17]}", f"up to {side[18]} → {side[21]}", f"{side[22]} → {side[25]}",
          f"{side[26]} → {side[29]}", f"Output: {tuple(out.shape)}".replace("(1,", "(N,"),
          f"The top skip map is {side[1]}×{side[1]}, cropped to {side[26]}×{side[26]}")


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
