"""Shared computations of the manifolds content tests.

The inverse stereographic chart (to check chart answers by going back),
evenly spaced circles in a random plane with their covariance spectrum (for
PCA), and the tangent dimension of a map's image, the rank of its Jacobian at
a point (for intrinsic dimensions).
"""

from __future__ import annotations

import math
from typing import Callable

import torch

F64 = torch.float64


def tangent_dimension(f: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor) -> int:
    """The rank of f's Jacobian at x: the dimension of the image near f(x)."""
    jac = torch.autograd.functional.jacobian(f, x, vectorize=True)
    return int(torch.linalg.matrix_rank(jac.reshape(-1, x.numel())))


def north_chart_inverse(u: torch.Tensor) -> torch.Tensor:
    """Where the line from (0, 1) through (u, 0) meets the circle again."""
    return torch.stack([2 * u / (u ** 2 + 1), (u ** 2 - 1) / (u ** 2 + 1)])


def circle_in_space(radius: float, ambient: int, count: int, seed: int) -> torch.Tensor:
    """`count` evenly spaced points of a circle in a random plane of ℝ^ambient."""
    gen = torch.Generator().manual_seed(seed)
    basis, _ = torch.linalg.qr(torch.randn(ambient, 2, generator=gen, dtype=F64))
    theta = torch.arange(count, dtype=F64) * 2 * math.pi / count
    return radius * torch.stack([theta.cos(), theta.sin()], 1) @ basis.T


def covariance_eigenvalues(points: torch.Tensor) -> torch.Tensor:
    centred = points - points.mean(0)
    return torch.linalg.eigvalsh(centred.T @ centred / len(points)).flip(0)
