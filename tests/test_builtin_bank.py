"""The built-in bank proves itself: every answer right, every wrong answer wrong."""

from __future__ import annotations

import pytest

from dltutor.bank.catalogue import Catalogue, builtin_bank, search_path
from dltutor.bank.validate import validate

CURRICULUM = [
    "linear-algebra", "eigen-svd-pca", "calculus-backprop", "probability", "losses-information",
    "bayesian", "activations", "feedforward", "optimizers", "regularization", "gradient-flow",
    "convolution", "cnn-architectures", "recurrent", "attention-transformers", "autoencoders-vae",
    "explainability", "frontiers",
]


@pytest.fixture(scope="module")
def books() -> Catalogue:
    return Catalogue(search_path())


def test_builtin_topics_are_curriculum_topics_in_teaching_order(books):
    assert books.topic_ids == [t for t in CURRICULUM if t in books.topic_ids]
    folders = sorted(p.name for p in builtin_bank().iterdir() if p.is_dir() and not p.name.startswith("_"))
    assert sorted(books.topic_ids) == folders


def test_every_builtin_question_and_lesson_self_checks(books):
    reports = validate(books, books.topic_ids)
    problems = [p for r in reports for p in r.problems]
    assert problems == []


def test_every_builtin_question_has_what_a_learner_needs(books):
    for topic in books.topic_ids:
        for question in books.questions(topic):
            assert question.hints and question.wrong and question.explanation.strip(), question.id
            assert all(w.feedback.strip() and w.mistake.strip() for w in question.wrong), question.id
            if question.section is not None:
                titles = [s.title for s in books.lesson(topic).sections]
                assert question.section in titles, (question.id, question.section)
