"""`dltutor quiz --id`: show and grade one question, with exit codes and JSON."""

from __future__ import annotations

import json

from tests.conftest import GOOD


def test_show_prints_the_prompt_and_choices(cli):
    result = cli("quiz", "--bank", GOOD, "--id", "tiny.pick", "--show")
    assert result.exit_code == 0
    assert "Which of these is a shape?" in result.stdout
    assert "a) (2, 3)" in result.stdout and "c) 2.5" in result.stdout


def test_show_json_has_the_fields_a_script_needs(cli):
    code, data = cli.json("quiz", "--bank", GOOD, "--id", "tiny.params", "--seed", "4", "--show")
    assert code == 0
    assert data["id"] == "tiny.params" and data["kind"] == "numeric" and data["seed"] == 4
    assert data["parametrised"] is True and "nn.Linear(" in data["prompt"]


def test_same_seed_same_variant_other_seed_other_variant(cli):
    prompts = {
        cli.json("quiz", "--bank", GOOD, "--id", "tiny.params", "--seed", s, "--show")[1]["prompt"]
        for s in ("1", "1", "2", "3", "4", "5")
    }
    first = cli.json("quiz", "--bank", GOOD, "--id", "tiny.params", "--seed", "1", "--show")[1]["prompt"]
    assert first in prompts and len(prompts) >= 3


def test_correct_answer_exits_0_with_verdict_json(cli):
    code, data = cli.json("quiz", "--bank", GOOD, "--id", "tiny.shape", "--answer", "[8, 16, 112, 112]")
    assert code == 0
    assert data["verdict"] == "correct" and data["score"] == 1.0
    assert data["read_as"] == "(8, 16, 112, 112)"
    assert "feedback" in data and "explanation" in data


def test_known_wrong_answer_exits_1_with_its_feedback(cli):
    code, data = cli.json("quiz", "--bank", GOOD, "--id", "tiny.shape", "--answer", "8x112x112x16")
    assert code == 1
    assert data["verdict"] == "incorrect" and data["mistake"] == "channels-last"
    assert data["feedback"] == "PyTorch is channels-first."
    assert data["answer"] == "(8, 16, 112, 112)"  # one shot: the answer comes with the verdict, as in text


def test_a_right_answer_carries_no_separate_answer_field(cli):
    code, data = cli.json("quiz", "--bank", GOOD, "--id", "tiny.shape", "--answer", "[8, 16, 112, 112]")
    assert code == 0 and "answer" not in data


def test_parametrised_answer_depends_on_the_seed(cli):
    variant = cli.json("quiz", "--bank", GOOD, "--id", "tiny.params", "--seed", "7", "--show")[1]
    n, m = [int(t) for t in variant["prompt"].split("nn.Linear(")[1].split(")")[0].split(",")]
    code, data = cli.json(
        "quiz", "--bank", GOOD, "--id", "tiny.params", "--seed", "7", "--answer", str(n * m + m)
    )
    assert (code, data["verdict"]) == (0, "correct")
    code, data = cli.json(
        "quiz", "--bank", GOOD, "--id", "tiny.params", "--seed", "7", "--answer", str(n * m)
    )
    assert (code, data["mistake"]) == (1, "forgot-bias")


def test_unreadable_answer_exits_2_as_invalid_not_incorrect(cli):
    code, data = cli.json("quiz", "--bank", GOOD, "--id", "tiny.half", "--answer", "half")
    assert code == 2 and data["verdict"] == "invalid"
    assert "not a number" in data["feedback"]
    result = cli("quiz", "--bank", GOOD, "--id", "tiny.shape", "--answer", "(8, 16")
    assert result.exit_code == 2 and "brackets" in result.stderr and "Traceback" not in result.output


def test_answer_file(cli, tmp_path):
    answer = tmp_path / "answer.txt"
    answer.write_text("1/2\n")
    code, data = cli.json("quiz", "--bank", GOOD, "--id", "tiny.half", "--answer-file", answer)
    assert (code, data["verdict"], data["read_as"]) == (0, "correct", "1/2 = 0.5")
    result = cli("quiz", "--bank", GOOD, "--id", "tiny.half", "--answer-file", tmp_path / "nope.txt")
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_unknown_id_says_so_and_suggests(cli):
    result = cli("quiz", "--bank", GOOD, "--id", "tiny.pik", "--show")
    assert result.exit_code == 2
    assert "no question 'tiny.pik'" in result.stderr and "tiny.pick" in result.stderr
    assert "Traceback" not in result.output


def test_answer_without_id_is_a_usage_error(cli):
    result = cli("quiz", "--bank", GOOD, "--answer", "a")
    assert result.exit_code == 2 and "--id" in result.stderr


def test_graded_answers_are_recorded_as_progress(cli):
    cli("quiz", "--bank", GOOD, "--id", "tiny.pick", "--answer", "a")
    cli("quiz", "--bank", GOOD, "--id", "tiny.pick", "--answer", "c")
    cli("quiz", "--bank", GOOD, "--id", "tiny.pick", "--answer", "zz")  # unreadable: not an attempt
    code, data = cli.json("progress", "--bank", GOOD)
    assert code == 0
    tiny = data["topics"]["tiny-topic"]
    assert (tiny["attempts"], tiny["correct"], tiny["accuracy"]) == (2, 1, 0.5)
    assert tiny["questions"]["tiny.pick"]["reviews"] == 2  # each graded answer moved its card
    assert tiny["questions"]["tiny.half"] == {
        "due": None,
        "reviews": 0,
        "lapses": 0,
        "leech": False,
        "mastery": 0.0,
    }
    assert json.dumps(data)  # one JSON object, nothing else on stdout
