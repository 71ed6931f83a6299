"""`dltutor bank show QID [--seed N] [--json]`: the author's view of one variant, every kind."""

from __future__ import annotations

from pathlib import Path

import pytest

# one built-in question of each kind, with what its reference answer must be
KINDS = [
    ("la.linear-params", "numeric"),
    ("la.image-batch-shape", "shape"),
    ("la.matmul-defined", "choice"),
    ("la.grad-linear", "matrix"),
    ("eig.char-poly", "expression"),
    ("eig.variance-derivative", "derivative"),
    ("code.softmax", "code"),
]


@pytest.mark.parametrize("qid, kind", KINDS, ids=[k for _, k in KINDS])
def test_every_kind_shows_prompt_answer_wrong_answers_and_explanation(cli, qid, kind):
    code, data = cli.json("bank", "show", qid, "--seed", 3)
    assert code == 0 and (data["id"], data["kind"], data["seed"]) == (qid, kind, 3)
    assert data["prompt"].strip() and data["explanation"].strip() and data["hints"]
    assert data["answer"] not in (None, "", []) and data["answer_text"]
    assert data["wrong"] and all(
        w["mistake"] and w["feedback"] and w["answer"] not in (None, "") for w in data["wrong"]
    )


def test_a_numeric_answer_is_a_number_that_the_quiz_accepts(cli):
    data = cli.json("bank", "show", "la.linear-params", "--seed", 4)[1]
    assert data["answer"] == 50 * 256 + 256 and isinstance(data["answer"], int)
    assert (data["values"]["n_in"], data["values"]["n_out"]) == (50, 256)
    assert data["wrong"][0]["answer"] == 50 * 256 and data["wrong"][0]["mistake"] == "forgot-bias"
    verdict = cli.json("quiz", "--id", "la.linear-params", "--seed", 4, "--answer", str(data["answer"]))[1]
    assert verdict["verdict"] == "correct"


def test_a_half_way_answer_shows_both_neighbours(cli):
    data = cli.json("bank", "show", "prob.gaussian-mle-variance", "--seed", 1)[1]
    assert data["answer"] == 9.6875 and data["decimals"] == 3
    assert data["answer_text"] == "9.688 (or 9.687: 9.6875 is half-way)"
    assert data["prompt"].endswith("Give it to 3 decimals.")


def test_a_shape_answer_is_a_list_of_sizes_and_a_choice_answer_its_letters(cli):
    shape = cli.json("bank", "show", "la.image-batch-shape", "--seed", 3)[1]
    assert all(isinstance(size, int) for size in shape["answer"])
    choice = cli.json("bank", "show", "la.matmul-defined", "--seed", 3)[1]
    letters = choice["answer"] if isinstance(choice["answer"], list) else [choice["answer"]]
    assert all(
        f"{letter}) {choice['choices'][ord(letter) - 97]}" in choice["answer_text"] for letter in letters
    )


def test_a_code_exercise_names_its_reference_and_wrong_files(cli):
    data = cli.json("bank", "show", "code.softmax")[1]
    assert Path(data["answer"]).name == "reference.py" and Path(data["answer"]).is_file()
    assert all(
        Path(w["answer"]).is_file() and Path(w["answer"]).name.startswith("wrong_") for w in data["wrong"]
    )
    assert "softmax" in data["signature"] and data["prompt"].strip()


def test_the_text_view_shows_the_answer_the_mistakes_and_the_explanation(cli):
    result = cli("bank", "show", "prob.gaussian-mle-variance", "--seed", 1)
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "Answer: 9.688 (or 9.687: 9.6875 is half-way)" in text
    assert "used-unbiased-estimate" in text and "gave-standard-deviation" in text
    assert "Explanation:" in text and "Give it to 3 decimals." in text


def test_an_unknown_id_is_one_line_with_a_suggestion_and_exit_2(cli):
    result = cli("bank", "show", "prob.gausian-mle-variance")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "did you mean 'prob.gaussian-mle-variance'?" in result.stderr
    code, data = cli.json("bank", "show", "nope.nothing")
    assert code == 2 and "no question 'nope.nothing'" in data["error"]
