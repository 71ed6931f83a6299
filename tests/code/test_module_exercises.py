"""Architectures as modules: the answer is an nn.Module class, built in the
sandbox with each case's arguments, loaded with the reference's weights by
name, and compared by outputs and every parameter's gradient (train and eval
mode where they differ). Each reference agrees with PyTorch's own layers;
solutions written in another style or initialisation order are accepted;
a misnamed or misshapen parameter is a message that names it."""

from __future__ import annotations

import pytest

from dltutor.codecheck import batch
from dltutor.codecheck.forms.module import trusted_entry
from dltutor.codecheck.spec import exercise
from dltutor.errors import AnswerFormatError
from dltutor.kinds.code import parse
from tests.code.curriculum import MODULES, ids
from tests.code.module_twins import MODULE_TWINS
from tests.code.twins import (
    BOOKS,
    assert_agrees,
    assert_bank_checks,
    assert_other_styles_pass,
    checked_in_background,
)

IDS = ids(MODULES)
all_checked = checked_in_background(IDS)


@pytest.mark.parametrize("qid", IDS)
def test_each_module_exercise_is_complete(qid):
    question = BOOKS.question(qid)
    spec = exercise(question)
    assert spec.form == "module" and spec.forward and spec.grad
    assert question.hints and question.explanation.strip()
    starter = spec.starter.read_text()
    assert f"class {spec.function}(nn.Module)" in starter and "NotImplementedError" in starter
    assert len(spec.cases) >= 3


@pytest.mark.parametrize("qid", IDS)
def test_reference_agrees_with_pytorch_layers(qid):
    spec = exercise(BOOKS.question(qid))
    assert_agrees(spec, trusted_entry(spec.reference, spec.function), MODULE_TWINS[qid])


@pytest.mark.parametrize("qid", IDS)
def test_reference_passes_and_every_wrong_solution_is_caught(qid, all_checked):
    assert_bank_checks(qid)


@pytest.mark.parametrize("qid", IDS)
def test_other_styles_and_initialisation_orders_are_accepted(qid):
    assert_other_styles_pass(qid, "modules", 7)


def test_both_modes_and_both_shortcuts_are_checked():
    spec = exercise(BOOKS.question("code.residual_block"))
    cases = spec.cases
    assert {c.get("mode", "train") for c in cases} == {"train", "eval"}
    projects = [c["init"].get("stride", 1) != 1 or c["init"]["in_ch"] != c["init"]["out_ch"] for c in cases]
    assert True in projects and False in projects


MISNAMED = """
import torch
from torch import nn


class MLP(nn.Module):
    def __init__(self, sizes, activation="relu"):
        super().__init__()
        self.hidden = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:]))

    def forward(self, x):
        for layer in self.hidden[:-1]:
            x = torch.relu(layer(x))
        return self.hidden[-1](x)
"""


def test_a_misnamed_parameter_is_named_not_a_traceback():
    [verdict] = batch.check_sources(BOOKS.question("code.mlp_module"), 0, [(MISNAMED, "mine.py")])
    assert verdict.verdict == "incorrect"
    assert "your module has no parameter 'layers.0.weight'" in verdict.feedback
    assert "layers.0.bias" in verdict.feedback and "Traceback" not in verdict.feedback


def test_a_misshapen_parameter_is_named_with_both_shapes():
    one_too_many = MISNAMED.replace("self.hidden", "self.layers").replace(
        "zip(sizes[:-1], sizes[1:])", "zip(sizes[:-1], sizes[1:-1] + [sizes[-1] + 1])"
    )
    [verdict] = batch.check_sources(BOOKS.question("code.mlp_module"), 0, [(one_too_many, "mine.py")])
    # case 1 is MLP([4, 8, 3]): the last layer has one output too many
    assert "parameter 'layers.1.weight' has shape (4, 8); expected (3, 8)" in verdict.feedback


def test_vae_needs_its_loss_function_and_the_tutors_noise():
    question = BOOKS.question("code.vae")
    reference = exercise(question).reference.read_text()
    without_loss = reference[: reference.index("def vae_loss")]
    with pytest.raises(AnswerFormatError, match=r"no function vae_loss in mine\.py"):
        parse(without_loss, question, "mine.py")
    own_noise = reference.replace("* eps", "* torch.randn_like(mu)")
    with pytest.raises(AnswerFormatError, match=r"torch\.randn_like"):
        parse(own_noise, question, "mine.py")


def test_vae_loss_is_graded_on_the_forwards_own_outputs():
    """A right module with a loss averaged over every entry: the loss (the
    4th output) is named, and so is the mistake."""
    question = BOOKS.question("code.vae")
    wrong = exercise(question).path("code/vae/wrong_bce_mean.py").read_text()
    [verdict] = batch.check_sources(question, 2, [(wrong, "mine.py")])
    assert verdict.mistake == "reconstruction-mean-over-features"
    assert "loss (4th output) is off" in verdict.feedback
