"""The built-in bank proves itself: every answer right, every wrong answer wrong."""

from __future__ import annotations

import pytest

from dltutor.bank.catalogue import Catalogue, builtin_bank, search_path
from dltutor.bank.models import PlotBlock
from dltutor.bank.validate import validate
from tests.code.curriculum import by_topic

CURRICULUM = [
    "linear-algebra",
    "eigen-svd-pca",
    "calculus-backprop",
    "probability",
    "losses-information",
    "bayesian",
    "activations",
    "feedforward",
    "optimizers",
    "regularization",
    "gradient-flow",
    "convolution",
    "cnn-architectures",
    "detection-segmentation",
    "manifolds",
    "recurrent",
    "attention-transformers",
    "language-models",
    "autoencoders-vae",
    "generative-models",
    "explainability",
    "frontiers",
]
# issue 11: the topics that complete the book's chapters meet a higher bar
BOOK_TOPICS = ["detection-segmentation", "manifolds", "language-models", "generative-models"]
NEW_TOPICS = BOOK_TOPICS


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


def test_every_topic_meets_the_curriculum_bar(books):
    """CURRICULUM.md: at least 10 questions of at least three kinds, one or more
    checked by SymPy or by running code; issue 5: a third parametrised."""
    assert books.topic_ids == CURRICULUM
    for topic in books.topic_ids:
        questions = books.questions(topic)
        bank = [q for q in questions if q.kind != "code"]
        kinds = {q.kind for q in questions}
        assert len(questions) >= 10 and len(kinds) >= 3, topic
        assert kinds & {"expression", "derivative", "matrix", "code"}, topic
        assert 3 * sum(q.parametrised for q in bank) >= len(bank), topic
        assert len(questions) >= 14 and len(kinds) >= 4, topic  # issue 11: every one of the 22
    total = sum(len(books.questions(t)) for t in books.topic_ids)
    assert total >= 180
    # every code exercise of CURRICULUM.md, all forms (tests/code/curriculum.py)
    assert {q.id for t in books.topic_ids for q in books.questions(t) if q.kind == "code"} == set().union(
        *by_topic().values()
    )


def test_the_topics_completing_the_book_meet_the_higher_bar(books):
    """Issue 11: at least 14 questions of at least four kinds, a third parametrised, one
    symbolic or code question, a plot, and every lesson section taught by a question."""
    for topic in BOOK_TOPICS:
        questions = books.questions(topic)
        bank = [q for q in questions if q.kind != "code"]
        kinds = {q.kind for q in questions}
        assert len(questions) >= 14 and len(kinds) >= 4, topic
        assert kinds & {"expression", "derivative", "matrix", "code"}, topic
        assert 3 * sum(q.parametrised for q in bank) >= len(bank), topic
        lesson = books.lesson(topic)
        assert any(isinstance(b, PlotBlock) for s in lesson.sections for b in s.blocks), topic
        sections = {s.title for s in lesson.sections}
        taught = {q.section for q in questions}
        assert taught == sections, (topic, sorted(sections ^ taught))
        for question in questions:  # each wrong answer names its own misunderstanding
            mistakes = [w.mistake for w in question.wrong]
            assert len(set(mistakes)) == len(mistakes) and 1 <= len(question.hints) <= 3, question.id


def test_every_lesson_section_is_taught_by_a_question_in_every_topic(books):
    """Issue 11 §4: no section without a question that practises it, and no
    question pointing at a section that does not exist."""
    for topic in books.topic_ids:
        titles = [s.title for s in books.lesson(topic).sections]
        taught = {q.section for q in books.questions(topic)}
        assert [t for t in titles if t not in taught] == [], topic
        assert taught - {None} <= set(titles), topic
