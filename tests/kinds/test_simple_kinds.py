"""choice, numeric and shape: what a learner may type, and what it is read as."""

from __future__ import annotations

from fractions import Fraction

import pytest

from dltutor.bank.catalogue import Catalogue, search_path
from dltutor.bank.variants import make_variant
from dltutor.errors import AnswerFormatError
from dltutor.grading import grade_answer
from dltutor.kinds import numeric, shape
from tests.conftest import GOOD


@pytest.fixture(scope="module")
def books() -> Catalogue:
    return Catalogue(search_path([GOOD]))


@pytest.mark.parametrize(
    "text, value",
    [
        ("42", 42),
        ("-0.5", Fraction(-1, 2)),
        ("−0.5", Fraction(-1, 2)),
        ("203,530", 203530),
        ("1e-3", Fraction(1, 1000)),
        ("2.5E3", 2500),
        ("3/4", Fraction(3, 4)),
        ("-1/8", Fraction(-1, 8)),
        ("1.5×10^-3", Fraction(3, 2000)),
        ("1.5 x 10^(-3)", Fraction(3, 2000)),
        ("2*10**4", 20000),
        (" .25 ", Fraction(1, 4)),
        ("+7", 7),
        ("25%", Fraction(1, 4)),
        ("0.1 + 0.2", Fraction(3, 10)),
        # arithmetic, read by the safe expression parser and kept exact
        ("50*256 + 256", 13056),
        ("(1/4)^10", Fraction(1, 4**10)),
        ("0.25^10", Fraction(1, 4**10)),
        ("2^10", 1024),
        ("1/2/3", Fraction(1, 6)),
        ("8.5/3", Fraction(17, 6)),
    ],
)
def test_numeric_reads_exactly(text, value):
    assert numeric.parse(text).value == value


def test_numeric_reads_irrational_arithmetic_to_many_digits():
    parsed = numeric.parse("ln(1000)")
    assert abs(parsed.value - 3 * Fraction("2.302585092994045684017991454684364")) < Fraction(1, 10**30)
    assert parsed.read_as == "ln(1000) ≈ 6.907755279"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "half",
        "1/0",
        "1,00",
        "1..2",
        "0x10",
        "1e999999",
        "3 4",
        "nan",
        "inf",
        "x + 1",
        "sqrt(-1)",
        "(10^300)^20",
        "ln(0)",
        "2,5",
        "exp(exp(100))",
        "1e",
        "log(-1)",
        "2^-2000",
        "sin(exp(exp(20)))",
    ],
)  # the last would run for hours unbounded
def test_numeric_refuses(text):
    with pytest.raises(AnswerFormatError):
        numeric.parse(text)


@pytest.mark.parametrize(
    "text, value",
    [
        ("(8, 16, 112, 112)", (8, 16, 112, 112)),
        ("[8,16]", (8, 16)),
        ("8x16x3", (8, 16, 3)),
        ("8 × 16", (8, 16)),
        ("torch.Size([8, 16])", (8, 16)),
        ("()", ()),
        ("(5,)", (5,)),
        ("4 5 6", (4, 5, 6)),
        ("8*3", (8, 3)),
    ],
)
def test_shape_reads(text, value):
    assert shape.parse(text) == value


@pytest.mark.parametrize("text", ["(8, 16", "8, 16]", "(8, a)", "(8.5, 2)", "(-1, 3)", "((1, 2))"])
def test_shape_refuses(text):
    with pytest.raises(AnswerFormatError):
        shape.parse(text)


def test_numeric_tolerance_accepts_rounding_only_where_the_author_allows(books):
    half = make_variant(books.question("tiny.half"))
    assert grade_answer(half, "0.5004").correct
    assert not grade_answer(half, "0.501").correct
    exact = make_variant(books.question("tiny.params"), 3)
    right = exact.answer
    assert grade_answer(exact, str(right)).correct
    assert not grade_answer(exact, str(right + 1)).correct  # counts are exact by default


def test_choice_single_and_multiple(books):
    single = make_variant(books.question("tiny.pick"))
    assert grade_answer(single, "A").correct and grade_answer(single, "1").correct
    assert grade_answer(single, "c").mistake == "scalar-for-shape"
    with pytest.raises(AnswerFormatError, match="exactly one"):
        grade_answer(single, "a, b")
    many = make_variant(books.question("tiny.many"))
    assert grade_answer(many, "c, a").correct and grade_answer(many, "a and c").correct
    assert grade_answer(many, "a").mistake == "missed-one"
    partial = grade_answer(many, "a, b")
    assert not partial.correct and "1 correct choice(s) missing, 1 wrong choice(s) picked" in partial.feedback
    assert grade_answer(many, "ca").correct and grade_answer(many, "AC").correct  # no commas
    with pytest.raises(AnswerFormatError, match="names a letter twice"):
        grade_answer(many, "aac")
    with pytest.raises(AnswerFormatError, match="exactly one"):
        grade_answer(single, "ab")


def test_shape_rank_mismatch_is_explained(books):
    variant = make_variant(books.question("tiny.shape"))
    verdict = grade_answer(variant, "(8, 16, 112)")
    assert not verdict.correct and "4 dimensions; yours has 3" in verdict.feedback
