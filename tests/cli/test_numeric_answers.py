"""Numbers a learner can trust (issue 9 §1), through `dltutor quiz --id … --answer … --json`.

Every case the issue names, with the built-in bank: half-way ties accept both
neighbours, repeating decimals are graded at their declared precision, a zero
reference accepts 0, arithmetic is read and shown, near misses say what is near,
and significant figures follow one rule. Answers are typed as people round.
"""

from __future__ import annotations

import pytest


def graded(cli, qid: str, seed: int, answer: str) -> dict:
    code, data = cli.json("quiz", "--id", qid, "--seed", seed, "--answer", answer)
    assert code == {"correct": 0, "incorrect": 1, "invalid": 2}[data["verdict"]]
    return data


def prompt(cli, qid: str, seed: int) -> str:
    return cli.json("quiz", "--id", qid, "--seed", seed, "--show")[1]["prompt"]


# (question, seed, both neighbours of the half-way tie, one unit off either way)
TIES = [
    ("prob.gaussian-mle-variance", 1, ("9.688", "9.687"), ("9.689", "9.686")),  # 38.75/4 = 9.6875
    ("bayes.beta-posterior-mean", 22, ("0.188", "0.187"), ("0.189", "0.186")),  # 3/16 = 0.1875
    ("bayes.beta-posterior-mean", 31, ("0.313", "0.312"), ("0.314", "0.311")),  # 5/16 = 0.3125
    ("bayes.gmm-m-step", 26, ("2.188", "2.187"), ("2.189", "2.186")),  # 3.5/1.6 = 2.1875
    ("cnn.iou", 201, ("0.188", "0.187"), ("0.189", "0.186")),  # 6/32 = 0.1875
]


@pytest.mark.parametrize("qid, seed, neighbours, off", TIES, ids=[f"{t[0]}-{t[1]}" for t in TIES])
def test_a_half_way_reference_accepts_both_neighbours(cli, qid, seed, neighbours, off):
    assert "Give it to 3 decimals." in prompt(cli, qid, seed)
    for answer in neighbours:
        assert graded(cli, qid, seed, answer)["verdict"] == "correct", answer
    for answer in off:
        assert graded(cli, qid, seed, answer)["verdict"] == "incorrect", answer


def test_a_repeating_decimal_is_graded_at_its_declared_precision(cli):
    # loss.mse-value seed 4: squared errors 0.25, 2.25, 4: the mean is 13/6 = 2.1666…
    assert "Give it to 3 decimals." in prompt(cli, "loss.mse-value", 4)
    for answer in ("2.167", "2.1667", "2.16667", "13/6", "6.5/3"):
        assert graded(cli, "loss.mse-value", 4, answer)["verdict"] == "correct", answer
    assert graded(cli, "loss.mse-value", 4, "2.168")["verdict"] == "incorrect"


@pytest.mark.parametrize(
    "qid, seed, right",
    [
        ("reg.dropout-scale", 0, "0.889"),  # 0.8/0.9 with p = 0.1
        ("reg.weight-decay-step", 0, "-1.54925"),
    ],
)
def test_questions_that_were_exact_by_accident_now_state_and_grade_their_precision(cli, qid, seed, right):
    assert "decimals." in prompt(cli, qid, seed)
    assert graded(cli, qid, seed, right)["verdict"] == "correct"


@pytest.mark.parametrize("seed", [32, 59, 62])
def test_a_zero_reference_accepts_0_and_is_shown_as_0(cli, seed):
    data = graded(cli, "xai.ig-completeness", seed, "0")
    assert data["verdict"] == "correct" and data["read_as"] == "0"
    assert data["explanation"].endswith("= 0.") and "e-" not in data["explanation"]
    shown = cli.json("bank", "show", "xai.ig-completeness", "--seed", seed)[1]
    assert shown["answer"] == 0 and shown["answer_text"] == "0"


@pytest.mark.parametrize(
    "qid, seed, answer, read_as",
    [
        ("la.linear-params", 4, "50*256 + 256", "50*256 + 256 = 13056"),  # nn.Linear(50, 256)
        ("act.sigmoid-vanishing", 19, "(1/4)^10", "(1/4)^10 = 9.5367431640625e-7"),  # 10 layers
        ("act.sigmoid-vanishing", 19, "0.25^10", "0.25^10 = 9.5367431640625e-7"),
    ],
)
def test_arithmetic_answers_are_read_and_their_value_shown(cli, qid, seed, answer, read_as):
    data = graded(cli, qid, seed, answer)
    assert (data["verdict"], data["read_as"]) == ("correct", read_as)


def test_a_logarithm_is_read_and_graded_at_the_precision(cli):
    # loss.initial-loss: log K for K classes; seed 0 draws its own K, so type log of it
    k = cli.json("bank", "show", "loss.initial-loss")[1]["values"]["K"]
    data = graded(cli, "loss.initial-loss", 0, f"ln({k})")
    assert data["verdict"] == "correct" and data["read_as"].startswith(f"ln({k}) ≈ ")
    assert graded(cli, "loss.initial-loss", 0, "ln(1000)")["read_as"] == "ln(1000) ≈ 6.907755279"


@pytest.mark.parametrize(
    "answer, feedback",
    [
        ("9.69", "Right to 2 decimals; the question asks for 3."),
        ("9.7", "Right to 1 decimal; the question asks for 3."),
        ("9.686", "Right to 2 decimals, not to 3: check the last digits."),
        ("9.68", "Cut off rather than rounded?"),
        ("968.75", "Off by a factor of 100: a percentage?"),
        ("-9.6875", "Right size, wrong sign."),
    ],
)
def test_near_misses_say_what_is_near(cli, answer, feedback):
    data = graded(cli, "prob.gaussian-mle-variance", 1, answer)
    assert data["verdict"] == "incorrect" and data["feedback"].startswith(feedback)


def test_a_rounded_answer_to_an_exact_question_is_told_to_give_every_digit(cli):
    data = graded(cli, "ff.mnist-params", 0, "203,500")
    assert data["feedback"] == "This answer is exact: give all its digits, without rounding."


def test_significant_figures_follow_one_rule(cli):
    # act.sigmoid-vanishing seed 0: 0.25^9 = 3.814697…e-6, asked to 3 significant figures
    assert "Give it to 3 significant figures." in prompt(cli, "act.sigmoid-vanishing", 0)
    for answer in ("3.81e-6", "0.00000381", "3.815e-6", "3.8147e-6"):
        assert graded(cli, "act.sigmoid-vanishing", 0, answer)["verdict"] == "correct", answer
    two_figures = graded(cli, "act.sigmoid-vanishing", 0, "3.8e-6")  # passed the old 0.5 % tolerance
    assert two_figures["verdict"] == "incorrect"
    assert two_figures["feedback"] == "Right to 2 significant figures; the question asks for 3."
    assert graded(cli, "act.sigmoid-vanishing", 0, "3.82e-6")["verdict"] == "incorrect"


def test_an_unreadable_number_is_no_verdict_and_says_how_to_type_one(cli):
    data = graded(cli, "la.linear-params", 0, "x + 1")
    assert data["verdict"] == "invalid" and "'x' is not a known name" in data["feedback"]
    assert "50*256 + 256" in data["feedback"]
