"""Parameters: the same seed always gives the same variant, and templates fill right."""

from __future__ import annotations

import dataclasses

import pytest

from dltutor.bank.arith import evaluate
from dltutor.bank.catalogue import Catalogue, search_path
from dltutor.bank.models import Param
from dltutor.bank.variants import fill, make_variant
from dltutor.errors import BankError
from tests.conftest import GOOD


@pytest.fixture(scope="module")
def params_question():
    return Catalogue(search_path([GOOD])).question("tiny.params")


def test_same_seed_same_values_in_a_fresh_process_too(params_question):
    import subprocess
    import sys

    here = make_variant(params_question, 11).values
    code = (
        "from dltutor.bank.catalogue import Catalogue, search_path;"
        "from dltutor.bank.variants import make_variant;"
        f"print(make_variant(Catalogue(search_path([{str(GOOD)!r}])).question('tiny.params'), 11)"
        ".values)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.stdout.strip() == str(here)


def test_answer_that_is_one_expression_stays_a_number(params_question):
    variant = make_variant(params_question, 2)
    n, m = variant.values["n"], variant.values["m"]
    assert variant.answer == n * m + m and isinstance(variant.answer, int)
    assert variant.explanation == f"{n}·{m} weights plus {m} biases = {n * m + m}."


def test_fill_formats_escapes_and_recurses():
    values = {"lr": 0.1234567, "n": 3}
    assert fill("lr={lr:.2f}, n²={n**2}", values) == "lr=0.12, n²=9"
    assert fill("a set {{0, 1}} and {n}", values) == "a set {0, 1} and 3"
    assert fill(["({n}, {n + 1})", {"k": "{n * 2}"}], values) == ["(3, 4)", {"k": 6}]
    assert fill("{1/4}", {}) == 0.25 and fill("x = {1/4}", {}) == "x = 0.25"


@pytest.mark.parametrize(
    "text",
    ["__import__('os')", "n.real", "[n]", "lambda: 1", "open('x')", "2 ** 100000", "n if n else 1", "'text'"],
)
def test_parameter_expressions_are_arithmetic_only(text):
    with pytest.raises(BankError):
        evaluate(text, {"n": 3})


def test_a_parameter_that_breaks_the_answer_names_question_and_seed(params_question):
    broken = dataclasses.replace(
        params_question, params=(Param("n", "int", [0, 0]), Param("m", "value", "1/n"))
    )
    with pytest.raises(BankError, match=r"question 'tiny.params', seed 4: .*division by zero"):
        make_variant(broken, 4)
