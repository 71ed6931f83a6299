"""Before the last try the feedback explains the mistake without giving the answer
away; after the last try (and after a one-shot --answer) the answer is shown."""

from __future__ import annotations

from dltutor.bank.catalogue import Catalogue, search_path
from dltutor.bank.variants import make_variant
from dltutor.grading import shown_answer, wrong_answer_text

SEED = 1


def _variant(qid: str):
    return make_variant(Catalogue(search_path([])).question(qid), SEED)


def test_first_miss_on_the_jacobian_shape_keeps_the_why_and_hides_the_shape(cli):
    variant = _variant("cb.jacobian-shape")
    answer, transposed = shown_answer(variant), wrong_answer_text(variant, variant.wrong[0].answer)
    result = cli("quiz", "--id", "cb.jacobian-shape", "--seed", SEED, input=f"{transposed}\n{transposed}\n")
    first, last = result.stdout.split("Try once more")
    assert "One row per output, one column per input." in first
    assert answer not in first
    assert f"one column per input: {answer}" in " ".join(last.split())  # the full feedback
    assert f"Answer: {answer}" in last


def test_a_numeric_mistake_keeps_its_reasoning_up_to_the_number(cli):
    variant = _variant("ff.relu-pieces")
    kinks = wrong_answer_text(variant, variant.wrong[0].answer)
    result = cli("quiz", "--id", "ff.relu-pieces", "--seed", SEED, input=f"{kinks}\n")
    first = result.stdout.split("Try once more")[0]
    assert "Each unit adds at most one kink" in first
    assert f"{shown_answer(variant)} pieces" not in " ".join(first.split())


def test_a_one_shot_answer_shows_the_answer_since_there_is_no_second_try(cli):
    variant = _variant("cb.jacobian-shape")
    wrong = wrong_answer_text(variant, variant.wrong[0].answer)
    result = cli("quiz", "--id", "cb.jacobian-shape", "--seed", SEED, "--answer", wrong)
    assert result.exit_code == 1
    assert f"Answer: {shown_answer(variant)}" in result.stdout
    right = cli("quiz", "--id", "cb.jacobian-shape", "--seed", SEED, "--answer", shown_answer(variant))
    assert right.exit_code == 0 and "Answer:" not in right.stdout


def test_a_choice_of_two_has_one_try_since_a_second_would_give_it_away(cli):
    from tests.cli.learner import COURSE

    result = cli("quiz", "--bank", COURSE, "--id", "next.pick", input="b\n")
    assert "Try once more" not in result.stdout and "Answer: a" in result.stdout
    assert result.exit_code == 1
