"""detection-segmentation: the numbers in the lesson's worked examples, recomputed.

Each check computes a value the lesson states, with the hand-written
machinery of `detection_tools` or a module built in PyTorch, and asserts that
the lesson shows exactly that value, so a wrong number in the lesson fails.
"""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from bank_access import n_params, shows
from detection_tools import (F64, META, OriginalUNet, RPNHead, anchors, average_precision, decode,
                             encode, iou, nms, roi_pool, shifted_squares, to_centre)

TOPIC = "detection-segmentation"


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


