"""`check-gradient --code` and the backward-by-hand exercises judge
gradients with one comparison: the same wrong gradient gets the same
diagnosis from both commands. Each mistake is written once, as the
exercise's function; the check-gradient file wraps that very function in
an autograd.Function (which the exercise forbids), with inputs of the
shapes of the exercise's first case."""

from __future__ import annotations

from pathlib import Path

import pytest

TRANSPOSED = """
def linear_backward(x, weight, grad_out):
    # x.T @ grad_out is (in, out): the transpose of the weight's gradient
    return grad_out @ weight, x.T @ grad_out, grad_out.sum(dim=0)
"""
LINEAR = """
class Linear(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, bias):
        ctx.save_for_backward(x, weight)
        return x @ weight.T + bias

    @staticmethod
    def backward(ctx, grad_out):
        x, weight = ctx.saved_tensors
        return linear_backward(x, weight, grad_out)
"""
NO_MEAN = """
def softmax_cross_entropy_backward(logits, target):
    # the gradient of the sum over the batch: the mean's 1/N is missing
    z = logits - logits.max(dim=1, keepdim=True).values
    p = z.exp() / z.exp().sum(dim=1, keepdim=True)
    p[torch.arange(len(target)), target] -= 1
    return p
"""
MEAN_CE = '''
class MeanCrossEntropy(torch.autograd.Function):
    """The mean softmax cross-entropy of (N, C) logits, row n's class n % C."""
    @staticmethod
    def forward(ctx, logits):
        ctx.save_for_backward(logits)
        target = torch.arange(len(logits)) % logits.shape[1]
        z = logits - logits.max(dim=1, keepdim=True).values
        log_p = z - z.exp().sum(dim=1, keepdim=True).log()
        return -log_p[torch.arange(len(logits)), target].mean()

    @staticmethod
    def backward(ctx, grad_out):
        (logits,) = ctx.saved_tensors
        target = torch.arange(len(logits)) % logits.shape[1]
        return softmax_cross_entropy_backward(logits, target) * grad_out
'''


def _files(tmp_path: Path, mistake: str, wrapper: str) -> tuple[Path, Path]:
    answer, check = tmp_path / "answer.py", tmp_path / "check.py"
    answer.write_text("import torch\n" + mistake)
    check.write_text("import torch\n" + mistake + wrapper)
    return answer, check


def test_a_transposed_weight_gradient_gets_one_diagnosis(cli, tmp_path: Path) -> None:
    answer, check = _files(tmp_path, TRANSPOSED, LINEAR)
    code, quiz = cli.json("quiz", "--id", "code.linear_backward", "--answer-file", str(answer))
    assert code == 1 and quiz["mistake"] == "missing-transpose"
    code, checked = cli.json(
        "check-gradient", "--code", f"{check}:Linear", "--shape", "5,3", "--shape", "4,3", "--shape", "4"
    )
    assert code == 1 and checked["mismatch"] == "shape"
    diagnosis = checked["diagnosis"]
    assert diagnosis.startswith("grad_weight (2nd output) has shape (3, 4); expected (4, 3)")
    assert "transposed" in diagnosis and diagnosis in quiz["feedback"]
    assert [r["ok"] for r in checked["inputs"]] == [True, False, True]


def test_a_missing_one_over_n_gets_one_diagnosis(cli, tmp_path: Path) -> None:
    answer, check = _files(tmp_path, NO_MEAN, MEAN_CE)
    code, quiz = cli.json("quiz", "--id", "code.softmax_cross_entropy_backward", "--answer-file", str(answer))
    assert code == 1 and quiz["mistake"] == "forgot-mean"
    code, checked = cli.json(
        "check-gradient", "--code", f"{check}:MeanCrossEntropy", "--shape", "4,5"
    )  # N = 4, as in the exercise's first case
    assert code == 1 and checked["mismatch"] == "values"
    pattern = checked["inputs"][0]["pattern"]
    assert pattern.startswith("off by a constant factor: it is 4 times the true gradient")
    assert "1/4" in pattern
    assert checked["diagnosis"].startswith("grad_logits at index")
    assert pattern in checked["diagnosis"] and pattern in quiz["feedback"]
    assert "\ngrad_logits at index" in quiz["feedback"]


@pytest.mark.parametrize("wrong_bias", ["grad_out", "grad_out.sum(dim=1)"])
def test_a_bias_gradient_of_the_wrong_shape_is_named_not_summed_away(
    cli, tmp_path: Path, wrong_bias: str
) -> None:
    """autograd would sum a (N, out) bias gradient down to (out,) by itself;
    the check calls the backward directly, as the exercise sees its result."""
    mistake = TRANSPOSED.replace("x.T @ grad_out, grad_out.sum(dim=0)", f"grad_out.T @ x, {wrong_bias}")
    answer, check = _files(tmp_path, mistake, LINEAR)
    code, quiz = cli.json("quiz", "--id", "code.linear_backward", "--answer-file", str(answer))
    code2, checked = cli.json(
        "check-gradient", "--code", f"{check}:Linear", "--shape", "5,3", "--shape", "4,3", "--shape", "4"
    )
    assert code == code2 == 1 and checked["diagnosis"].startswith("grad_bias (3rd output) has shape")
    assert checked["diagnosis"] in quiz["feedback"]
