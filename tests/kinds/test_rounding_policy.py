"""The rounding policy of numeric answers (DESIGN §3) as tables of what people type.

Each row is a reference as the bank computes it (a float, noise included), the
declared precision, and answers rounded the way people round them: the
correctly rounded value, both neighbours of a tie, more digits, fewer digits,
truncations, scientific notation and fractions.
"""

from __future__ import annotations

import pytest

from dltutor.bank.variants import with_precision
from dltutor.kinds.number_read import read_number
from dltutor.kinds.rounding import Precision, accepts, snap

ROWS = [
    # reference, precision, accepted, rejected
    (38.75 / 4, {"decimals": 3}, ["9.688", "9.687", "9.6875", "9.68750"], ["9.69", "9.689", "9.686", "9.68"]),
    (13 / 6, {"decimals": 2}, ["2.17", "2.167", "2.1667", "2.16667", "13/6"], ["2.16", "2.2", "2.18"]),
    (13 / 6, {"decimals": 3}, ["2.167", "2.1667", "2.16667", "2.166667"], ["2.17", "2.166", "2.168"]),
    (2 / 3, {"decimals": 3}, ["0.667", "0.6667", "2/3", ".667"], ["0.666", "0.67", "0.668"]),
    (-1 / 16, {"decimals": 3}, ["-0.063", "-0.062", "-0.0625", "−0.063"], ["-0.061", "-0.064", "0.063"]),
    (2.675, {"decimals": 2}, ["2.68", "2.67", "2.675"], ["2.66", "2.69", "2.7"]),  # the float is 2.67499999…
    # the float is 1.0005000000000002
    (0.7 + 0.3005, {"decimals": 3}, ["1.001", "1.000", "1", "1.0005"], ["1.002", "0.999"]),
    (2.5, {"decimals": 0}, ["2", "3", "2.5"], ["1", "4"]),
    (-1.8041124150158794e-16, {"decimals": 4}, ["0", "0.0000", "-0.0000", "0.00004"], ["0.0001", "-0.0001"]),
    (
        0.0056234,
        {"significant": 3},
        ["0.00562", "5.62e-3", "0.005623", "5.62×10^-3"],
        ["0.0056", "0.00563", "0.00561"],
    ),
    (9.9996, {"significant": 3}, ["10.0", "10", "9.9996", "10.00"], ["9.99", "10.1"]),
    (123456.0, {"significant": 3}, ["123000", "1.23e5", "123,000", "123500"], ["124000", "122000", "120000"]),
    (0.25**10, {"significant": 3}, ["9.54e-7", "(1/4)^10", "0.25^10", "9.537e-7"], ["9.5e-7", "9.53e-7"]),
    (0.25, {}, ["1/4", "0.250", "25%", ".25", "0.5^2"], ["0.26", "0.3", "0.2", "0.2500001"]),
    (
        203530,
        {},
        ["203,530", "203530", "203530.0", "784*256 + 256 + 256*10 + 10"],
        ["203500", "203531", "204000"],
    ),
    (-1.8041124150158794e-16, {}, ["0", "0.0", "-0"], ["0.001", "1e-16"]),  # 0 up to float noise
    (0.30000000000000004, {}, ["0.3", "3/10", "0.1 + 0.2"], ["0.30000000000000004", "0.31"]),
]


def _accepts(text: str, reference: float, precision: Precision) -> bool:
    return accepts(read_number(text).value, snap(reference, precision), precision)


@pytest.mark.parametrize(
    "reference, precision, accepted, rejected", ROWS, ids=[f"{row[0]:.6g}-{row[1]}" for row in ROWS]
)
def test_rounding_policy(reference, precision, accepted, rejected):
    declared = Precision(**precision)
    for text in accepted:
        assert _accepts(text, reference, declared), f"{text} should pass for {reference!r} {precision}"
    for text in rejected:
        assert not _accepts(text, reference, declared), f"{text} should fail for {reference!r} {precision}"


def test_two_significant_figures_never_pass_a_three_figure_question():
    # the old relative tolerance of 0.5 % let these through
    for reference, two_figures in [(0.0056234, "0.0056"), (3.8147e-6, "3.8e-6"), (0.0123, "0.012")]:
        assert not _accepts(two_figures, reference, Precision(significant=3)), two_figures


@pytest.mark.parametrize(
    "extra, prompt, expected",
    [
        ({"decimals": 3}, "What is σ̂²?", "What is σ̂²? Give it to 3 decimals."),
        ({"decimals": 1}, "What is x?\n", "What is x? Give it to 1 decimal."),
        ({"decimals": 0}, "How far?", "How far? Round it to a whole number."),
        ({"significant": 3}, "What is c?", "What is c? Give it to 3 significant figures."),
        ({"significant": 1}, "What is c?", "What is c? Give it to 1 significant figure."),
        ({}, "How many parameters?", "How many parameters?"),
        (
            {"decimals": 2},
            "Compute:\n\n```\nx = 1\n```\n",
            "Compute:\n\n```\nx = 1\n```\n\nGive it to 2 decimals.",
        ),
    ],
)
def test_the_prompt_precision_sentence_comes_from_the_declared_precision(extra, prompt, expected):
    assert with_precision(prompt, extra) == expected


def _graded_by(same):
    from dltutor.kinds.base import correct, incorrect

    return lambda text: correct(text) if same(read_number(text).value) else incorrect(text)


def test_the_validate_proof_catches_a_grader_that_rejects_a_half_way_tie():
    from fractions import Fraction

    from dltutor.kinds.numeric_proof import policy_problems

    reference, declared = Fraction("9.6875"), Precision(decimals=3)
    # the old grader: |x − r| < half a unit in floats, which put 9.688 a hair outside
    old = _graded_by(lambda x: abs(float(x) - 9.6875) < 0.0005)
    assert policy_problems(reference, declared, "What is σ̂²?", old) == [
        "the answer typed as '9.688' grades incorrect, though it is the answer rounded half-up"
    ]
    fair = _graded_by(lambda x: accepts(x, reference, declared))
    assert policy_problems(reference, declared, "What is σ̂²?", fair) == []


def test_the_validate_proof_refuses_a_hand_written_precision_sentence():
    from fractions import Fraction

    from dltutor.kinds.numeric_proof import policy_problems

    problems = policy_problems(
        Fraction(1, 4), Precision(decimals=3), "What is p? Give it to 3 decimals.", _graded_by(lambda x: True)
    )
    assert problems and "says 'to 3 decimals' itself" in problems[0]


def test_the_validate_proof_passes_a_fair_grader_on_a_negative_tie():
    # half-up rounds -0.15625 away from 0: the proof once took -0.1562 for "one unit off"
    from fractions import Fraction

    from dltutor.kinds.numeric_proof import policy_problems

    reference, declared = Fraction(-5, 32), Precision(decimals=4)
    fair = _graded_by(lambda x: accepts(x, reference, declared))
    assert policy_problems(reference, declared, "What is t_x?", fair) == []
    assert _accepts("-0.1562", -0.15625, declared) and _accepts("-0.1563", -0.15625, declared)
    assert not _accepts("-0.1561", -0.15625, declared) and not _accepts("-0.1564", -0.15625, declared)
