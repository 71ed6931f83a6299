"""`check-gradient --code`: a hand-written backward against finite differences."""

from __future__ import annotations

from pathlib import Path

import pytest

CODE = Path(__file__).parent.parent / "fixtures" / "code"


def test_a_correct_autograd_function_passes(cli):
    code, data = cli.json("check-gradient", "--code", f"{CODE / 'sig.py'}:MySigmoid")
    assert code == 0 and data["verdict"] == "correct" and data["style"] == "function-class"
    assert data["inputs"][0]["shape"] == [4, 5] and data["inputs"][0]["max_abs_error"] < 1e-6


def test_a_sign_error_in_a_sigmoid_backward_is_caught_and_named(cli):
    result = cli("check-gradient", "--code", f"{CODE / 'sig.py'}:BadSigmoid")
    assert result.exit_code == 1
    assert "sign flipped" in result.stdout and "does not match" in result.stdout
    code, data = cli.json("check-gradient", "--code", f"{CODE / 'sig.py'}:BadSigmoid")
    report = data["inputs"][0]
    assert code == 1 and report["ok"] is False
    assert report["claimed"] == pytest.approx(-report["numeric"], rel=1e-4)


def test_numpy_function_with_companion_backward_and_shapes(cli):
    code, data = cli.json(
        "check-gradient", "--code", f"{CODE / 'np_layer.py'}:linear", "--shape", "3,4", "--shape", "2,4"
    )
    assert code == 0 and [r["shape"] for r in data["inputs"]] == [[3, 4], [2, 4]]
    code, data = cli.json("check-gradient", "--code", f"{CODE / 'np_layer.py'}:softmax")
    assert code == 1 and data["inputs"][0]["ok"] is False and data["inputs"][0]["pattern"] is None


@pytest.mark.parametrize(
    "spec, shapes, words",
    [
        ("nope.py:f", [], "does not exist"),
        ("sig.py:Nope", [], "no function or class 'Nope'"),
        ("np_layer.py:linear_backward", [], "no linear_backward_backward"),
        ("syntax.py:broken", [], "syntax error"),
        ("np_layer.py:linear", ["3,4"], "takes 2 input(s)"),
        ("np_layer.py:softmax", ["100,100"], "smaller --shape"),
    ],
)
def test_unusable_file_or_name_is_exit_2(cli, spec, shapes, words):
    args = [a for s in shapes for a in ("--shape", s)]
    result = cli("check-gradient", "--code", str(CODE / spec), *args)
    assert result.exit_code == 2 and words in result.stderr, result.stderr
    assert "Traceback" not in result.output
