"""Issue 9 §2 through the CLI: notations learners type, and inputs that once crashed."""

from __future__ import annotations

import pytest


def quiz(cli, qid: str, answer: str, seed: int = 0) -> tuple[int, dict]:
    return cli.json("quiz", "--id", qid, "--seed", str(seed), "--answer", answer)


def test_a_huge_number_is_refused_in_one_json_object(cli):
    code, data = quiz(cli, "act.d-sigmoid", "(10^300)^20")
    assert code == 2 and data["verdict"] == "invalid" and "too large" in data["feedback"]


def test_a_huge_ratio_while_naming_the_mistake_is_no_crash(cli):
    code, data = cli.json("check-gradient", "sin(x)^1000*cos(x)^1000*tanh(x)^1000*exp(x)^1000",
                          "1")
    assert code == 1 and data["verdict"] == "incorrect"
