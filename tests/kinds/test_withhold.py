"""withhold_answer: what feedback keeps before the last try, for each kind of answer."""

from __future__ import annotations

from dltutor.bank.catalogue import Catalogue, search_path
from dltutor.bank.variants import make_variant
from dltutor.grading import shown_answer
from dltutor.kinds.base import incorrect
from dltutor.kinds.withhold import withhold_answer

SEED = 0


def _variant(qid: str):
    return make_variant(Catalogue(search_path([])).question(qid), SEED)


def test_a_choice_feedback_naming_the_right_letter_loses_that_sentence():
    variant = _variant("attn.why-positions")
    right = shown_answer(variant)
    verdict = incorrect("b", f"Order is the point. ({right}) says so.", "no-order")
    assert withhold_answer(verdict, variant).feedback == "Order is the point."


def test_an_expression_in_a_code_span_is_the_answer_given_away():
    variant = _variant("attn.score-variance")
    verdict = incorrect(
        "d**2", f"Independent variances add: the sum has variance `{shown_answer(variant)}`.", "squared"
    )
    assert withhold_answer(verdict, variant).feedback == "Independent variances add."


def test_when_every_sentence_gives_it_away_the_mistake_is_named():
    variant = _variant("vae.latent-shape")
    verdict = incorrect("(2, 64, 2)", f"It is {shown_answer(variant)}.", "thinks-chunk-stacks")
    shown = withhold_answer(verdict, variant).feedback
    assert "thinks chunk stacks" in shown and shown_answer(variant) not in shown


def test_feedback_without_the_answer_is_kept_word_for_word():
    variant = _variant("cb.jacobian-shape")
    verdict = incorrect("(1, 2)", "One row per output, one column per input.", "other")
    assert withhold_answer(verdict, variant) == verdict
