"""Backpropagation by hand: the ten exercises where the learner writes the
gradients and autograd is forbidden. Each reference (hand-derived) agrees
with its autograd oracle, grades correct, and every wrong solution is caught
with its own mistake; correct solutions in other styles (einsum, loops,
unfold, staged cs231n-style) are never rejected; autograd is refused before
anything runs; and the feedback names the gradient that is wrong."""

from __future__ import annotations

import pytest

from dltutor.codecheck import batch
from dltutor.codecheck.prepare import prepare
from dltutor.codecheck.spec import exercise
from dltutor.codecheck.trusted import function_in
from dltutor.errors import AnswerFormatError
from dltutor.kinds.code import parse
from tests.code.curriculum import BY_HAND, ids
from tests.code.twins import (
    BOOKS,
    assert_agrees,
    assert_bank_checks,
    assert_other_styles_pass,
    checked_in_background,
)

IDS = ids(BY_HAND)
all_checked = checked_in_background(IDS)


@pytest.mark.parametrize("qid", IDS)
def test_each_exercise_is_complete_and_compared_with_autograd(qid):
    question = BOOKS.question(qid)
    spec = exercise(question)
    assert spec.oracle is not None and "torch.autograd" in spec.forbid
    assert not spec.grad  # inputs arrive without requires_grad
    assert question.hints and question.explanation.strip()
    starter = spec.starter.read_text()
    assert f"def {spec.function}(" in starter and "NotImplementedError" in starter
    returned = prepare(spec, 0).expected[0].outputs
    assert len(spec.outputs) == len(returned)  # every returned gradient has its name


@pytest.mark.parametrize("qid", IDS)
def test_the_hand_derived_reference_agrees_with_autograd(qid):
    spec = exercise(BOOKS.question(qid))
    assert spec.oracle is not None
    assert_agrees(
        spec,
        function_in(spec.reference, spec.function),
        function_in(spec.oracle, spec.function),
        forward_only=True,
    )


@pytest.mark.parametrize("qid", IDS)
def test_reference_passes_and_every_wrong_solution_is_caught(qid, all_checked):
    assert_bank_checks(qid)


@pytest.mark.parametrize("qid", IDS)
def test_correct_solutions_in_other_styles_are_accepted(qid):
    assert_other_styles_pass(qid, "by_hand", 5)


AUTOGRAD_USES = {
    "backward": "    out = (x @ weight.T).sum()\n    out.backward()\n",
    "autograd.grad": "    torch.autograd.grad(x.sum(), [x])\n",
    "imported grad": "    from torch.autograd import grad\n    grad(x.sum(), [x])\n",
    "torch.func": "    torch.func.vjp(lambda t: t, x)\n",
    "requires_grad_": "    x = x.detach().requires_grad_()\n",
    ".grad": "    print(x.grad)\n",
}


@pytest.mark.parametrize("use", AUTOGRAD_USES)
def test_autograd_is_refused_before_anything_runs(use):
    question = BOOKS.question("code.linear_backward")
    text = (
        f"import torch\n\n\ndef linear_backward(x, weight, grad_out):\n{AUTOGRAD_USES[use]}"
        "    return grad_out @ weight, grad_out.T @ x, grad_out.sum(0)\n"
    )
    with pytest.raises(AnswerFormatError, match="not allowed in this exercise"):
        parse(text, question, "mine.py")


def test_feedback_names_the_wrong_gradient_and_its_shape():
    question = BOOKS.question("code.linear_backward")
    verdicts = batch.check_files(question, 0)
    transpose = verdicts[1 + [w.mistake for w in question.wrong].index("missing-transpose")]
    assert transpose.mistake == "missing-transpose"
    assert "grad_weight (2nd output) has shape (3, 4); expected (4, 3)" in transpose.feedback
    bias = verdicts[1 + [w.mistake for w in question.wrong].index("bias-sum-wrong-axis")]
    assert "grad_bias (3rd output) has shape" in bias.feedback


def test_a_wrong_value_names_the_gradient_that_differs():
    question = BOOKS.question("code.rnn_bptt")
    verdicts = batch.check_files(question, 0)
    truncated = verdicts[1 + [w.mistake for w in question.wrong].index("truncated-bptt")]
    assert "grad_xs (1st output)" in truncated.feedback and "is off" in truncated.feedback
