"""Detection and segmentation machinery written by hand in torch, for the content tests.

torchvision is not a dependency, and the bank's answers must be recomputed
independently of its formulas: IoU from corners, box encoding and decoding,
anchor grids, greedy NMS, AP from a ranked list of hits, Faster R-CNN's RPN
head, RoI pooling, and the original U-Net (unpadded, cropped skips) that
records the size of every map it makes. Modules take a device so that shape
checks run on the meta device, where nothing is computed.
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

F64 = torch.float64
META = torch.device("meta")


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


def shifted_squares(side: float, d: float, diagonal: bool = False) -> torch.Tensor:
    a = torch.tensor([0.0, 0.0, side, side], dtype=F64)
    b = a + torch.tensor([d, d if diagonal else 0.0, d, d if diagonal else 0.0], dtype=F64)
    return iou(a, b)


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
