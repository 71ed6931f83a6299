"""check_steps() itself: what a line is read as, and that a long derivation never hangs."""

from __future__ import annotations

import pytest

import dltutor.derivation.check as check_module
from dltutor.derivation import check_steps, split_lines


def test_line_numbers_are_the_lines_an_editor_shows():
    lines = split_lines("d/dx (x^2)\n\n# expand\n   = 2x\n")
    assert [(line.number, line.text) for line in lines] == [(1, "d/dx (x^2)"), (4, "2x")]


def test_a_greek_variable_may_be_named_either_way_in_the_head():
    for head in ("d/dθ (θ^2)", "d/dtheta (θ^2)"):
        steps = check_steps(split_lines(f"{head}\n= 2θ"), {"θ": "real"}).steps
        assert [s.status for s in steps] == ["start", "equal"]


def test_constants_of_other_variables_are_kept_when_differentiating_by_one():
    steps = check_steps(split_lines("∂/∂w (w x + b)\n= x"), {"w": "real", "x": "real", "b": "real"}).steps
    assert steps[1].status == "equal"
    steps = check_steps(split_lines("∂/∂w (w x + b)\n= w"), {"w": "real", "x": "real", "b": "real"}).steps
    assert steps[1].status == "differs" and steps[1].compared_with == 1


def test_domains_decide_equality_line_to_line():
    # sqrt(x^2) = x only where x > 0
    assert check_steps(split_lines("sqrt(x^2)\n= x"), {"x": "positive"}).steps[1].status == "equal"
    assert check_steps(split_lines("sqrt(x^2)\n= x"), {"x": "real"}).steps[1].status == "differs"


def test_a_derivation_that_takes_too_long_is_left_undecided_not_waited_for(monkeypatch):
    monkeypatch.setattr(check_module, "TOTAL_SECONDS", 0.0)
    steps = check_steps(split_lines("x^2\n= x·x\n= x^2"), {"x": "real"}).steps
    assert [s.status for s in steps] == ["start", "undecided", "undecided"]
    assert "took too long" in steps[1].message


def test_more_lines_than_anyone_types_are_refused():
    from dltutor.errors import AnswerFormatError

    with pytest.raises(AnswerFormatError, match="too long"):
        split_lines("x\n" * 1000)
