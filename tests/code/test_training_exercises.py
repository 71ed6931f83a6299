"""Small training runs: the learner's code trains in the sandbox and the
tutor judges the result itself. `code.train_loop` is repeated by the tutor
from the same starting weights and its final parameters compared, so each
classic slip is named; `code.fit_xor_by_hand` (NumPy only) is judged from
the returned weights on points the tutor holds. Other correct styles pass."""

from __future__ import annotations

import numpy as np
import pytest

from dltutor.codecheck import batch, runner
from dltutor.codecheck.prepare import prepare
from dltutor.codecheck.spec import exercise
from dltutor.errors import AnswerFormatError
from dltutor.kinds.code import parse
from tests.code.curriculum import TRAINING, ids
from tests.code.twins import BOOKS, assert_bank_checks, assert_other_styles_pass, checked_in_background

IDS = ids(TRAINING)
all_checked = checked_in_background(IDS)


@pytest.mark.parametrize("qid", IDS)
def test_reference_passes_and_every_wrong_solution_is_caught(qid, all_checked):
    assert_bank_checks(qid)


@pytest.mark.parametrize("qid", IDS)
def test_other_correct_styles_are_accepted(qid):
    assert_other_styles_pass(qid, "training", 2)


def test_the_tutor_draws_the_start_and_the_training_moves_it():
    """The final parameters differ from the start the tutor sent: a loop
    that does nothing cannot pass by luck."""
    prepared = prepare(exercise(BOOKS.question("code.train_loop")), 0)
    for case, outcome in zip(prepared.cases, prepared.expected):
        start = case.arrays[case.inputs :]
        assert len(start) == len(outcome.outputs) == 4
        assert all(not np.allclose(a, b) for a, b in zip(start, outcome.outputs))


def test_fit_xor_refuses_torch():
    with pytest.raises(AnswerFormatError, match="torch is not allowed"):
        parse(
            "import torch\n\n\ndef fit_xor(x, y):\n    return x\n",
            BOOKS.question("code.fit_xor_by_hand"),
            "mine.py",
        )


def test_hard_coded_weights_fail_on_the_other_labelling():
    """Weights that solve XOR by heart fail the XNOR case: judged on the data."""
    by_heart = """
import numpy as np


def fit_xor(x, y):
    w1 = np.array([[20.0, -20.0], [20.0, -20.0]])
    b1 = np.array([-10.0, 30.0])
    w2 = np.array([[20.0], [20.0]])
    return w1, b1, w2, np.array([-30.0])
"""
    [verdict] = batch.check_sources(BOOKS.question("code.fit_xor_by_hand"), 0, [(by_heart, "mine.py")])
    assert verdict.verdict == "incorrect" and "XNOR" in verdict.feedback


def test_fit_spirals_labels_fresh_points_whose_labels_stay_in_the_tutor():
    spec = exercise(BOOKS.question("code.fit_spirals"))
    prepared = prepare(spec, 4)
    [case] = prepared.cases
    train_x, _train_y, test_x = case.arrays
    [labels] = case.held
    assert test_x.shape == (400, 2) and labels.shape == (400,)
    assert not np.isin(test_x[:, 0], train_x[:, 0]).any()  # fresh points, not the training ones
    [call] = prepared.calls(spec.function)
    assert len(call.inputs) == 3  # the training data and the test points: never their labels
    assert not any(np.array_equal(a, labels) for a in call.inputs)
    assert (
        runner.limits(spec).cpu_seconds == 20 and "20 s of CPU" in BOOKS.question("code.fit_spirals").prompt
    )


def test_fit_spirals_memorising_the_training_points_fails_on_fresh_ones():
    lookup = """
import torch
from torch import nn


class Lookup(nn.Module):
    def __init__(self, x, y):
        super().__init__()
        self.known = {tuple(p.tolist()): int(c) for p, c in zip(x, y)}

    def forward(self, points):
        labels = [self.known.get(tuple(p.tolist()), len(self.known) + i) % 2
                  for i, p in enumerate(points)]
        return nn.functional.one_hot(torch.tensor(labels), 2).float()


def fit_spirals(x, y):
    return Lookup(x, y)
"""
    [verdict] = batch.check_sources(BOOKS.question("code.fit_spirals"), 0, [(lookup, "mine.py")])
    assert verdict.verdict == "incorrect" and verdict.mistake == "underfit"
    assert "fresh test points right; 95% is needed" in verdict.feedback


def test_a_model_that_draws_its_own_start_gets_the_same_verdict_every_time():
    """The learner's training starts from the same random state in every check,
    so an unseeded initialisation cannot make one file pass or fail by luck:
    an untrained random net labels the same share of points each time."""
    untrained = """
import torch
from torch import nn


def fit_spirals(x, y):
    net = nn.Sequential(nn.Linear(2, 64), nn.Tanh(), nn.Linear(64, 2))
    with torch.no_grad():
        net[0].weight.mul_(10)  # a wiggly random boundary: both classes, by chance
    return net
"""
    question = BOOKS.question("code.fit_spirals")
    first, second = (batch.check_sources(question, 4, [(untrained, "mine.py")])[0] for _ in range(2))
    assert first.verdict == "incorrect" and "fresh test points right" in first.feedback
    assert first.feedback == second.feedback  # the same share, to the tenth of a percent
