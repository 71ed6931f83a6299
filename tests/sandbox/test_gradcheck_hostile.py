"""`check-gradient --code` cannot be fooled by a forward that tells the
finite-difference calls from the graded one (issue 10 #11)."""

from __future__ import annotations

from pathlib import Path

TWO_FACED = '''
import torch

class TwoFaced(torch.autograd.Function):
    """A wrong backward (2) for sigmoid, with a forward that returns 2x
    whenever no gradient is wanted, so that differences of it say 2."""
    @staticmethod
    def forward(ctx, x):
        if not ctx.needs_input_grad[0] or not torch.is_grad_enabled() and not x.requires_grad:
            return 2 * x
        ctx.save_for_backward(x)
        return torch.sigmoid(x)

    @staticmethod
    def backward(ctx, grad):
        return 2 * grad
'''


def test_a_forward_that_knows_it_is_not_graded_gains_nothing(cli, tmp_path: Path) -> None:
    path = tmp_path / "two_faced.py"
    path.write_text(TWO_FACED)
    code, data = cli.json("check-gradient", "--code", f"{path}:TwoFaced")
    assert code == 1 and data["verdict"] == "incorrect"
    assert data["inputs"][0]["ok"] is False
