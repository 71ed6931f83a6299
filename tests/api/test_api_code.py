"""`check_code` and `check_backward` take objects, not files: the source of a
function or class (with the helpers, imports and constants it uses) is graded
in the sandbox exactly like `--answer-file`, and what has no source is a clear
error, never a traceback from `inspect`."""

from __future__ import annotations

import math

import pytest
import torch

import dltutor
from dltutor.errors import AnswerFormatError, NotFoundError

SHIFT_BY_MAX = True  # a constant the answer reads: it travels with the source


def _stable(x, dim):
    return x - x.amax(dim=dim, keepdim=True) if SHIFT_BY_MAX else x


def my_softmax(x, dim=-1):
    e = torch.exp(_stable(x, dim))
    return e / e.sum(dim=dim, keepdim=True)


def softmax_over_everything(x, dim=-1):
    e = torch.exp(x - x.max())
    return e / e.sum()


def cheating_softmax(x, dim=-1):
    return torch.softmax(x, dim)


class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, grad_out):
        (x,) = ctx.saved_tensors
        return 2 * x * grad_out


def cube(x):
    return x**3


def cube_backward(grad_out, x):
    return 2 * x * x * grad_out  # wrong: the factor is 3


def true_cube_backward(grad_out, x):
    return 3 * x * x * grad_out * math.cos(0)


def test_a_correct_function_with_a_helper_and_a_constant_passes_under_another_name():
    result = dltutor.check_code("code.softmax", my_softmax, record=False)
    assert result and "checks pass" in (result.feedback or "")


def test_a_wrong_function_fails_with_the_failing_case_in_its_feedback():
    result = dltutor.check_code("code.softmax", softmax_over_everything, record=False)
    assert not result and "Case" in (result.feedback or "")


def test_a_forbidden_function_is_unreadable_as_in_the_cli():
    with pytest.raises(AnswerFormatError, match="softmax"):
        dltutor.check_code("code.softmax", cheating_softmax, record=False)


def test_objects_without_source_are_named_clearly():
    with pytest.raises(NotFoundError, match="lambda"):
        dltutor.check_code("code.softmax", lambda x, dim=-1: x, record=False)
    with pytest.raises(NotFoundError, match="not a function or class defined in Python"):
        dltutor.check_code("code.softmax", torch.softmax, record=False)


def test_an_autograd_function_and_a_forward_backward_pair_are_checked():
    assert dltutor.check_backward(Square, (3, 4))
    wrong = dltutor.check_backward(cube, (5,))  # finds cube_backward beside it
    assert not wrong and "constant factor" in repr(wrong)
    assert dltutor.check_backward(cube, (5,), backward=true_cube_backward)


def test_a_forward_without_a_backward_says_what_to_define():
    with pytest.raises(NotFoundError, match="my_softmax_backward"):
        dltutor.check_backward(my_softmax, (4, 5))
